import type { Rule } from '../types';

/** Advice per trigger Docker refuses under ONBUILD. */
const FORBIDDEN: Record<string, string> = {
  ONBUILD: 'Put the instruction itself under ONBUILD; triggers do not chain.',
  FROM: 'Start the child image with its own FROM; ONBUILD cannot change the base image.',
  MAINTAINER:
    'Use LABEL maintainer="…" (under ONBUILD if the child image should carry it).',
};

/** DL3043: `ONBUILD ONBUILD`, `ONBUILD FROM` and `ONBUILD MAINTAINER`, which Docker refuses. */
export const rule: Rule = {
  id: 'onbuild-forbidden-trigger',
  title: 'ONBUILD of ONBUILD, FROM or MAINTAINER',
  category: 'correctness',
  severity: 'error',
  equivalents: ['DL3043'],
  description:
    'Docker does not allow ONBUILD, FROM or MAINTAINER as an ONBUILD trigger: the image that inherits the trigger fails to build.',
  docsUrl: 'https://github.com/hadolint/hadolint/wiki/DL3043',
  check({ model }) {
    return model.instructions.flatMap(instruction => {
      const trigger = instruction.trigger?.keyword;
      if (
        instruction.keyword !== 'ONBUILD' ||
        trigger === undefined ||
        !Object.hasOwn(FORBIDDEN, trigger)
      )
        return [];
      return [
        {
          instruction,
          message: `ONBUILD ${trigger} is not allowed as a trigger`,
          summary: FORBIDDEN[trigger],
        },
      ];
    });
  },
};
