import type { Rule } from '../types';
import { hadolintDocsUrl } from '../peer';

const equivalents = ['DL3063'];
/** Names BuildKit gives a meaning of its own: the empty image and the build context. */
const RESERVED = new Set(['scratch', 'context']);

/** DL3063: a stage named `scratch` or `context`. */
export const rule: Rule = {
  id: 'stage-name-reserved',
  title: 'Stage name is a reserved word',
  category: 'correctness',
  severity: 'warning',
  equivalents,
  description:
    '`scratch` is the empty image and `context` the build context: a stage with either name makes `FROM scratch` or `COPY --from=context` mean something other than what it reads as.',
  docsUrl: hadolintDocsUrl(equivalents),
  check({ model }) {
    return model.stages
      .filter(stage => stage.name && RESERVED.has(stage.name.toLowerCase()))
      .map(stage => ({
        instruction: stage.from,
        message: `the stage is named ${stage.name}, a name BuildKit reserves`,
        summary: `Rename the stage (e.g. ${stage.name!.toLowerCase()}-stage) and the COPY --from and FROM lines that name it.`,
      }));
  },
};
