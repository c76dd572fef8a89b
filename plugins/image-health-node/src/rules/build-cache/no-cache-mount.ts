import type { Rule } from '../types';
import { commandsOf, hasCacheMount, isCommand, runScript } from '../support';
import { ECOSYSTEMS } from './dependencies';

const SYSTEM = [
  {
    name: 'apt-get',
    installs: (c: Parameters<typeof isCommand>[0]) =>
      isCommand(c, 'apt-get', 'install'),
    cache: '/var/cache/apt',
  },
  {
    name: 'apk',
    installs: (c: Parameters<typeof isCommand>[0]) =>
      isCommand(c, 'apk', 'add'),
    cache: '/var/cache/apk',
  },
];

export const rule: Rule = {
  id: 'no-cache-mount',
  title: 'Package downloads without a BuildKit cache mount',
  category: 'build-cache',
  severity: 'info',
  equivalents: [],
  description:
    'With `RUN --mount=type=cache,target=<cache dir>` the package manager keeps its downloads between builds without putting them in the image, so a changed lockfile re-downloads only what changed.',
  docsUrl: 'https://docs.docker.com/build/cache/optimize/#use-cache-mounts',
  check({ model }) {
    const hits = [];
    for (const instruction of model.instructions) {
      if (instruction.keyword !== 'RUN' || instruction.shell?.kind !== 'posix')
        continue;
      const commands = commandsOf(instruction);
      const manager =
        ECOSYSTEMS.find(e => commands.some(c => e.installs(c))) ??
        SYSTEM.find(s => commands.some(c => s.installs(c)));
      if (!manager || hasCacheMount(instruction)) continue;
      hits.push({
        instruction,
        message: `${manager.name} downloads packages on every cache miss`,
        summary: `Add --mount=type=cache,target=${manager.cache} to the RUN (needs BuildKit).`,
        after: `RUN --mount=type=cache,target=${manager.cache} ${runScript(
          model,
          instruction,
        )}`,
      });
    }
    return hits;
  },
};
