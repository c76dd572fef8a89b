import type { Rule } from '../types';
import { argumentsOf } from '../support';
import { flagOf } from '../../dockerfile/model';
import { hadolintDocsUrl } from '../peer';

const equivalents = ['DL3067'];

function unquote(word: string): string {
  return word.replace(/^"(.*)"$/, '$1').replace(/^'(.*)'$/, '$1');
}

/** DL3067: `COPY --from=<stage> / /` copies a whole filesystem onto the root. */
export const rule: Rule = {
  id: 'copy-whole-filesystem',
  title: "COPY of another stage's whole filesystem",
  category: 'size',
  severity: 'warning',
  equivalents,
  description:
    'Copying `/` of another stage onto `/` brings its package manager, caches, shells and compilers along: the multi-stage build saves nothing. Copy the directories the image needs (the artifact, its runtime libraries). Where flattening an image is the point, say so with `# hadolint ignore=DL3067`.',
  docsUrl: hadolintDocsUrl(equivalents),
  check({ model }) {
    return model.instructions.flatMap(instruction => {
      if (instruction.keyword !== 'COPY' || !flagOf(instruction, 'from'))
        return [];
      const words = argumentsOf(instruction);
      if (words.length !== 2) return [];
      const [source, destination] = words.map(unquote);
      if (source !== '/' || destination !== '/') return [];
      return [
        {
          instruction,
          message: `COPY --from=${
            flagOf(instruction, 'from')!.value
          } / / copies the stage's whole filesystem`,
          summary:
            'Copy only what the image runs: the built artifact and the files it needs (COPY --from=<stage> /app /app).',
        },
      ];
    });
  },
};
