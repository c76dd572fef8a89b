import type { Rule } from '../types';
import { eachCommand, isCommand } from '../support';
import { sourceOf } from '../../dockerfile/model';
import type { DockerfileModel } from '../../dockerfile/model';

const LOCKFILES = ['package-lock.json', 'npm-shrinkwrap.json'];

/**
 * Where a lockfile first arrives, by stage index: the index of the first
 * COPY/ADD of the stage naming one (by name, a `*` pattern or the whole
 * context), -1 when a stage it is built on already has it, Infinity when
 * none does. One walk over the stages in order.
 */
function lockfileArrivals(model: DockerfileModel): number[] {
  const arrives: number[] = [];
  for (const stage of model.stages) {
    const base =
      stage.baseStage === undefined ? Infinity : arrives[stage.baseStage];
    let at = base === Infinity ? Infinity : -1;
    if (at === Infinity)
      for (const i of stage.instructions) {
        if (i.keyword !== 'COPY' && i.keyword !== 'ADD') continue;
        const sources = i.json
          ? i.json.slice(0, -1)
          : i.words.slice(0, -1).map(w => w.value);
        if (sources.some(bringsLockfile)) {
          at = i.index;
          break;
        }
      }
    arrives[stage.index] = at;
  }
  return arrives;
}

function bringsLockfile(source: string): boolean {
  // The whole build context: where package-lock.json lives when it is committed.
  if (source === '.' || source === './') return true;
  const base = source.slice(source.lastIndexOf('/') + 1);
  if (LOCKFILES.includes(base)) return true;
  if (!base.includes('*')) return false;
  // A simple `*` pattern (`package*.json`, `*.json`), read without a regular expression from the file's text.
  const [head, ...rest] = base.split('*');
  const tail = rest[rest.length - 1] ?? '';
  return LOCKFILES.some(l => l.startsWith(head) && l.endsWith(tail));
}

export const rule: Rule = {
  id: 'npm-install-instead-of-ci',
  title: 'npm install instead of npm ci',
  category: 'build-cache',
  severity: 'warning',
  equivalents: [],
  description:
    '`npm install` may rewrite package-lock.json and resolve newer versions; `npm ci` installs exactly the lockfile, is faster, and fails if the lock and package.json disagree. Reported only where a COPY or ADD before it brings in the lockfile (`package-lock.json`, `npm-shrinkwrap.json`, a pattern such as `package*.json`, or the whole context): without one, npm ci fails.',
  docsUrl: 'https://docs.npmjs.com/cli/commands/npm-ci',
  check({ model }) {
    let arrivals: number[] | undefined;
    return eachCommand(model, (command, instruction, stage) => {
      if (!isCommand(command, 'npm', ['install', 'i'])) return undefined;
      // npm ci fails without a lockfile: advise it only where one is copied in.
      arrivals ??= lockfileArrivals(model);
      if (!(arrivals[stage.index] < instruction.index)) return undefined;
      if (command.args.filter(a => !a.startsWith('-')).length !== 1)
        return undefined;
      if (command.args.includes('-g') || command.args.includes('--global'))
        return undefined;
      return {
        instruction,
        message:
          'npm install resolves versions at build time instead of installing the lockfile',
        summary:
          'Use npm ci (it needs the package-lock.json you copy in: commit it if the build context lacks one).',
        after: sourceOf(model, instruction).replace(
          /\bnpm (install|i)\b/,
          'npm ci',
        ),
      };
    });
  },
};
