import type { Rule } from '../types';
import { DockerignoreMatcher } from '../../dockerignore/match';
import { broadCopyOf } from './dockerignore';

const SHOULD_IGNORE = ['.git', 'node_modules', '.env'];

export const rule: Rule = {
  id: 'dockerignore-weak',
  title: '.dockerignore misses .git, node_modules or .env',
  category: 'build-cache',
  severity: 'info',
  equivalents: [],
  description:
    'The .dockerignore exists but lets .git (changes every commit: cache misses), node_modules (host-built, wrong platform) or .env (secrets) into the context copied by `COPY . .`.',
  docsUrl: 'https://docs.docker.com/build/concepts/context/#dockerignore-files',
  check({ model, dockerignore }) {
    if (typeof dockerignore !== 'string') return [];
    const copy = broadCopyOf(model);
    if (!copy) return [];
    const matcher = new DockerignoreMatcher(dockerignore);
    const missing = SHOULD_IGNORE.filter(p => !matcher.ignores(p));
    if (missing.length === 0) return [];
    return [
      {
        instruction: copy,
        message: `.dockerignore does not exclude ${missing.join(', ')}`,
        summary: `Add ${missing.join(', ')} to .dockerignore.`,
        before: dockerignore.trimEnd(),
        after: `${dockerignore.trimEnd()}\n${missing.join('\n')}`,
      },
    ];
  },
};
