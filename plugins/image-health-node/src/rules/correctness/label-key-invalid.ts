import type { Rule } from '../types';
import type { Instruction } from '../../dockerfile/model';
import { hadolintDocsUrl } from '../peer';
import { labelInstruction } from './labelSchema';

const equivalents = ['DL3048'];

const RESERVED = ['com.docker.', 'io.docker.', 'org.dockerproject.'];

/**
 * Why a label key breaks Docker's key format, or undefined: lower-case letters,
 * digits, `.`, `-`, `_` and `/` only, a letter first, a letter or digit last,
 * no `..` or `--`, outside Docker's own namespaces.
 */
export function keyProblem(key: string): string | undefined {
  if (RESERVED.some(r => key.startsWith(r)))
    return `uses Docker's reserved namespace ${RESERVED.find(r =>
      key.startsWith(r),
    )}`;
  if (/[^0-9a-z._/-]/.test(key))
    return 'has characters other than lower-case letters, digits, ".", "-", "_" and "/"';
  if (!/^[a-z]/.test(key)) return 'does not start with a lower-case letter';
  if (!/[a-z0-9]$/.test(key))
    return 'does not end with a lower-case letter or digit';
  if (key.includes('..') || key.includes('--'))
    return 'has consecutive separators';
  return undefined;
}

/**
 * The keys of a LABEL, quotes removed: `LABEL a=1 "b"=2`, or the older
 * `LABEL key value with spaces`, whose one key is the first word.
 */
export function labelKeys(label: Instruction): string[] {
  const words = label.words.map(w => w.value);
  if (words.length === 0) return [];
  const unquote = (key: string) => key.replace(/["']/g, '');
  if (!words[0].includes('=')) return [unquote(words[0])];
  return words.map(w => unquote(w.split('=')[0]));
}

/** DL3048: LABEL (and ONBUILD LABEL) keys in Docker's recommended key format; one finding per instruction. */
export const rule: Rule = {
  id: 'label-key-invalid',
  title: 'Invalid label key',
  category: 'correctness',
  severity: 'info',
  equivalents,
  description:
    'Docker recommends label keys in reverse-DNS form of lower-case letters, digits, `.`, `-`, `_` and `/` (a letter first, a letter or digit last, no `..` or `--`), and reserves the com.docker.*, io.docker.* and org.dockerproject.* namespaces. Use e.g. `org.opencontainers.image.source`.',
  docsUrl: hadolintDocsUrl(equivalents),
  check({ model }) {
    return model.instructions.flatMap(instruction => {
      const label = labelInstruction(instruction);
      if (!label) return [];
      for (const key of labelKeys(label)) {
        const problem = keyProblem(key);
        if (problem)
          return [
            {
              instruction,
              message: `label key ${JSON.stringify(key)} ${problem}`,
              summary:
                'Use a lower-case, reverse-DNS label key such as org.opencontainers.image.title.',
            },
          ];
      }
      return [];
    });
  },
};
