import type { Rule } from '../types';
import { commandsOf, programOf } from '../support';
import { sourceOf, type InstructionWord } from '../../dockerfile/model';
import { unquote } from '../../dockerfile/values';

/** Paths a COPY/ADD writes: the destination, and dest/basename for file sources. */
function copiedPaths(words: readonly InstructionWord[]): string[] {
  const paths: string[] = [];
  if (words.length < 2) return paths;
  const dest = unquote(words[words.length - 1].value);
  if (!dest.startsWith('/')) return paths;
  paths.push(dest.replace(/\/$/, ''));
  if (dest.endsWith('/'))
    for (let i = 0; i < words.length - 1; i++) {
      const source = unquote(words[i].value);
      paths.push(`${dest}${source.split('/').filter(Boolean).pop() ?? ''}`);
    }
  return paths;
}

export const rule: Rule = {
  id: 'files-removed-in-later-layer',
  title: 'Files added in one layer and removed in a later one',
  category: 'layers',
  severity: 'warning',
  unshipped: 'silent',
  equivalents: [],
  description:
    'A file COPY-ed or ADD-ed (or downloaded by a RUN) and deleted by a later RUN still ships in the earlier layer. Download, use and delete in one RUN, or copy in a build stage.',
  check({ model }) {
    const hits = [];
    for (const stage of model.stages) {
      const created = new Map<string, number>();
      for (const instruction of stage.instructions) {
        if (
          (instruction.keyword === 'COPY' || instruction.keyword === 'ADD') &&
          !instruction.json
        ) {
          for (const p of copiedPaths(instruction.words))
            created.set(p, instruction.line);
        }
        const commands = commandsOf(instruction);
        for (const command of commands) {
          const program = programOf(command);
          // Nothing added yet in the stage: no removal can be of it.
          if (program === 'rm' && created.size > 0) {
            for (const target of command.args.filter(a => !a.startsWith('-'))) {
              const line = created.get(target.replace(/\/$/, ''));
              if (line !== undefined && line < instruction.line) {
                hits.push({
                  instruction,
                  message: `${target} was added on line ${line} and is removed here: its bytes stay in the earlier layer`,
                  summary:
                    'Add, use and remove the file in one RUN (e.g. RUN --mount=type=bind or a build stage).',
                  before: sourceOf(model, instruction),
                });
              }
            }
          }
          if (program !== 'curl' && program !== 'wget') continue;
          const output = command.args.findIndex(
            a => a === '-o' || a === '-O' || a === '--output',
          );
          if (output >= 0) {
            const path = command.args[output + 1];
            if (path?.startsWith('/')) created.set(path, instruction.line);
          }
        }
      }
    }
    return hits;
  },
};
