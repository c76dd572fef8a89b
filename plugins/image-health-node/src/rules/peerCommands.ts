/**
 * The commands of a Dockerfile as hadolint reads them (see `runCommands` in
 * peer.ts), indexed once per model: what the rules that claim a hadolint DL
 * id visit, so they judge as hadolint documents.
 */
import type { DockerfileModel, Instruction, Stage } from '../dockerfile/model';
import type { ShellCommand } from '../dockerfile/shell';
import { nameOf, readingOf, runCommands } from './peer';

type HadolintCommands = NonNullable<
  NonNullable<DockerfileModel['hadolintReading']>['commands']
>;

const NO_ENTRIES: HadolintCommands = [];

/** What a rule does with one command of a RUN: a hit, or undefined. */
type CommandVisit<H> = (
  command: ShellCommand,
  instruction: Instruction,
  stage: Stage | undefined,
) => H | undefined;

/**
 * Calls `fn` for every command of every RUN and `ONBUILD RUN` in file order, as
 * hadolint reads them (`runCommands`); an `ONBUILD RUN`'s are reported on the
 * ONBUILD instruction (its words cannot be edited in place), and a RUN before
 * the first FROM has no stage.
 */
export function eachCommandWithOnbuild<H>(
  model: DockerfileModel,
  fn: CommandVisit<H>,
): H[] {
  return visit(hadolintCommandIndex(model), fn);
}

/**
 * `eachCommandWithOnbuild` over the commands hadolint names `name` (see
 * `nameOf`) only, for a rule that judges one program: it visits that
 * program's commands, not every command of the file (a call of its closure
 * per command, and the name read again, for each of ten rules: 5 % of the
 * corpus lint).
 */
export function eachCommandNamed<H>(
  model: DockerfileModel,
  name: string,
  fn: CommandVisit<H>,
): H[] {
  return visit(commandsNamed(model, name), fn);
}

/** The commands `eachCommandNamed` visits, with their instruction and stage, in file order. */
export function commandsNamed(
  model: DockerfileModel,
  name: string,
): Readonly<HadolintCommands> {
  const reading = readingOf(model);
  if (!reading.byName) {
    const byName = new Map<string, HadolintCommands>();
    for (const entry of hadolintCommandIndex(model)) {
      const program = nameOf(entry[0]);
      const named = byName.get(program);
      if (named) named.push(entry);
      else byName.set(program, [entry]);
    }
    reading.byName = byName;
  }
  return reading.byName.get(name) ?? NO_ENTRIES;
}

/**
 * The RUNs (and `ONBUILD RUN`s, and RUNs before the first FROM) with a command
 * hadolint names `name`, in file order, each with those commands: a rule that
 * judges a RUN by one program's commands visits those RUNs alone.
 */
export function runsWithCommandsNamed(
  model: DockerfileModel,
  name: string,
): Array<{ instruction: Instruction; commands: ShellCommand[] }> {
  const runs: Array<{ instruction: Instruction; commands: ShellCommand[] }> =
    [];
  for (const [command, instruction] of commandsNamed(model, name)) {
    const last = runs[runs.length - 1];
    // A RUN's commands are consecutive in the index.
    if (last?.instruction === instruction) last.commands.push(command);
    else runs.push({ instruction, commands: [command] });
  }
  return runs;
}

/** The RUNs (and `ONBUILD RUN`s, and RUNs before the first FROM) with a command hadolint names one of `names`. */
export function runsRunning(
  model: DockerfileModel,
  names: readonly string[],
): Set<Instruction> {
  const runs = new Set<Instruction>();
  for (const name of names)
    for (const [, instruction] of commandsNamed(model, name))
      runs.add(instruction);
  return runs;
}

function visit<H>(
  entries: Readonly<HadolintCommands>,
  fn: CommandVisit<H>,
): H[] {
  const hits: H[] = [];
  for (let i = 0; i < entries.length; i++) {
    const entry = entries[i];
    const hit = fn(entry[0], entry[1], entry[2]);
    if (hit) hits.push(hit);
  }
  return hits;
}

/** Every command `eachCommandWithOnbuild` visits, with its instruction and stage; built once per model. */
function hadolintCommandIndex(model: DockerfileModel): HadolintCommands {
  const reading = readingOf(model);
  let all = reading.commands;
  if (!all) {
    all = [];
    for (const instruction of model.instructions) {
      const commands = runCommands(model, instruction);
      if (commands.length === 0) continue;
      const stage = model.stages[instruction.stage];
      for (const command of commands) all.push([command, instruction, stage]);
    }
    reading.commands = all;
  }
  return all;
}
