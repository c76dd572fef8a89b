import type { DockerfileModel, Stage } from '../../dockerfile/model';
import type { Rule, RuleHit } from '../types';
import { baseFacts } from '../base-image/known-images';
import { keyValues } from '../support';

/** `$NAME` or `${NAME}` without a default; `${NAME:-8080}` has one and is left alone. */
const PLAIN_VARIABLE =
  /\$(?:\{([A-Za-z_][A-Za-z0-9_]*)\}|([A-Za-z_][A-Za-z0-9_]*))/g;

export const rule: Rule = {
  id: 'expose-undefined-variable',
  title: 'EXPOSE of a variable nothing defines',
  category: 'correctness',
  severity: 'warning',
  equivalents: [],
  description:
    'EXPOSE expands variables at build time from the ARG and ENV in scope (and the ENV of the base image). A variable nothing defines expands to nothing: the image documents no port, and tools that read it (docker run -P, compose, platform probes) find none. Only reported when the base image is one whose environment is known (official images, scratch, or a stage of the same file).',
  check({ model }) {
    const hits: RuleHit[] = [];
    for (const stage of model.stages) {
      for (const instruction of stage.instructions) {
        if (instruction.keyword !== 'EXPOSE') continue;
        for (const word of instruction.words) {
          for (const match of word.value.matchAll(PLAIN_VARIABLE)) {
            const name = match[1] ?? match[2];
            if (definedFor(model, stage, instruction.index, name) !== false)
              continue;
            hits.push({
              instruction,
              message: `EXPOSE ${word.value}: no ARG or ENV before it defines ${name}, and ${stage.image.raw} does not set it, so it expands to nothing`,
              summary: `Write the port number, or declare ${name} with a default before EXPOSE (ARG ${name}=<port>, or ENV ${name}=<port> if the program reads it too).`,
              after: `ARG ${name}=8080\n${model.text.slice(
                instruction.start,
                instruction.end,
              )}`,
            });
          }
        }
      }
    }
    return hits;
  },
};

/**
 * Whether `name` has a value at instruction `before` of `stage`: declared by
 * an ARG or ENV of the stage before it, or by an ENV of a stage it builds on.
 * Undefined when that cannot be known: the chain ends in an image whose
 * environment the tables do not know (it may set the variable).
 */
function definedFor(
  model: DockerfileModel,
  stage: Stage,
  before: number,
  name: string,
): boolean | undefined {
  const seen = new Set<Stage>();
  for (
    let s: Stage | undefined = stage, own = true;
    s && !seen.has(s);
    s = s.baseStage !== undefined ? model.stages[s.baseStage] : undefined,
      own = false
  ) {
    seen.add(s);
    for (const instruction of s.instructions) {
      if (own && instruction.index >= before) break;
      // ARG values stay in their stage; ENV is inherited by `FROM <stage>`.
      if (
        instruction.keyword !== 'ENV' &&
        !(own && instruction.keyword === 'ARG')
      )
        continue;
      if (keyValues(instruction).some(([key]) => key === name)) return true;
    }
    if (s.baseStage === undefined) {
      const image = s.image;
      // `FROM $BASE` may be another image at build time.
      if (image.raw.includes('$')) return undefined;
      if (image.repository === 'scratch') return false;
      if (image.registry || !baseFacts(image.repository, image.tag))
        return undefined;
      return false;
    }
  }
  return undefined;
}
