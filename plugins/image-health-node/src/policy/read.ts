import {
  DEFAULT_BUDGETS,
  parseBytes,
  type Language,
  type SizeBudgets,
} from '@image-health/plugin-image-health-common';
import { Glob } from '../glob/glob';
import type { ImagePolicy } from './types';
import { isRecord } from '../jsonValues';

const KEYS: ReadonlyArray<keyof ImagePolicy> = [
  'allowedBaseImageRegistries',
  'forbiddenBaseImages',
  'requireNonRoot',
  'requiredLabels',
  'maxImageSize',
];
const LANGUAGES = Object.keys(DEFAULT_BUDGETS) as Language[];
/** Longer entries are mistakes, not policies; the bound keeps matching cheap. */
const MAX_ENTRY_LENGTH = 256;
const MAX_ENTRIES = 1000;

function stringList(value: unknown, key: string, example: string): string[] {
  if (
    !Array.isArray(value) ||
    value.length > MAX_ENTRIES ||
    value.some(
      v =>
        typeof v !== 'string' || v.trim() === '' || v.length > MAX_ENTRY_LENGTH,
    )
  )
    throw new Error(
      `${key} must be a list of up to ${MAX_ENTRIES} non-empty strings of at most ${MAX_ENTRY_LENGTH} characters, e.g. [${example}]`,
    );
  return value.map(v => (v as string).trim());
}

/**
 * The policy as written in app-config or a `--policy` file, checked: an
 * unknown key, a wrong type, a malformed glob or size is an error naming the
 * key (`where` is the block's own name, e.g. `imageHealth.policy`), so a
 * typo never leaves a policy silently unenforced.
 */
export function readImagePolicy(data: unknown, where: string): ImagePolicy {
  if (data === undefined || data === null) return {};
  if (!isRecord(data))
    throw new Error(`${where} must be a map with any of ${KEYS.join(', ')}`);
  const policy: ImagePolicy = {};
  for (const [key, value] of Object.entries(data)) {
    const name = `${where}.${key}`;
    switch (key as keyof ImagePolicy) {
      case 'allowedBaseImageRegistries':
        policy.allowedBaseImageRegistries = stringList(
          value,
          name,
          'ghcr.io, docker.io/library',
        ).map(entry => entry.replace(/\/+$/, ''));
        break;
      case 'forbiddenBaseImages':
        policy.forbiddenBaseImages = stringList(
          value,
          name,
          '"*:latest", "node:16*"',
        );
        for (const pattern of policy.forbiddenBaseImages)
          if (!Glob.compile(pattern, { paths: false }))
            throw new Error(
              `${name}: "${pattern}" is not a glob (a [ class is not closed)`,
            );
        break;
      case 'requireNonRoot':
        if (typeof value !== 'boolean')
          throw new Error(`${name} must be true or false`);
        policy.requireNonRoot = value;
        break;
      case 'requiredLabels':
        policy.requiredLabels = stringList(
          value,
          name,
          'org.opencontainers.image.source',
        );
        break;
      case 'maxImageSize':
        policy.maxImageSize = readSizes(value, name);
        break;
      default:
        throw new Error(
          `${name} is not a policy setting; use ${KEYS.join(', ')}`,
        );
    }
  }
  return policy;
}

function readSizes(value: unknown, name: string): Partial<SizeBudgets> {
  if (!isRecord(value))
    throw new Error(
      `${name} must map languages (${LANGUAGES.join(
        ', ',
      )}) to sizes, e.g. { node: 300MB, default: 500MB }`,
    );
  const sizes: Partial<SizeBudgets> = {};
  for (const [language, size] of Object.entries(value)) {
    if (!LANGUAGES.includes(language as Language))
      throw new Error(
        `${name}.${language} is not a language; use ${LANGUAGES.join(', ')}`,
      );
    if (typeof size !== 'string' && typeof size !== 'number')
      throw new Error(`${name}.${language} must be a size such as 300MB`);
    let bytes: number;
    try {
      bytes = parseBytes(size);
    } catch (error) {
      throw new Error(`${name}.${language}: ${(error as Error).message}`);
    }
    if (!(bytes > 0) || !Number.isFinite(bytes))
      throw new Error(`${name}.${language} must be a size above zero`);
    sizes[language as Language] = bytes;
  }
  return sizes;
}
