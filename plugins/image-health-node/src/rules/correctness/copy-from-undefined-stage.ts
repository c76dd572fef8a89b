import type { Rule, RuleHit } from '../types';
import { flagOf, type Stage } from '../../dockerfile/model';

/**
 * hadolint's DL3022, as it documents it: a `COPY --from=<x>` is fine when `x`
 * names a stage defined by an earlier `FROM … AS x`, is a number smaller than
 * the count of `FROM`s so far, or contains `:` (an external image with a tag or
 * digest). Anything else — a later stage, an unknown name, an image without a
 * tag, a variable — is reported. Stage names compare without case, as Docker
 * compares them.
 */
export const rule: Rule = {
  id: 'copy-from-undefined-stage',
  title: 'COPY --from a stage not defined before it',
  category: 'correctness',
  severity: 'warning',
  equivalents: ['DL3022'],
  description:
    '`COPY --from` should name a stage defined earlier (`FROM … AS build`), an earlier stage by its number, or an image with its tag. A name that is not a stage is pulled from a registry as an image, which is rarely what was meant and makes the build depend on whatever that name resolves to. An image name (with `/`) is advised to be pinned, never turned into a stage name; `:latest` is reported where the FROM lines are pinned by digest.',
  docsUrl: 'https://github.com/hadolint/hadolint/wiki/DL3022',
  check({ model }) {
    const hits: RuleHit[] = [];
    const names = new Set<string>();
    // First stage of each lower-cased name, built on the first miss: a file
    // of many stages stays linear.
    let firstByName: Map<string, Stage> | undefined;
    let count = 0;
    for (const instruction of model.instructions) {
      if (instruction.keyword === 'FROM') {
        const stage = model.stages[instruction.stage];
        if (stage?.name) names.add(stage.name.toLowerCase());
        count++;
        continue;
      }
      if (instruction.keyword !== 'COPY') continue;
      const from = flagOf(instruction, 'from')?.value;
      if (from === undefined || from === null) continue;
      if (names.has(from.toLowerCase())) continue;
      if (from.includes(':') || from.includes('@')) {
        // A tagged image is valid; a moving tag in a file that pins its bases
        // by digest is the one unpinned input left (issue 13).
        if (
          !from.includes('@') &&
          /:latest$/.test(from) &&
          model.stages.some(s => s.image.digest)
        )
          hits.push({
            instruction,
            message: `COPY --from=${from} takes files from a moving tag in a file whose FROM lines are pinned by digest`,
            summary: `Pin it like the FROM lines: COPY --from=${from.replace(
              /:latest$/,
              '',
            )}:<version>@sha256:<digest>.`,
          });
        continue;
      }
      const index = /^\d+/.exec(from);
      if (index && Number(index[0]) < count) continue;
      if (!firstByName) {
        firstByName = new Map();
        for (const s of model.stages) {
          const key = s.name?.toLowerCase();
          if (key !== undefined && !firstByName.has(key))
            firstByName.set(key, s);
        }
      }
      // No earlier stage has this name, so its first stage (if any) is a later one.
      const later = firstByName.get(from.toLowerCase());
      let message = `COPY --from=${from} names no earlier stage and no tagged image`;
      if (later)
        message = `COPY --from=${from} refers to stage ${later.name}, which is defined later (line ${later.from.line})`;
      else if (index)
        message = `COPY --from=${from}: only ${count} stage${
          count === 1 ? '' : 's'
        } (numbered from 0) are defined before this line`;
      // `--from=bitnami/kubectl` names an image (a stage name holds no `/`):
      // valid, but it pulls whatever latest is; the advice is to pin it.
      const image = !index && /[/.]/.test(from);
      if (image)
        message = `COPY --from=${from} copies from the image's latest: an untagged image`;
      let summary = `Name an earlier stage (FROM … AS ${
        index ? 'build' : from
      }) or an image with its tag or digest.`;
      if (later)
        summary = `Move the stage ${later.name} above the stage that copies from it.`;
      else if (image)
        summary = `Pin the image: COPY --from=${from}:<version>@sha256:<digest>.`;
      hits.push({ instruction, message, summary });
    }
    return hits;
  },
};
