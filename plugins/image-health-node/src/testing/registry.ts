import { writeFile, mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { request } from 'undici';
import { freePort, run, startProcess } from './processes';

export interface TestRegistry {
  /** `127.0.0.1:<port>`, as written in image references. */
  host: string;
  stop(): Promise<void>;
}

export type RegistryAuth =
  | { kind: 'open' }
  | { kind: 'htpasswd'; users: Record<string, string> }
  | {
      kind: 'token';
      realm: string;
      service: string;
      issuer: string;
      certPath: string;
    };

/**
 * Starts Debian's docker-registry (distribution 2.8) on a free loopback port
 * with its own config file. Several instances may share one storage directory
 * (one open for pushing, others with auth for reading).
 */
export async function startRegistry(options: {
  dir: string;
  storage: string;
  auth?: RegistryAuth;
}): Promise<TestRegistry> {
  const port = await freePort();
  const name = `registry-${port}`;
  const dir = join(options.dir, name);
  await mkdir(dir, { recursive: true });
  let auth = '';
  const auth0 = options.auth ?? { kind: 'open' };
  if (auth0.kind === 'htpasswd') {
    const file = join(dir, 'htpasswd');
    await writeFile(file, '');
    for (const [user, password] of Object.entries(auth0.users)) {
      await run('htpasswd', ['-bB', file, user, password]);
    }
    auth = `auth:\n  htpasswd:\n    realm: test-realm\n    path: ${file}\n`;
  } else if (auth0.kind === 'token') {
    auth = `auth:\n  token:\n    realm: ${auth0.realm}\n    service: ${auth0.service}\n    issuer: ${auth0.issuer}\n    rootcertbundle: ${auth0.certPath}\n`;
  }
  const config = join(dir, 'config.yml');
  await writeFile(
    config,
    `version: 0.1
log:
  level: error
  accesslog:
    disabled: true
storage:
  filesystem:
    rootdirectory: ${options.storage}
  delete:
    enabled: true
  maintenance:
    uploadpurging:
      enabled: false
http:
  addr: 127.0.0.1:${port}
  secret: image-health-test-secret
${auth}`,
  );
  const host = `127.0.0.1:${port}`;
  const proc = await startProcess(
    'docker-registry',
    ['serve', config],
    async () => {
      const res = await request(`http://${host}/v2/`);
      await res.body.dump();
      return res.statusCode === 200 || res.statusCode === 401;
    },
  );
  return { host, stop: proc.stop };
}
