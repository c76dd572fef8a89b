import type { Rule } from '../types';
import { commandsOf, argumentsOf } from '../support';
import { sourceOf } from '../../dockerfile/model';
import { ECOSYSTEMS, isBroadCopy, manifestEcosystems } from './dependencies';

export const rule: Rule = {
  id: 'copy-all-before-dependency-install',
  title: 'Whole context copied before installing dependencies',
  category: 'build-cache',
  severity: 'warning',
  equivalents: [],
  description:
    'When `COPY . .` comes before `npm ci` / `pip install -r` / `go mod download`, any source edit invalidates the dependency layer and every build reinstalls everything. Copy the manifests first, install, then copy the rest.',
  docsUrl: 'https://docs.docker.com/build/cache/optimize/',
  check({ model }) {
    const hits = [];
    for (const stage of model.stages) {
      let broadCopy: (typeof stage.instructions)[number] | undefined;
      const manifestsCopied = new Set<string>();
      for (const instruction of stage.instructions) {
        if (
          (instruction.keyword === 'COPY' || instruction.keyword === 'ADD') &&
          !instruction.flags.some(f => f.name === 'from')
        ) {
          const sources = argumentsOf(instruction, { unquoted: true }).slice(
            0,
            -1,
          );
          if (isBroadCopy(sources)) broadCopy ??= instruction;
          for (const e of manifestEcosystems(sources))
            manifestsCopied.add(e.name);
          continue;
        }
        if (!broadCopy) continue;
        const install = commandsOf(instruction).find(c =>
          ECOSYSTEMS.some(e => e.installs(c)),
        );
        if (!install) continue;
        const ecosystem = ECOSYSTEMS.find(e => e.installs(install))!;
        if (manifestsCopied.has(ecosystem.name)) continue;
        const dest = broadCopy.words[broadCopy.words.length - 1]?.value ?? '.';
        hits.push({
          instruction: broadCopy,
          message: `the whole build context is copied before ${ecosystem.name} installs dependencies (line ${instruction.line}): every source change reinstalls them`,
          summary: `Copy ${ecosystem.manifests
            .slice(0, 2)
            .join(' and ')} first, install, then copy the rest.`,
          before: `${sourceOf(model, broadCopy)}\n…\n${sourceOf(
            model,
            instruction,
          )}`,
          after: `COPY ${ecosystem.manifests
            .filter(m => !m.includes('*'))
            .slice(0, 2)
            .join(' ')} ${dest.endsWith('/') ? dest : `${dest}/`}\n${sourceOf(
            model,
            instruction,
          )}\n${sourceOf(model, broadCopy)}`,
        });
        broadCopy = undefined;
      }
    }
    return hits;
  },
};
