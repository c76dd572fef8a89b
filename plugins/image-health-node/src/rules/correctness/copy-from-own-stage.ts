import type { Rule } from '../types';

export const rule: Rule = {
  id: 'copy-from-own-stage',
  title: 'COPY --from its own stage',
  category: 'correctness',
  severity: 'error',
  equivalents: ['DL3023', 'DS-0006'],
  description:
    'A stage cannot COPY --from itself: the build fails with a dependency cycle.',
  docsUrl: 'https://github.com/hadolint/hadolint/wiki/DL3023',
  check({ model }) {
    return model.stages.flatMap(stage =>
      stage.instructions
        .filter(i => i.keyword === 'COPY')
        .filter(i => {
          const from = i.flags.find(f => f.name === 'from')?.value;
          return (
            from !== undefined &&
            from !== null &&
            stage.name !== undefined &&
            from.toLowerCase() === stage.name.toLowerCase()
          );
        })
        .map(instruction => ({
          instruction,
          message: `COPY --from=${stage.name} inside stage ${stage.name} refers to itself`,
          summary: 'Copy from an earlier stage.',
        })),
    );
  },
};
