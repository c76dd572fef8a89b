import type { Rule } from '../types';
import {
  applyEditsTo,
  commandsOf,
  eachCommand,
  envOf,
  hasFlag,
  insertAfter,
  isCommand,
  wordOf,
  argumentsOf,
} from '../support';
import type { RuleHit } from '../types';
import type { ShellCommand } from '../../dockerfile/shell';
import { copySourceStage } from '../../dockerfile/stages';
import type {
  DockerfileModel,
  Instruction,
  Stage,
} from '../../dockerfile/model';

/** Tools that only make sense in a development image: restart on change, run TypeScript directly. */
const DEV_SERVERS = ['nodemon', 'ts-node-dev', 'node-dev'];

/** Whether the stage installs a dev server globally or starts one. */
function runsDevServer(stage: Stage): boolean {
  return stage.instructions.some(i => {
    if (i.keyword === 'CMD' || i.keyword === 'ENTRYPOINT') {
      const words = argumentsOf(i);
      return words.some(w => DEV_SERVERS.includes(w));
    }
    return (i.shell?.commands ?? []).some(
      c =>
        isCommand(c, 'npm', ['install', 'i']) &&
        hasFlag(c, '-g', '--global') &&
        c.args.some(a => DEV_SERVERS.includes(a.replace(/(.)@.*$/, '$1'))),
    );
  });
}

export const rule: Rule = {
  id: 'dev-dependencies-in-final-stage',
  title: 'Dev dependencies installed in the final image',
  category: 'size',
  severity: 'warning',
  unshipped: 'info',
  equivalents: [],
  description:
    "`npm ci` / `npm install` / `yarn install` (and `composer install` without `--no-dev`) installs devDependencies (test runners, bundlers, type definitions) unless told not to. Reported in the final stage, and where the final stage copies a builder's dependency directory (`COPY --from=build /app .` after `npm ci` there, or its `vendor/` after `composer install`). Install production dependencies only (`--omit=dev`, `NODE_ENV=production`, `--no-dev`), or prune the builder before copying. A stage that sets NODE_ENV=development or installs or runs a dev server (nodemon, ts-node-dev) is a development image on purpose and is not reported.",
  check({ model }) {
    const hits: RuleHit[] = [];
    // Only the final stage is judged here: whether it runs a dev server is read once.
    let devServer: boolean | undefined;
    hits.push(
      ...eachCommand(model, (command, instruction, stage) => {
        if (!stage.final) return undefined;
        if (isCommand(command, 'composer', 'install'))
          return composerHit(model, command, instruction);
        const tool = devInstall(command, stage, instruction);
        if (!tool) return undefined;
        if (devServer === undefined) devServer = isDevelopmentImage(stage);
        if (devServer) return undefined;
        return {
          instruction,
          message: `${command.name} ${command.args.join(
            ' ',
          )} in the final stage also installs devDependencies`,
          summary:
            tool === 'npm'
              ? 'Use npm ci --omit=dev in the final stage (build in an earlier stage).'
              : 'Use yarn install --production in the final stage (build in an earlier stage).',
        };
      }),
    );
    const final = model.stages.find(s => s.final);
    if (final && !isDevelopmentImage(final))
      hits.push(...copiedDependencyHits(model, final));
    return hits;
  },
};

/** Asked of every command of the final stage: built once. */
const NPM_INSTALLS = ['ci', 'install', 'i'];

/**
 * `npm`/`yarn` when the command installs devDependencies too (no
 * `--omit=dev`, `--production`, NODE_ENV=production), else undefined.
 */
function devInstall(
  command: ShellCommand,
  stage: Stage,
  instruction: Instruction,
): 'npm' | 'yarn' | undefined {
  const npm =
    isCommand(command, 'npm', NPM_INSTALLS) &&
    command.args.filter(a => !a.startsWith('-')).length === 1;
  const yarn =
    isCommand(command, 'yarn', 'install') ||
    (isCommand(command, 'yarn') &&
      command.args.filter(a => !a.startsWith('-')).length === 0);
  if (!npm && !yarn) return undefined;
  if (hasFlag(command, '--production', '--omit', '--only', '--prod'))
    return undefined;
  if (
    command.args.some(
      a =>
        a === '--omit=dev' || a === '--only=production' || a === '--only=prod',
    )
  )
    return undefined;
  const env = envOf(stage, instruction);
  if (
    env.get('NODE_ENV') === 'production' ||
    command.assignments.includes('NODE_ENV=production')
  )
    return undefined;
  // A development install on purpose (issue 13).
  if (
    env.get('NODE_ENV') === 'development' ||
    command.assignments.includes('NODE_ENV=development')
  )
    return undefined;
  return npm ? 'npm' : 'yarn';
}

/** NODE_ENV=development, or a dev server installed or started: a development image on purpose. */
function isDevelopmentImage(stage: Stage): boolean {
  return envOf(stage).get('NODE_ENV') === 'development' || runsDevServer(stage);
}

/** Commands after which a builder's node_modules holds production packages only. */
function prunes(command: ShellCommand): boolean {
  if (isCommand(command, 'npm', 'prune')) return true;
  if (
    isCommand(command, 'yarn', 'workspaces') &&
    command.args.includes('focus')
  )
    return hasFlag(command, '--production');
  if (isCommand(command, 'rm'))
    return command.args.some(a => /(^|\/)node_modules\/?$/.test(a));
  return false;
}

/**
 * The final stage's `COPY --from=<stage> <dir>` that take a builder's
 * dependency directory with its dev packages: node_modules that `npm ci` /
 * `yarn install` filled (and nothing pruned), or the `vendor/` of a
 * `composer install` without `--no-dev`.
 */
function copiedDependencyHits(model: DockerfileModel, final: Stage): RuleHit[] {
  const hits: RuleHit[] = [];
  for (const copy of final.instructions) {
    if (copy.keyword !== 'COPY') continue;
    const from = copy.flags.find(f => f.name === 'from')?.value;
    const builder = from
      ? copySourceStage(model, from, final.index)
      : undefined;
    if (!builder) continue;
    const words = argumentsOf(copy);
    const sources = words.slice(0, -1).map(trimSlashes);
    const installs = dependencyInstalls(model, builder);
    for (const install of installs) {
      const dir = `${install.workdir}/${install.directory}`;
      if (
        !sources.some(
          src => src !== '' && (dir === src || dir.startsWith(`${src}/`)),
        )
      )
        continue;
      hits.push({
        instruction: copy,
        message: `COPY --from=${from} ${sources.join(' ')} ships the ${
          install.directory
        } that ${install.what} (line ${
          install.instruction.line
        }) filled with development packages`,
        summary: install.fix,
        before: install.before,
        after: install.after,
      });
      break;
    }
  }
  return hits;
}

interface DependencyInstall {
  instruction: Instruction;
  workdir: string;
  directory: 'node_modules' | 'vendor';
  what: string;
  fix: string;
  before?: string;
  after?: string;
}

/** The dev-including installs of a builder stage whose directories are still there at its end. */
function dependencyInstalls(
  model: DockerfileModel,
  builder: Stage,
): DependencyInstall[] {
  const installs: DependencyInstall[] = [];
  const last = builder.instructions[builder.instructions.length - 1];
  let workdir: string | undefined = undefined;
  let pruned = false;
  for (const instruction of builder.instructions) {
    if (instruction.keyword === 'WORKDIR') {
      const dir = trimSlashes(instruction.args.trim());
      if (dir.includes('$')) workdir = undefined;
      else if (dir.startsWith('/')) workdir = dir;
      else if (workdir !== undefined) workdir = `${workdir}/${dir}`;
      continue;
    }
    for (const command of commandsOf(instruction)) {
      if (prunes(command)) pruned = true;
      if (workdir === undefined) continue;
      const tool = devInstall(command, builder, instruction);
      if (tool) {
        pruned = false;
        installs.push({
          instruction,
          workdir,
          directory: 'node_modules',
          what: `${tool} ${command.args.join(' ')}`.trim(),
          fix:
            tool === 'npm'
              ? `Prune the builder before the final stage copies it (RUN npm prune --omit=dev as its last step), or copy only the build output and install with npm ci --omit=dev in the final stage.`
              : `Reinstall production dependencies in the builder before the final stage copies it (yarn install --production, or yarn workspaces focus --production on Yarn 2+), or copy only the build output.`,
          ...(tool === 'npm' && last
            ? {
                before: textOf(model, last),
                after: `${textOf(model, last)}\nRUN npm prune --omit=dev`,
              }
            : {}),
        });
      } else if (isCommand(command, 'composer', 'install')) {
        const hit = composerHit(model, command, instruction);
        if (!hit) continue;
        installs.push({
          instruction,
          workdir,
          directory: 'vendor',
          what: 'composer install',
          fix: 'Add --no-dev to composer install in the builder whose vendor/ ships (install dev tools in a test stage).',
          before: textOf(model, instruction),
          after: hit.after,
        });
      }
    }
  }
  return pruned
    ? installs.filter(i => i.directory !== 'node_modules')
    : installs;
}

function textOf(model: DockerfileModel, instruction: Instruction): string {
  return model.text.slice(instruction.start, instruction.end);
}

/** `/app/`, `/app/.` → `/app`; `/` → ``. */
function trimSlashes(path: string): string {
  return path.replace(/\/\.?$/, '').replace(/\/+$/, '');
}

/** `composer install` without `--no-dev` in the image that ships also installs require-dev. */
function composerHit(
  model: DockerfileModel,
  command: ShellCommand,
  instruction: Instruction,
): RuleHit | undefined {
  if (hasFlag(command, '--no-dev')) return undefined;
  if (command.assignments.some(a => /^COMPOSER_NO_DEV=(1|true)$/.test(a)))
    return undefined;
  const stage = model.stages[instruction.stage];
  if (
    stage &&
    /^(1|true)$/.test(envOf(stage, instruction).get('COMPOSER_NO_DEV') ?? '')
  )
    return undefined;
  const edit = insertAfter(
    instruction,
    wordOf(command, 'install'),
    ' --no-dev',
  );
  return {
    instruction,
    message:
      'composer install in the final stage also installs the require-dev packages',
    summary:
      'Add --no-dev to composer install in the image that ships (install dev tools in a build or test stage).',
    // Shown, not applied: a later step of the RUN may still need a dev tool.
    ...(edit ? { after: applyEditsTo(model, instruction, [edit]) } : {}),
  };
}
