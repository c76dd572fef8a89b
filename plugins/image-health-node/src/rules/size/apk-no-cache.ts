import type { Rule } from '../types';
import { compact, hasFlag, insertAfter, wordOf } from '../support';
import { eachCommandNamed } from '../peerCommands';
import { hasArgs, hasCacheOrTmpfsMountWith } from '../peer';

export const rule: Rule = {
  id: 'apk-no-cache',
  title: 'apk add without --no-cache',
  category: 'size',
  severity: 'info',
  unshipped: 'silent',
  // DS-0025 agrees on trivy-checks' cases (rules/trivyChecks.test.ts); Trivy does not accept a cache
  // mount on /var/cache/apk, where this rule (as hadolint) stays silent.
  // DKL-DI-0004: dockle reports `apk add` without --no-cache in a RUN (in the image history).
  equivalents: ['DL3019', 'DS-0025', 'DKL-DI-0004'],
  description:
    '`apk add --no-cache` fetches the index to a temporary place and leaves nothing in /var/cache/apk; without it the index stays in the layer. A cache or tmpfs mount on /var/cache/apk is accepted.',
  docsUrl: 'https://github.com/hadolint/hadolint/wiki/DL3019',
  check({ model }) {
    return eachCommandNamed(model, 'apk', (command, instruction) => {
      if (!hasArgs(command, 'apk', ['add'])) return undefined;
      if (
        hasFlag(command, '--no-cache') ||
        hasCacheOrTmpfsMountWith(instruction, '/var/cache/apk')
      )
        return undefined;
      return {
        instruction,
        message: 'apk add keeps its package index in /var/cache/apk',
        summary: 'Use apk add --no-cache (and drop a separate apk update).',
        edits: compact([
          insertAfter(instruction, wordOf(command, 'add'), ' --no-cache'),
        ]),
      };
    });
  },
};
