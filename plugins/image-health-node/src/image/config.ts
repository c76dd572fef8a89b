import type { RootKind } from '@image-health/plugin-image-health-common';
import type { ImageConfig } from '../registry/manifest';

/** What the image config says about how the container runs. */
export interface ConfigFacts {
  user: string;
  userIsRoot: boolean;
  rootKind: RootKind;
  exposedPorts: string[];
  labels: Record<string, string>;
  secretEnvNames: string[];
  healthcheck?: string;
}

const SECRET_ENV =
  /(?:PASSWORD|PASSWD|PASSPHRASE|SECRET|TOKEN|API_?KEY|ACCESS_?KEY|PRIVATE_?KEY|CREDENTIALS?|AUTH_?KEY)/i;
/** Names that point at a secret or verify signatures rather than hold a secret. */
const NOT_SECRET_ENV =
  /(?:_FILE|_PATH|_DIR|_URL_FILE|_ID)$|^GPG_KEYS?$|KEYRING/i;

/** USER as Docker reads it: `name|uid[:group|gid]`; empty means root. */
export function classifyUser(user: string | undefined): {
  user: string;
  userIsRoot: boolean;
  rootKind: RootKind;
} {
  const value = (user ?? '').trim();
  if (!value) return { user: '', userIsRoot: true, rootKind: 'implicit' };
  const name = value.split(':')[0];
  if (name === 'root' || /^0+$/.test(name))
    return { user: value, userIsRoot: true, rootKind: 'explicit' };
  return { user: value, userIsRoot: false, rootKind: 'none' };
}

export function configFacts(config: ImageConfig): ConfigFacts {
  const c = config.config ?? {};
  const secretEnvNames: string[] = [];
  for (const pair of c.Env ?? []) {
    const eq = pair.indexOf('=');
    const name = eq < 0 ? pair : pair.slice(0, eq);
    const value = eq < 0 ? '' : pair.slice(eq + 1);
    if (value && SECRET_ENV.test(name) && !NOT_SECRET_ENV.test(name))
      secretEnvNames.push(name);
  }
  const test = c.Healthcheck?.Test;
  let healthcheck: string | undefined;
  if (test && test.length && test[0] !== 'NONE') {
    healthcheck =
      test[0] === 'CMD-SHELL' || test[0] === 'CMD'
        ? test.slice(1).join(' ')
        : test.join(' ');
  }
  return {
    ...classifyUser(c.User),
    exposedPorts: Object.keys(c.ExposedPorts ?? {}).sort(),
    labels: { ...(c.Labels ?? {}) },
    secretEnvNames,
    healthcheck,
  };
}
