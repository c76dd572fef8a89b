import type { ParseError } from '@image-health/plugin-image-health-common';
import type { ShellCommand } from './shell';
import type { StageReach } from './stages';

/** A `--name=value` flag of FROM, RUN, COPY, ADD or HEALTHCHECK. */
export interface InstructionFlag {
  name: string;
  /** `null` for a bare `--link`. */
  value: string | null;
  /** Offsets in the Dockerfile text, end exclusive. */
  start: number;
  end: number;
}

/** A `--mount=type=cache,target=/root/.npm` flag, read into its options. */
export interface RunMount {
  type: string;
  target?: string;
  options: Record<string, string>;
}

export interface Heredoc {
  name: string;
  /** Body without the delimiter lines (tabs stripped for `<<-`). */
  content: string;
  stripTabs: boolean;
  /** Offsets of the body in the Dockerfile text. */
  start: number;
  end: number;
}

/** One word of an instruction's arguments, with offsets in the Dockerfile text. */
export interface InstructionWord {
  value: string;
  start: number;
  end: number;
}

export interface Instruction {
  /** Upper-case keyword: `RUN`, `FROM`, … (unknown keywords are kept as written, upper-cased). */
  keyword: string;
  /** The arguments after the keyword and flags, continuations joined, comment lines dropped. */
  args: string;
  flags: InstructionFlag[];
  /** Exec (JSON) form arguments, when the instruction uses it. */
  json: string[] | null;
  /** Shell-form words of `args` (quotes kept), with offsets. */
  words: InstructionWord[];
  heredocs: Heredoc[];
  /** The trigger of an `ONBUILD`. */
  trigger?: Instruction;
  /** Offsets of the whole instruction in the Dockerfile text (heredoc bodies included). */
  start: number;
  end: number;
  /** 1-based first and last line. */
  line: number;
  endLine: number;
  /** Position in `DockerfileModel.instructions`; -1 for ONBUILD triggers. */
  index: number;
  /** Index of the stage it belongs to; -1 before the first FROM. */
  stage: number;
  /** For RUN: the shell script the instruction runs, read once. */
  shell?: ParsedRun;
}

/** What a RUN runs, read once. */
export interface ParsedRun {
  /** `posix` when the script was read with the shell reader; `exec` for JSON form; `other` for PowerShell/cmd. */
  kind: 'posix' | 'exec' | 'other';
  commands: ShellCommand[];
  parseError?: string;
  /** The script text the commands' offsets refer to. */
  text: string;
  /** Maps an offset in `text` to the Dockerfile text; undefined when not mappable (heredoc). */
  toSource(offset: number): number | undefined;
  mounts: RunMount[];
}

/** A parsed image reference of a FROM. */
export interface ImageReference {
  /** As written, before ARG substitution. */
  raw: string;
  /** After substitution of global ARG defaults. */
  resolved: string;
  registry?: string;
  /** Repository path without registry, e.g. `library/node` → `node`. */
  repository: string;
  tag?: string;
  digest?: string;
  /** A `$VAR` remained after substitution (no default). */
  unresolved: boolean;
}

export interface Stage {
  index: number;
  name?: string;
  from: Instruction;
  image: ImageReference;
  /** The stage this one builds on (`FROM builder`), if any. */
  baseStage?: number;
  platform?: string;
  /** Instructions after the FROM, up to the next FROM. */
  instructions: Instruction[];
  /** Whether this stage is the one the build outputs (the last one). */
  final: boolean;
  /** Stages (by index) whose files `COPY --from` pulls in; external images by name in `copiesFromImages`. */
  copiesFrom: number[];
  copiesFromImages: string[];
}

/** A `# hadolint ignore=…` or `# image-health ignore=…` comment. */
export interface Pragma {
  scope: 'next' | 'global' | 'stage';
  ids: string[];
  /** 1-based line of the comment. */
  line: number;
  /** The instruction after it (index in `DockerfileModel.instructions`), if any. */
  next?: number;
}

export interface DockerfileModel {
  text: string;
  escapeChar: string;
  directives: Record<string, string>;
  /** Every top-level instruction in order. */
  instructions: Instruction[];
  /** ARGs before the first FROM. */
  globalArgs: Map<string, string | undefined>;
  stages: Stage[];
  pragmas: Pragma[];
  parseErrors: ParseError[];
  /** Line starts, for offset → line. */
  lineStarts: number[];
  /**
   * Every command of every RUN with its instruction and stage, in file order;
   * built on first use by `allCommands` (rules/support.ts). Kept on the model,
   * not in a WeakMap: V8's scavenger promotes everything a young WeakMap key
   * reaches, which made a third of the analysis time garbage collection.
   */
  commandIndex?: Array<[ShellCommand, Instruction, Stage]>;
  /** Each stage's reach into the final image, by index; built on first use by `stageReaches` (dockerfile/stages.ts). */
  stageReach?: StageReach[];
  /**
   * The RUNs as hadolint reads them, built on first use by rules/peer.ts: by
   * instruction index, those it reads other than this model does (exec form,
   * `ONBUILD RUN`, …) with their script and commands, and every command of
   * every RUN and `ONBUILD RUN` in file order, and those grouped by the name
   * hadolint gives their program. On the model for the reason above.
   */
  hadolintReading?: {
    runs: Array<{ script: string; commands: ShellCommand[] } | undefined>;
    commands?: Array<[ShellCommand, Instruction, Stage | undefined]>;
    byName?: Map<string, Array<[ShellCommand, Instruction, Stage | undefined]>>;
  };
}

export function lineOf(model: DockerfileModel, offset: number): number {
  const starts = model.lineStarts;
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid] <= offset) lo = mid;
    else hi = mid - 1;
  }
  return lo + 1;
}

/** The user's own text of an instruction, as written. */
export function sourceOf(
  model: DockerfileModel,
  instruction: Instruction,
): string {
  return model.text.slice(instruction.start, instruction.end);
}

export function flagOf(
  instruction: Instruction,
  name: string,
): InstructionFlag | undefined {
  return instruction.flags.find(f => f.name === name);
}
