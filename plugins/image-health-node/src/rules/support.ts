import type { DockerfileModel, Instruction, Stage } from '../dockerfile/model';
import type { ShellCommand, ShellWord } from '../dockerfile/shell';
import type { Edit } from './types';
import { unquote } from '../dockerfile/values';

/** Questions rules ask of the parsed model. */

/**
 * Shared so that asking a non-RUN instruction for its commands allocates
 * nothing. Read-only by type, not frozen: V8 iterates a frozen array through
 * its generic iterator, which allocated one object per step in every rule's
 * `for…of` over `commandsOf` (6 % of the analysis's allocations).
 */
const NO_COMMANDS: readonly ShellCommand[] = [];

export function commandsOf(instruction: Instruction): readonly ShellCommand[] {
  return instruction.shell?.commands ?? NO_COMMANDS;
}

/** The program's base name: `/usr/bin/apt-get` → `apt-get`. */
export function programOf(command: ShellCommand): string {
  return command.program;
}

/** Whether the command runs `program` (any of them), optionally with `subcommand` as its first non-flag argument. */
export function isCommand(
  command: ShellCommand,
  program: string | readonly string[],
  subcommand?: string | readonly string[],
): boolean {
  if (!isOneOf(command.program, program)) return false;
  if (subcommand === undefined) return true;
  const first = command.subcommand;
  return first !== undefined && isOneOf(first, subcommand);
}

/** `value === names` or `names.includes(value)`, as a plain loop (the rules' hottest question). */
function isOneOf(value: string, names: string | readonly string[]): boolean {
  if (typeof names === 'string') return value === names;
  for (let i = 0; i < names.length; i++) if (names[i] === value) return true;
  return false;
}

/**
 * Whether the command has one of `flags`. Short flags also match inside a
 * group (`-qy` has `-y`); long flags match `--flag` and `--flag=value`.
 */
export function hasFlag(command: ShellCommand, ...flags: string[]): boolean {
  for (const arg of command.args) {
    if (arg === '--') return false;
    const group = isShortFlagGroup(arg);
    for (const flag of flags) {
      if (arg === flag) return true;
      if (
        flag.startsWith('--') &&
        arg.length > flag.length &&
        arg.charCodeAt(flag.length) === 61 /* = */ &&
        arg.startsWith(flag)
      )
        return true;
      if (
        group &&
        flag.length === 2 &&
        flag[0] === '-' &&
        arg.includes(flag[1])
      )
        return true;
    }
  }
  return false;
}

/** `-qy`: a dash and two or more ASCII letters. */
function isShortFlagGroup(arg: string): boolean {
  if (arg.length < 3 || arg.charCodeAt(0) !== 45 /* - */) return false;
  for (let i = 1; i < arg.length; i++) {
    const c = arg.charCodeAt(i) | 0x20;
    if (c < 97 || c > 122) return false;
  }
  return true;
}

/**
 * Non-flag arguments after the subcommand, skipping values of flags that take
 * one (`takesValue`), e.g. apt-get's `-o Dpkg::Options=…` or apk's `--virtual name`.
 */
export function operandsAfter(
  command: ShellCommand,
  subcommand: string,
  takesValue: string[] = [],
): Array<{ value: string; word: ShellWord }> {
  const result: Array<{ value: string; word: ShellWord }> = [];
  let seenSub = false;
  for (let i = 0; i < command.args.length; i++) {
    const arg = command.args[i];
    if (!seenSub) {
      if (arg === subcommand) seenSub = true;
      else if (takesValue.includes(arg)) i++;
      continue;
    }
    if (arg.startsWith('-')) {
      if (takesValue.includes(arg)) i++;
      continue;
    }
    result.push({ value: arg, word: command.words[i + 1] });
  }
  return result;
}

/** The word of `command` equal to `value` (first after the program). */
export function wordOf(
  command: ShellCommand,
  value: string,
): ShellWord | undefined {
  return command.words.slice(1).find(w => w.value === value);
}

/** An edit inserting `text` right after `word` of a RUN; undefined when the word cannot be mapped back. */
export function insertAfter(
  instruction: Instruction,
  word: ShellWord | undefined,
  text: string,
): Edit | undefined {
  if (!word || !instruction.shell) return undefined;
  const end = instruction.shell.toSource(word.end);
  if (end === undefined) return undefined;
  return { start: end, end, text };
}

/** An edit replacing `word` of a RUN. */
export function replaceWord(
  instruction: Instruction,
  word: ShellWord | undefined,
  text: string,
): Edit | undefined {
  if (!word || !instruction.shell) return undefined;
  const start = instruction.shell.toSource(word.start);
  const end = instruction.shell.toSource(word.end);
  if (start === undefined || end === undefined) return undefined;
  return { start, end, text };
}

/**
 * The edit that ends a RUN with ` && text` on a line of its own, after the last
 * top-level command of `commands` (the RUN's); none when that command ends in
 * a terminator (`;`, `&`) or its words cannot be mapped back.
 */
export function appendToRun(
  instruction: Instruction,
  commands: readonly ShellCommand[],
  text: string,
): Edit[] {
  let last: ShellCommand | undefined;
  for (const command of commands) if (!command.nested) last = command;
  if (!last || last.terminator !== '') return [];
  return compact([
    insertAfter(
      instruction,
      last.words[last.words.length - 1],
      ` \\\n    && ${text}`,
    ),
  ]);
}

export function compact<T>(items: Array<T | undefined>): T[] {
  return items.filter((i): i is T => i !== undefined);
}

/** Whether a RUN mounts a BuildKit cache at (or under) one of `paths`. */
export function hasCacheMount(
  instruction: Instruction,
  ...paths: string[]
): boolean {
  if (!instruction.shell) return false;
  return instruction.shell.mounts.some(
    m =>
      m.type === 'cache' &&
      (paths.length === 0 ||
        paths.some(
          p =>
            m.target !== undefined &&
            (m.target === p ||
              m.target.startsWith(`${p}/`) ||
              p.startsWith(`${m.target}/`)),
        )),
  );
}

/**
 * The stage and the stages it is built `FROM`, nearest first; the last one
 * builds on an image (or closes a cycle the parser let through).
 */
export function stageChain(model: DockerfileModel, stage: Stage): Stage[] {
  const chain: Stage[] = [];
  for (
    let s: Stage | undefined = stage;
    s && !chain.includes(s);
    s = s.baseStage !== undefined ? model.stages[s.baseStage] : undefined
  )
    chain.push(s);
  return chain;
}

export function finalStage(model: DockerfileModel): Stage | undefined {
  return model.stages.find(s => s.final);
}

/** The stage's ENV and ARG names with their values, declared up to `before` (exclusive). */
export function envOf(stage: Stage, before?: Instruction): Map<string, string> {
  const env = new Map<string, string>();
  for (const instruction of stage.instructions) {
    if (instruction === before) break;
    if (instruction.keyword !== 'ENV' && instruction.keyword !== 'ARG')
      continue;
    for (const [name, value] of keyValues(instruction))
      env.set(name, value ?? '');
  }
  return env;
}

/**
 * An instruction's arguments: the exec form's items, or else its shell-form
 * words, as written or (`unquoted`) with their quotes removed (`COPY "a b" /x`
 * → `a b`, `/x`). Always a new list built here, so every rule's loop over it
 * meets one kind of array (V8 recompiled rules that met the JSON parser's
 * lists, `map`'s and empty ones in turn).
 */
export function argumentsOf(
  instruction: Instruction,
  { unquoted = false }: { unquoted?: boolean } = {},
): string[] {
  const values: string[] = [];
  const json = instruction.json;
  if (json) for (let i = 0; i < json.length; i++) values.push(json[i]);
  else
    for (let i = 0; i < instruction.words.length; i++) {
      const word = instruction.words[i].value;
      values.push(unquoted ? unquote(word) : word);
    }
  return values;
}

/** `ENV a=1 b=2`, `ENV a 1`, `ARG a=1`, `LABEL k=v` as pairs. */
export function keyValues(
  instruction: Instruction,
): Array<[string, string | undefined]> {
  // Read from the words in place: every rule asks this of every ENV and ARG.
  // One list, pushed to, whatever the form: the rules that inline this met
  // `map`'s lists, literal ones and empty ones, and V8 recompiled them.
  const words = instruction.words;
  const pairs: Array<[string, string | undefined]> = [];
  if (words.length === 0) return pairs;
  if (instruction.keyword === 'ENV' && !words[0].value.includes('=')) {
    let value = '';
    for (let i = 1; i < words.length; i++)
      value = i === 1 ? words[i].value : `${value} ${words[i].value}`;
    pairs.push([words[0].value, unquoteValue(value)]);
    return pairs;
  }
  for (let i = 0; i < words.length; i++) {
    const w = words[i].value;
    const eq = w.indexOf('=');
    pairs.push(
      eq < 0 ? [w, undefined] : [w.slice(0, eq), unquoteValue(w.slice(eq + 1))],
    );
  }
  return pairs;
}

function unquoteValue(value: string): string {
  if (
    value.length >= 2 &&
    (value[0] === '"' || value[0] === "'") &&
    value[value.length - 1] === value[0]
  ) {
    return value.slice(1, -1);
  }
  return value;
}

/** The user's text of an instruction (or a range of it) with `edits` inside it applied. */
export function applyEditsTo(
  model: DockerfileModel,
  instruction: { start: number; end: number },
  edits: Edit[],
): string {
  // Insertions at one point come out last-given first; one pass, linear in the text however many edits.
  const inside = edits
    .map((edit, order) => ({ edit, order }))
    .filter(
      ({ edit }) =>
        edit.start >= instruction.start && edit.end <= instruction.end,
    )
    .sort((a, b) => a.edit.start - b.edit.start || b.order - a.order);
  const parts: string[] = [];
  let cursor = instruction.start;
  for (const { edit } of inside) {
    parts.push(model.text.slice(cursor, Math.max(cursor, edit.start)));
    parts.push(edit.text);
    cursor = Math.max(cursor, edit.end);
  }
  parts.push(model.text.slice(cursor, instruction.end));
  return parts.join('');
}

/** An edit removing a whole instruction and the line break after it. */
export function removeInstruction(
  model: DockerfileModel,
  instruction: Instruction,
): Edit {
  let end = instruction.end;
  if (model.text[end] === '\r') end++;
  if (model.text[end] === '\n') end++;
  return { start: instruction.start, end, text: '' };
}

/** Splits a shell-form RUN into the text of its commands joined by `&&`, for merging. */
export function runScript(
  model: DockerfileModel,
  instruction: Instruction,
): string {
  const flags = instruction.flags.length
    ? model.text.slice(
        instruction.flags[0].start,
        instruction.flags[instruction.flags.length - 1].end,
      )
    : '';
  const text = model.text.slice(instruction.start, instruction.end);
  const keywordEnd = text.search(/\s/);
  let body = keywordEnd < 0 ? '' : text.slice(keywordEnd).trimStart();
  if (flags && body.startsWith(flags))
    body = body.slice(flags.length).trimStart();
  return body;
}

/** Whether a RUN can be merged textually with another (shell form, no heredoc). */
export function isMergeableRun(instruction: Instruction): boolean {
  return (
    instruction.keyword === 'RUN' &&
    instruction.shell?.kind === 'posix' &&
    !instruction.json &&
    instruction.heredocs.length === 0
  );
}

export function sameFlags(a: Instruction, b: Instruction): boolean {
  // Most RUNs have no flags: compared without building their keys.
  if (a.flags.length === 0 || b.flags.length === 0)
    return a.flags.length === b.flags.length;
  const key = (i: Instruction) =>
    i.flags
      .map(f => `${f.name}=${f.value}`)
      .sort()
      .join(' ');
  return key(a) === key(b);
}

/** Every command of every RUN with its instruction and stage, in file order; built once per model. */
export function allCommands(
  model: DockerfileModel,
): Array<[ShellCommand, Instruction, Stage]> {
  let all = model.commandIndex;
  if (!all) {
    all = [];
    for (const stage of model.stages) {
      for (const instruction of stage.instructions) {
        const commands = instruction.shell?.commands;
        if (commands)
          for (const command of commands)
            all.push([command, instruction, stage]);
      }
    }
    model.commandIndex = all;
  }
  return all;
}

/** Calls `fn` for every command of every RUN, in file order; collects the hits it returns. */
export function eachCommand<H>(
  model: DockerfileModel,
  fn: (
    command: ShellCommand,
    instruction: Instruction,
    stage: Stage,
  ) => H | undefined,
): H[] {
  const hits: H[] = [];
  const all = allCommands(model);
  for (let i = 0; i < all.length; i++) {
    const entry = all[i];
    const hit = fn(entry[0], entry[1], entry[2]);
    if (hit) hits.push(hit);
  }
  return hits;
}

/** Whether any command of the RUN satisfies `test`. */
export function runHas(
  instruction: Instruction,
  test: (command: ShellCommand) => boolean,
): boolean {
  return commandsOf(instruction).some(test);
}

const NAME_CHAR = /[A-Za-z0-9_]/;

/**
 * The variables a text expands, read in one pass: `$name` and `${name}`, and
 * with `operators` also `${name…}` with a modifier (`${name:-default}`).
 * Linear in the text, so a rule may ask it of every instruction.
 */
export function variablesUsedIn(
  text: string,
  options: { operators?: boolean } = {},
): Set<string> {
  const used = new Set<string>();
  for (let at = text.indexOf('$'); at >= 0; at = text.indexOf('$', at + 1)) {
    const braced = text[at + 1] === '{';
    const start = braced ? at + 2 : at + 1;
    let end = start;
    while (end < text.length && NAME_CHAR.test(text[end])) end += 1;
    if (end === start) continue;
    if (braced && !options.operators && text[end] !== '}') continue;
    used.add(text.slice(start, end));
  }
  return used;
}

/**
 * `text` without the quote characters it starts and ends with. A scan, not
 * `/^["']+|["']+$/`: that pattern retries from every quote of a long run of
 * them (2.6 s on a fuzzed 50 kB word).
 */
export function withoutQuotes(text: string): string {
  const isQuote = (c: string) => c === '"' || c === "'";
  let start = 0;
  let end = text.length;
  while (start < end && isQuote(text[start])) start++;
  while (end > start && isQuote(text[end - 1])) end--;
  return text.slice(start, end);
}

/**
 * The arguments of a RUN's commands that `matches` (an `rm`, a package
 * removal), each with the last position in the RUN of a matching command
 * naming it, and where each command stands: read once per RUN, so "named
 * again later in the same RUN" is a lookup, not a scan per argument (which
 * was quadratic in fuzzed RUNs of thousands of commands).
 */
export interface LaterMentions {
  lastAt: ReadonlyMap<string, number>;
  position: ReadonlyMap<ShellCommand, number>;
}

export function laterMentions(
  instruction: Instruction,
  matches: (command: ShellCommand) => boolean,
): LaterMentions {
  const lastAt = new Map<string, number>();
  const position = new Map<ShellCommand, number>();
  commandsOf(instruction).forEach((c, at) => {
    position.set(c, at);
    if (matches(c)) for (const a of c.args) lastAt.set(a, at);
  });
  return { lastAt, position };
}

/** Whether a matching command after `command` (anywhere, if `command` is not among them) names `arg`. */
export function mentionedAfter(
  mentions: LaterMentions,
  command: ShellCommand,
  arg: string,
): boolean {
  return (
    (mentions.lastAt.get(arg) ?? -1) > (mentions.position.get(command) ?? -1)
  );
}
