import type {
  DockerfileModel,
  Instruction,
  RunMount,
  Stage,
} from '../dockerfile/model';
import { parseShell, type ShellCommand } from '../dockerfile/shell';
import { readMount } from '../dockerfile/parseRun';
import { commandsOf, keyValues } from './support';

/** The model's cache of hadolint's readings (commands, RUN texts), made on first use. */
export function readingOf(
  model: DockerfileModel,
): NonNullable<DockerfileModel['hadolintReading']> {
  return (model.hadolintReading ??= {
    runs: [],
    commands: undefined,
    byName: undefined,
  });
}

/** Why DL3009 and DL3060 are not followed for an `ONBUILD RUN` in a stage no image builds on. */
export const ONBUILD_IN_UNUSED_STAGE =
  'hadolint reports an `ONBUILD RUN` in any stage; here, as for a plain RUN, one in a stage that is neither the final stage nor built on is not: no image ever built carries its trigger.';

/** hadolint's wiki page for a rule whose first equivalent is a DL id. */
export function hadolintDocsUrl(
  equivalents: readonly string[],
): string | undefined {
  const id = equivalents[0];
  return id?.startsWith('DL')
    ? `https://github.com/hadolint/hadolint/wiki/${id}`
    : undefined;
}

/** Whether a RUN has a cache or tmpfs mount whose target contains `fragment` (`.cache/pip`). */
export function hasCacheOrTmpfsMountWith(
  instruction: Instruction,
  fragment: string,
): boolean {
  return mountsOf(instruction).some(
    m =>
      (m.type === 'cache' || m.type === 'tmpfs') &&
      m.target !== undefined &&
      m.target.includes(fragment),
  );
}

/**
 * The `--mount`s of a RUN or of an `ONBUILD RUN`'s trigger (which the model leaves
 * unread, as it does a RUN before the first FROM).
 */
function mountsOf(instruction: Instruction): RunMount[] {
  const run =
    instruction.keyword === 'ONBUILD' ? instruction.trigger : instruction;
  if (!run || run.keyword !== 'RUN') return [];
  if (run.shell) return run.shell.mounts;
  const mounts: RunMount[] = [];
  for (const flag of run.flags)
    if (flag.name === 'mount' && flag.value) mounts.push(readMount(flag.value));
  return mounts;
}

/**
 * The value `ENV name` has before `before` in `stage`, following `FROM <stage>`
 * to the stages it builds on (ENV is inherited, ARG is not). Without a stage
 * (`before` comes before the first FROM), the ENVs before it count, as hadolint reads them.
 */
export function inheritedEnv(
  model: DockerfileModel,
  stage: Stage | undefined,
  name: string,
  before?: Instruction,
): string | undefined {
  let value: string | undefined;
  const instructions = stage
    ? stage.instructions
    : model.instructions.filter(i => i.stage < 0);
  for (const instruction of instructions) {
    if (instruction === before) break;
    if (instruction.keyword !== 'ENV') continue;
    for (const [key, v] of keyValues(instruction))
      if (key === name) value = v ?? '';
  }
  if (value !== undefined || !stage) return value;
  const base =
    stage.baseStage !== undefined ? model.stages[stage.baseStage] : undefined;
  return base && base !== stage ? inheritedEnv(model, base, name) : undefined;
}

/**
 * The command's name as hadolint gives it (see `hadolintCommand`): as written, so
 * `/usr/bin/apt-get` is not `apt-get` to it (only SHELL programs go by base name),
 * and `exec`, `busybox`, `builtin`, `command` and `run` name the program they run.
 */
export function nameOf(command: ShellCommand): string {
  const target = wrappedProgram(command);
  return target === undefined ? command.name : command.args[target];
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

/** Index just past the `close` matching the `open` at `from`. */
function pastMatching(
  raw: string,
  from: number,
  open: string,
  close: string,
): number {
  let depth = 0;
  for (let i = from; i < raw.length; i++) {
    if (raw[i] === open) depth++;
    else if (raw[i] === close && --depth === 0) return i + 1;
  }
  return raw.length;
}

/**
 * A word as hadolint's shell reader renders it: quotes removed, single-quoted
 * text literal, `$name` written `${name}`, `${…}` as is, a `$(…)` substitution
 * `${…}` with its words run together, and backticks or `$((…))` `${VAR}`.
 * Rules comparing a word with variable names, or counting its characters (a
 * UID's length), need this rendering to judge as hadolint does.
 */
export function hadolintText(raw: string): string {
  let out = '';
  let inDouble = false;
  let i = 0;
  while (i < raw.length) {
    const c = raw[i];
    const next = raw[i + 1];
    if (!inDouble && (c === "'" || (c === '$' && next === "'"))) {
      const open = c === "'" ? i : i + 1;
      const close = raw.indexOf("'", open + 1);
      const end = close < 0 ? raw.length : close;
      out += raw.slice(open + 1, end);
      i = end + 1;
    } else if (c === '"') {
      inDouble = !inDouble;
      i++;
    } else if (c === '\\' && next !== undefined) {
      out += inDouble && !'"\\$`'.includes(next) ? c + next : next;
      i += 2;
    } else if (c === '`') {
      const close = raw.indexOf('`', i + 1);
      out += '${VAR}';
      i = close < 0 ? raw.length : close + 1;
    } else if (c === '$' && next === '(') {
      const end = pastMatching(raw, i + 1, '(', ')');
      out +=
        raw[i + 2] === '('
          ? '${VAR}'
          : `\${${raw.slice(i + 2, end - 1).replace(/\s+/g, '')}}`;
      i = end;
    } else if (c === '$' && next === '{') {
      const end = pastMatching(raw, i + 1, '{', '}');
      out += raw.slice(i, end);
      i = end;
    } else if (c === '$') {
      const name = /^\$([A-Za-z_][A-Za-z0-9_]*|[0-9@*#?$!-])/.exec(
        raw.slice(i, i + 256),
      );
      out += name ? `\${${name[1]}}` : c;
      i += name ? name[0].length : 1;
    } else {
      out += c;
      i++;
    }
  }
  return out;
}

/** A script hadolint reads differently from the model, and its commands. */
type OwnReading = NonNullable<
  NonNullable<DockerfileModel['hadolintReading']>['runs'][number]
>;

/**
 * The script of a RUN (or `ONBUILD RUN`) where hadolint reads it other than
 * the model does: the exec form's items joined by spaces and read as one
 * shell line (`["sh", "-c", "wget …"]` runs `sh`, not `wget`), a RUN under a
 * non-POSIX SHELL or escape character read as POSIX shell all the same, a RUN
 * before the first FROM, and an `ONBUILD RUN`'s trigger, which the model
 * leaves unread. Undefined where the model's reading is hadolint's.
 */
function ownScript(instruction: Instruction): string | undefined {
  const run =
    instruction.keyword === 'ONBUILD' ? instruction.trigger : instruction;
  if (run?.keyword !== 'RUN') return undefined;
  if (run.json) return run.json.join(' ');
  if (run !== instruction || !run.shell || run.shell.kind === 'other')
    return run.args;
  return undefined;
}

function ownReading(
  model: DockerfileModel,
  instruction: Instruction,
): OwnReading | undefined {
  const script = ownScript(instruction);
  if (script === undefined) return undefined;
  const readings = readingOf(model).runs;
  let reading = readings[instruction.index];
  if (!reading) {
    reading = { script, commands: parseShell(script).commands };
    readings[instruction.index] = reading;
  }
  return reading;
}

/** Commands of a RUN or `ONBUILD RUN` as hadolint reads them (see `ownReading`). */
export function runCommands(
  model: DockerfileModel,
  instruction: Instruction,
): readonly ShellCommand[] {
  return ownReading(model, instruction)?.commands ?? commandsOf(instruction);
}

/**
 * The arguments of `command` (one of `runCommands(model, instruction)`) as hadolint
 * renders them (see `hadolintText`), read from the instruction's own text
 * where the words can be found in it.
 */
export function hadolintArgs(
  model: DockerfileModel,
  command: ShellCommand,
  instruction: Instruction,
): string[] {
  let script = ownReading(model, instruction)?.script;
  if (script === undefined && instruction.shell?.kind === 'posix')
    script = instruction.shell.text;
  return command.args.map((arg, i) => {
    const word = command.words[i + 1];
    if (
      script === undefined ||
      word === undefined ||
      word.value !== arg ||
      word.end <= word.start
    )
      return hadolintText(arg);
    return hadolintText(script.slice(word.start, word.end));
  });
}

/** Arguments that are not flags, as hadolint reads them (`-` and `--` are arguments). */
export function argsNoFlags(command: ShellCommand): string[] {
  return command.args.filter(isArgument);
}

export function isArgument(arg: string): boolean {
  return arg === '-' || arg === '--' || arg[0] !== '-';
}

/**
 * The flags of a command as hadolint reads them: `--name=value` is `name`,
 * `-abc` is `a`, `b` and `c` (a value glued on, as in `-u1000`, is read as
 * letters too), `-` and `--` are not flags. Each with the index of its argument.
 */
export function hadolintFlags(
  command: ShellCommand,
): Array<{ flag: string; at: number }> {
  const flags: Array<{ flag: string; at: number }> = [];
  command.args.forEach((arg, at) => {
    if (arg === '-' || arg === '--' || arg[0] !== '-') return;
    if (arg.startsWith('--'))
      flags.push({ flag: arg.slice(2).split('=')[0], at });
    else for (const flag of arg.slice(1)) flags.push({ flag, at });
  });
  return flags;
}

/**
 * The name part of a FROM's image, as hadolint's Dockerfile reader takes it:
 * without a registry (text up to the first `/` after a `.`), a tag or a digest
 * (`${…}` is opaque). This is what it compares with stage names.
 */
export function imageNameOf(image: string): string {
  const dot = image.indexOf('.');
  const slash = dot < 0 ? -1 : image.indexOf('/', dot);
  const name = slash < 0 ? image : image.slice(slash + 1);
  let depth = 0;
  for (let i = 0; i < name.length; i++) {
    const c = name[i];
    if (c === '{' && name[i - 1] === '$') depth++;
    else if (c === '}' && depth > 0) depth--;
    else if ((c === ':' || c === '@') && depth === 0) return name.slice(0, i);
  }
  return name;
}

/** `exec`'s options as ShellCheck reads them: `-c`, `-l`, `-a NAME`; anything else is not understood. */
function execTarget(args: readonly string[]): number | undefined {
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (arg === '--') return i + 1 < args.length ? i + 1 : undefined;
    if (arg.startsWith('--')) return undefined;
    if (!arg.startsWith('-')) return i;
    for (let j = 1; j < arg.length; j++) {
      const option = arg[j];
      if (option === 'a') {
        if (j === arg.length - 1) i++;
        break;
      }
      if (option !== 'c' && option !== 'l') return undefined;
    }
  }
  return undefined;
}

/**
 * The name hadolint gives a command, and the index in `command.words` of the
 * word holding it: the name as written, except that `busybox`, `builtin`,
 * `command` and `run` followed by a word that is not a flag, and `exec` after
 * its options, name the program they run (ShellCheck's reading). The
 * arguments stay all the words after the first, the program's name included.
 */
export function hadolintCommand(command: ShellCommand): {
  name: string;
  at: number;
} {
  const target = wrappedProgram(command);
  return target === undefined
    ? { name: command.name, at: 0 }
    : { name: command.args[target], at: target + 1 };
}

/** The index in `command.args` of the program a wrapper runs (see `hadolintCommand`); plain comparisons, as every rule asks it of every command. */
function wrappedProgram(command: ShellCommand): number | undefined {
  const name = command.name;
  const args = command.args;
  if (
    name === 'busybox' ||
    name === 'builtin' ||
    name === 'command' ||
    name === 'run'
  )
    return args.length > 0 && !args[0].startsWith('-') ? 0 : undefined;
  return name === 'exec' ? execTarget(args) : undefined;
}
