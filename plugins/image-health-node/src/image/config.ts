import type { RootKind } from '@image-health/plugin-image-health-common';
import type { ImageConfig } from '../registry';
import { isSecretName } from '../secrets';
import { isRecord } from '../jsonValues';

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

/** The image writes its config: every field is checked for its type before it is read. */
export function configFacts(config: ImageConfig): ConfigFacts {
  const c = isRecord(config?.config) ? config.config : {};
  const strings = (value: unknown): string[] =>
    Array.isArray(value)
      ? value.filter((v): v is string => typeof v === 'string')
      : [];
  const secretEnvNames: string[] = [];
  for (const pair of strings(c.Env)) {
    const eq = pair.indexOf('=');
    const name = eq < 0 ? pair : pair.slice(0, eq);
    const value = eq < 0 ? '' : pair.slice(eq + 1);
    if (value && isSecretName(name)) secretEnvNames.push(name);
  }
  const test = strings(isRecord(c.Healthcheck) ? c.Healthcheck.Test : []);
  let healthcheck: string | undefined;
  if (test.length && test[0] !== 'NONE') {
    healthcheck =
      test[0] === 'CMD-SHELL' || test[0] === 'CMD'
        ? test.slice(1).join(' ')
        : test.join(' ');
  }
  const labels: Record<string, string> = {};
  if (isRecord(c.Labels))
    for (const [key, value] of Object.entries(c.Labels))
      if (typeof value === 'string') labels[key] = value;
  return {
    ...classifyUser(typeof c.User === 'string' ? c.User : undefined),
    exposedPorts: isRecord(c.ExposedPorts)
      ? Object.keys(c.ExposedPorts).sort()
      : [],
    labels,
    secretEnvNames,
    healthcheck,
  };
}
