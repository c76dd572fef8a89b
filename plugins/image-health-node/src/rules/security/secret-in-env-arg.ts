import type { Rule } from '../types';
import { keyValues } from '../support';

const SECRET_WORDS = new Set([
  'password',
  'passwd',
  'pword',
  'pwd',
  'secret',
  'token',
  'apikey',
  'credential',
  'credentials',
  'privatekey',
]);
const SECRET_PAIRS =
  /(api|private|secret|access|auth|client|signing|encryption)_?key$/i;

/** Whether an ENV/ARG name says it carries a secret (`DB_PASSWORD`, `GITHUB_TOKEN`, `AWS_SECRET_ACCESS_KEY`). */
export function isSecretName(name: string): boolean {
  const words = name
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .toLowerCase()
    .split(/[_\-.]+/)
    .filter(Boolean);
  if (
    words.some(
      w => w === 'public' || w === 'file' || w === 'path' || w === 'gpg',
    )
  )
    return false;
  return words.some(w => SECRET_WORDS.has(w)) || SECRET_PAIRS.test(name);
}

export const rule: Rule = {
  id: 'secret-in-env-arg',
  title: 'Secret passed through ENV or ARG',
  category: 'security',
  severity: 'error',
  equivalents: ['SecretsUsedInArgOrEnv', 'CIS-DI-0010'],
  description:
    'ENV values ship in the image config and ARG values in its history: anyone who can pull the image can read them. Use RUN --mount=type=secret at build time and inject runtime secrets at deploy time.',
  docsUrl: 'https://docs.docker.com/build/building/secrets/',
  check({ model }) {
    const hits = [];
    for (const instruction of model.instructions) {
      if (instruction.keyword !== 'ENV' && instruction.keyword !== 'ARG')
        continue;
      for (const [name] of keyValues(instruction)) {
        if (!isSecretName(name)) continue;
        hits.push({
          instruction,
          message: `${instruction.keyword} ${name} puts a secret into the image`,
          summary:
            'Pass it with RUN --mount=type=secret,id=… at build time, or as a runtime environment variable from your orchestrator.',
          after: `RUN --mount=type=secret,id=${name.toLowerCase()},env=${name} <command that needs it>`,
        });
      }
    }
    return hits;
  },
};
