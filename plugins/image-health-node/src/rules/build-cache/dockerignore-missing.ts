import type { Rule } from '../types';
import { broadCopyOf } from './dockerignore';

export const rule: Rule = {
  id: 'dockerignore-missing',
  title: 'No .dockerignore beside a Dockerfile that copies the whole context',
  category: 'build-cache',
  severity: 'warning',
  equivalents: [],
  description:
    'Without .dockerignore, `COPY . .` sends and copies .git, node_modules, build output and local secrets: slower builds, bigger images, cache misses on every commit.',
  docsUrl: 'https://docs.docker.com/build/concepts/context/#dockerignore-files',
  check({ model, dockerignore }) {
    if (dockerignore !== null) return [];
    const copy = broadCopyOf(model);
    if (!copy) return [];
    return [
      {
        instruction: copy,
        message:
          'the whole build context is copied and there is no .dockerignore',
        summary:
          'Add a .dockerignore excluding at least .git, node_modules, build output and .env files.',
        after:
          '# .dockerignore\n.git\nnode_modules\ndist\nbuild\n.env\n*.pem\nDockerfile*\n.dockerignore',
      },
    ];
  },
};
