import type { DockerfileModel, Instruction, Stage } from '../dockerfile/model';
import { parseShell, type ShellCommand } from '../dockerfile/shell';
import { eachCommand, keyValues } from './support';

/** Readings the rules that claim a hadolint DL id share, so they judge as hadolint documents. */

/**
 * The model does not read the shell of `ONBUILD RUN …` triggers; hadolint checks
 * them like any RUN, so the rules claiming those DL ids read them here.
 */
const triggerCommands = new WeakMap<Instruction, ShellCommand[]>();

function commandsOfTrigger(onbuild: Instruction): ShellCommand[] {
  let commands = triggerCommands.get(onbuild);
  if (!commands) {
    const trigger = onbuild.trigger;
    commands =
      trigger?.keyword === 'RUN' && !trigger.json
        ? parseShell(trigger.args).commands
        : [];
    triggerCommands.set(onbuild, commands);
  }
  return commands;
}

/** Commands of an instruction: a RUN's, or an `ONBUILD RUN`'s trigger's. */
export function commandsWithOnbuild(instruction: Instruction): ShellCommand[] {
  if (instruction.keyword === 'ONBUILD') return commandsOfTrigger(instruction);
  return instruction.shell?.commands ?? [];
}

/**
 * Like `eachCommand`, and then every command of every `ONBUILD RUN` (reported on
 * the ONBUILD instruction; its words cannot be edited in place).
 */
export function eachCommandWithOnbuild<H>(
  model: DockerfileModel,
  fn: (
    command: ShellCommand,
    instruction: Instruction,
    stage: Stage,
  ) => H | undefined,
): H[] {
  const hits = eachCommand(model, fn);
  for (const stage of model.stages) {
    for (const instruction of stage.instructions) {
      if (instruction.keyword !== 'ONBUILD') continue;
      for (const command of commandsOfTrigger(instruction)) {
        const hit = fn(command, instruction, stage);
        if (hit) hits.push(hit);
      }
    }
  }
  return hits;
}

/** Whether a RUN has a cache or tmpfs mount whose target contains `fragment` (`.cache/pip`). */
export function hasCacheOrTmpfsMountWith(
  instruction: Instruction,
  fragment: string,
): boolean {
  return (instruction.shell?.mounts ?? []).some(
    m =>
      (m.type === 'cache' || m.type === 'tmpfs') &&
      m.target !== undefined &&
      m.target.includes(fragment),
  );
}

/**
 * The value `ENV name` has before `before` in `stage`, following `FROM <stage>`
 * to the stages it builds on (ENV is inherited, ARG is not).
 */
export function inheritedEnv(
  model: DockerfileModel,
  stage: Stage,
  name: string,
  before?: Instruction,
): string | undefined {
  let value: string | undefined;
  for (const instruction of stage.instructions) {
    if (instruction === before) break;
    if (instruction.keyword !== 'ENV') continue;
    for (const [key, v] of keyValues(instruction))
      if (key === name) value = v ?? '';
  }
  if (value !== undefined) return value;
  const base =
    stage.baseStage !== undefined ? model.stages[stage.baseStage] : undefined;
  return base && base !== stage ? inheritedEnv(model, base, name) : undefined;
}

/**
 * The command's name as written: hadolint matches names literally, so
 * `/usr/bin/apt-get` is not `apt-get` to it (only SHELL programs go by base name).
 */
export function nameOf(command: ShellCommand): string {
  return command.name;
}

/**
 * Whether `command` runs `program` (one of them, by name as written) with one of `args`
 * anywhere among its arguments: how hadolint recognises `apt-get … install`, even after
 * `-o Opt=val`.
 */
export function hasArgs(
  command: ShellCommand,
  program: string | readonly string[],
  args: readonly string[],
): boolean {
  const name = nameOf(command);
  if (typeof program === 'string' ? name !== program : !program.includes(name))
    return false;
  return command.args.some(a => args.includes(a));
}

/**
 * Stages whose layers DL3009 and DL3060 judge: the last one (and any with the same FROM),
 * and every named stage another FROM builds on.
 */
export function judgedStages(model: DockerfileModel): Set<Stage> {
  const key = (s: Stage) =>
    s.from.args.trim().replace(/\s+/g, ' ').toLowerCase();
  const last = model.stages[model.stages.length - 1];
  const bases = new Set(model.stages.map(s => s.image.resolved.toLowerCase()));
  return new Set(
    model.stages.filter(
      s =>
        (last && key(s) === key(last)) ||
        (s.name !== undefined && bases.has(s.name.toLowerCase())),
    ),
  );
}
