import { readFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join } from 'node:path';
import type { RegistryConfig } from './types';
import { canonicalHost } from './reference';

/**
 * Credentials from a docker `config.json` (`docker login`, `skopeo login`),
 * for the CLI. Credential helpers (`credsStore`) are not run.
 */
export async function loadDockerConfigCredentials(
  path = process.env.DOCKER_CONFIG
    ? join(process.env.DOCKER_CONFIG, 'config.json')
    : join(homedir(), '.docker', 'config.json'),
): Promise<Map<string, NonNullable<RegistryConfig['auth']>>> {
  const out = new Map<string, NonNullable<RegistryConfig['auth']>>();
  let json: {
    auths?: Record<
      string,
      {
        auth?: string;
        username?: string;
        password?: string;
        identitytoken?: string;
        registrytoken?: string;
      }
    >;
  };
  try {
    json = JSON.parse(await readFile(path, 'utf8'));
  } catch {
    return out;
  }
  for (const [key, entry] of Object.entries(json.auths ?? {})) {
    const host = canonicalHost(
      key.replace(/^https?:\/\//, '').replace(/\/.*$/, ''),
    );
    if (entry.registrytoken) {
      out.set(host, { token: entry.registrytoken });
    } else if (entry.auth) {
      const decoded = Buffer.from(entry.auth, 'base64').toString('utf8');
      const colon = decoded.indexOf(':');
      if (colon > 0)
        out.set(host, {
          username: decoded.slice(0, colon),
          password: decoded.slice(colon + 1),
        });
    } else if (entry.username !== undefined && entry.password !== undefined) {
      out.set(host, { username: entry.username, password: entry.password });
    }
  }
  return out;
}
