/**
 * A RUN instruction read into commands: its mounts, and its script as the
 * stage's shell runs it (POSIX shells read by our shell reader, exec form
 * joined as a shell would, Windows shells left unread).
 */
import {
  type Heredoc,
  type Instruction,
  type ParsedRun,
  type RunMount,
  type Stage,
} from './model';
import { mapOffset, type InstructionInternal } from './instructions';
import { parseShell, type ShellCommand, type ShellScript } from './shell';
import { unquote } from './values';

const POSIX_SHELLS = /(^|\/)(sh|bash|ash|dash|zsh|ksh)$/;

function isWindowsImage(stage: Stage): boolean {
  return /(^|\/)windows\/|nanoserver|servercore|windowsservercore/.test(
    stage.image.resolved.toLowerCase(),
  );
}

const unmapped = () => undefined;

export function readRun(
  instruction: Instruction,
  shell: string[] | null,
  stage: Stage,
  escapeChar: string,
): ParsedRun {
  const mounts: RunMount[] = [];
  for (const flag of instruction.flags)
    if (flag.name === 'mount' && flag.value) mounts.push(readMount(flag.value));
  const internal = instruction as InstructionInternal;
  const posixShell = shell
    ? POSIX_SHELLS.test(shell[0])
    : !isWindowsImage(stage);
  if (instruction.json)
    return readExecForm(instruction.json, instruction.args, mounts);
  if (!posixShell || escapeChar !== '\\') {
    return parsedRun(
      'other',
      { commands: [] },
      instruction.args,
      unmapped,
      mounts,
    );
  }
  const heredoc = heredocScript(instruction);
  if (heredoc) {
    return parsedRun(
      'posix',
      parseShell(heredoc.content),
      heredoc.content,
      o => (heredoc.stripTabs ? undefined : heredoc.start + o),
      mounts,
    );
  }
  const text = instruction.args;
  return parsedRun(
    'posix',
    parseShell(text),
    text,
    o => mapOffset(internal.segments, o + internal.bodyOffset),
    mounts,
  );
}

/**
 * An exec-form RUN: `["sh", "-c", "script"]` runs the script through a POSIX
 * shell; any other list runs its first item with the rest as arguments.
 */
function readExecForm(
  json: string[],
  args: string,
  mounts: RunMount[],
): ParsedRun {
  const c = json.indexOf('-c');
  if (
    json.length > 0 &&
    POSIX_SHELLS.test(json[0]) &&
    c > 0 &&
    c + 1 < json.length
  ) {
    const script = json[c + 1];
    return parsedRun('posix', parseShell(script), script, unmapped, mounts);
  }
  const commands: ShellCommand[] = json.length
    ? [
        {
          name: json[0],
          program: json[0].slice(json[0].lastIndexOf('/') + 1),
          args: json.slice(1),
          subcommand: json.slice(1).find(a => !a.startsWith('-')),
          words: json.map(v => ({
            value: v,
            start: 0,
            end: 0,
            quoted: true,
          })),
          assignments: [],
          pipeline: 0,
          pipePosition: 0,
          terminator: '',
          nested: false,
          start: 0,
          end: 0,
        },
      ]
    : [];
  return parsedRun('exec', { commands }, args, unmapped, mounts);
}

/**
 * The heredoc a RUN runs as its script (`RUN <<EOF`, `RUN bash <<EOF`), if
 * it runs one; a RUN that passes a heredoc to another program runs its text.
 */
function heredocScript(instruction: Instruction): Heredoc | undefined {
  if (instruction.heredocs.length === 0) return undefined;
  const withoutMarkers = instruction.args
    .replace(/<<(-?)(["']?)([A-Za-z_][A-Za-z0-9_.-]*)\2/g, '')
    .trim();
  const firstWord = withoutMarkers.split(/\s+/)[0] ?? '';
  return withoutMarkers === '' ||
    (POSIX_SHELLS.test(firstWord) && !/\s-c\s/.test(` ${withoutMarkers} `))
    ? instruction.heredocs[0]
    : undefined;
}

/** Every ParsedRun is built here, with all its fields in one order (one hidden class). */
function parsedRun(
  kind: ParsedRun['kind'],
  script: ShellScript,
  text: string,
  toSource: ParsedRun['toSource'],
  mounts: RunMount[],
): ParsedRun {
  return {
    kind,
    commands: script.commands,
    parseError: script.parseError,
    text,
    toSource,
    mounts,
  };
}

/** A `--mount=` flag's value read into its options. */
export function readMount(value: string): RunMount {
  const options: Record<string, string> = {};
  for (const part of value.split(',')) {
    const eq = part.indexOf('=');
    if (eq < 0) options[part.trim()] = 'true';
    else
      options[part.slice(0, eq).trim().toLowerCase()] = unquote(
        part.slice(eq + 1).trim(),
      );
  }
  return {
    type: options.type ?? 'bind',
    target: options.target ?? options.dst ?? options.destination,
    options,
  };
}
