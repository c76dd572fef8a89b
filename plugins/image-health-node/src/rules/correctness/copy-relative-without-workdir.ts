import type { Rule, RuleHit } from '../types';
import type { Instruction } from '../../dockerfile/model';
import { imageNameOf } from '../peer';
import { withoutQuotes, argumentsOf } from '../support';

/** The destination of a COPY without its surrounding quotes. */
function destinationOf(copy: Instruction): string | undefined {
  const args = argumentsOf(copy);
  if (args.length < 2) return undefined;
  return withoutQuotes(args[args.length - 1]);
}

/** Absolute (`/app`, `C:\app`, `c:/app`) or a variable the build fills in. */
function isAnchored(dest: string): boolean {
  return (
    dest.startsWith('/') || /^[A-Za-z]:/.test(dest) || dest.startsWith('$')
  );
}

/**
 * DL3045, as hadolint documents it: a COPY to a relative destination is judged
 * unless a WORKDIR was set in its stage. Stages are known by name (their alias,
 * else their image's name); a stage `FROM <name>` inherits whether that name
 * had a WORKDIR. Instructions inside ONBUILD are not read.
 */
export const rule: Rule = {
  id: 'copy-relative-without-workdir',
  title: 'COPY to a relative destination without WORKDIR',
  category: 'correctness',
  severity: 'warning',
  equivalents: ['DL3045'],
  description:
    'A relative COPY destination lands under whatever WORKDIR the base image happens to set, and moves when the base image changes. Set WORKDIR in the stage first, or copy to an absolute path.',
  docsUrl: 'https://github.com/hadolint/hadolint/wiki/DL3045',
  check({ model }) {
    const hits: RuleHit[] = [];
    // Whether each stage name had a WORKDIR; `null` names what precedes the first FROM.
    let workdirSet: Map<string | null, boolean> | undefined;
    let current: string | null = null;
    for (const instruction of model.instructions) {
      if (instruction.keyword === 'FROM') {
        const words = instruction.words;
        const image = words[0]?.value ?? '';
        const as = words[1]?.value;
        const alias = words[2]?.value;
        const name = imageNameOf(image);
        const key = as?.toLowerCase() === 'as' && alias ? alias : name;
        if (!workdirSet) workdirSet = new Map();
        else workdirSet.set(key, workdirSet.get(name) ?? false);
        current = key;
      } else if (instruction.keyword === 'WORKDIR') {
        if (!workdirSet) {
          workdirSet = new Map();
          current = null;
        }
        workdirSet.set(current, true);
      } else if (instruction.keyword === 'COPY') {
        if (workdirSet?.get(current) === true) continue;
        const dest = destinationOf(instruction);
        if (dest === undefined || isAnchored(dest)) continue;
        const own = model.text.slice(instruction.start, instruction.end);
        hits.push({
          instruction,
          message: `COPY to ${dest} without a WORKDIR in this stage`,
          summary:
            'Set WORKDIR to the directory you mean before this COPY, or copy to an absolute path.',
          after: `WORKDIR /app\n${own}`,
        });
      }
    }
    return hits;
  },
};
