/**
 * A small POSIX shell reader for `RUN`: the script is read once into simple
 * commands with their arguments, and rules ask questions of those commands
 * (`hasCommand('apt-get', 'update')`) instead of matching raw text.
 *
 * Why not mvdan-sh: it is a full parser but, transpiled by GopherJS, it costs
 * ~190 ms to load and ~1.4 ms per RUN on this machine, which breaks both the
 * CLI start-up budget and the corpus throughput budget (see BENCHMARKS.md).
 * The tests compare this reader with mvdan-sh over every RUN of the corpus.
 *
 * What it understands: quoting (single, double, `$'…'`), backslash escapes,
 * `$(…)`, `${…}`, backticks and `$((…))` (commands inside substitutions are
 * read too, marked `nested`), the operators `; & && || | |&`, newlines,
 * comments, redirections (including here-documents, whose bodies are skipped),
 * variable assignments before a command, and the reserved words of `if`,
 * `for`, `while`, `until`, `case`, `{ }` and `( )`. It never throws: text it
 * cannot make sense of becomes a `parseError` and the commands read so far.
 */

import { ShellLexer } from './shellLexer';

/** One word of a command, with where it sits in the script text. */
export interface ShellWord {
  /** The word with quotes removed; `$VAR` and `$(…)` are kept as written. */
  value: string;
  /** Offsets in the script text, end exclusive. */
  start: number;
  end: number;
  /** Whether any part of the word was quoted. */
  quoted: boolean;
}

/** A simple command: `FOO=1 apt-get install -y curl`. */
export interface ShellCommand {
  /** The program as written, e.g. `/usr/bin/apt-get`; `''` for a line of assignments only. */
  name: string;
  /** The program's base name: `/usr/bin/apt-get` → `apt-get`. */
  program: string;
  /** Arguments after the program, quotes removed. */
  args: string[];
  /** The first argument that is not a flag: `install` in `apt-get -y install x`. */
  subcommand?: string;
  /** The program word followed by the argument words. */
  words: ShellWord[];
  /** `NAME=value` prefixes. */
  assignments: string[];
  /** Which pipeline of the script the command belongs to (0-based). */
  pipeline: number;
  /** Position inside its pipeline (0 = left-most). */
  pipePosition: number;
  /** The operator that ends the command: `&&`, `||`, `;`, `|`, `&`, newline or end. */
  terminator: '&&' | '||' | ';' | '|' | '&' | '\n' | '';
  /** Read from inside `$(…)` or backticks. */
  nested: boolean;
  /** Offsets of the whole command in the script text. */
  start: number;
  end: number;
}

export interface ShellScript {
  commands: ShellCommand[];
  /** Why the reader stopped early, if it did. */
  parseError?: string;
}

const RESERVED_AT_START = new Set([
  'if',
  'then',
  'else',
  'elif',
  'fi',
  'do',
  'done',
  'while',
  'until',
  '!',
  '{',
  '}',
  'esac',
]);

const MAX_NESTING = 32;
function isNameStart(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95;
}

function isNameChar(c: number): boolean {
  return isNameStart(c) || (c >= 48 && c <= 57);
}

/** Whether `src[start, end)` begins like `NAME=`, `NAME+=` or `NAME[i]=` (an assignment word). */
function isAssignment(src: string, start: number, end: number): boolean {
  if (start >= end || !isNameStart(src.charCodeAt(start))) return false;
  let p = start + 1;
  while (p < end && isNameChar(src.charCodeAt(p))) p++;
  if (src[p] === '[') {
    const close = src.indexOf(']', p + 1);
    if (close < 0 || close >= end) return false;
    p = close + 1;
  }
  if (src[p] === '+') p++;
  return p < end && src[p] === '=';
}

class ShellReader extends ShellLexer {
  readonly commands: ShellCommand[] = [];

  constructor(
    src: string,
    start: number,
    limit: number,
    private readonly nested: boolean,
    private readonly depth: number,
  ) {
    super(src, start, limit);
  }

  /**
   * The commands of the script: one loop over its tokens, with the few
   * states a command line has (a for/case head, case patterns, a
   * redirection's target): a table of cases that reads better whole.
   */
  read(): void {
    let words: ShellWord[] = [];
    let assignments: string[] = [];
    let pipeline = 0;
    let pipePosition = 0;
    let commandStart = -1;
    // `for x in a b; do` and `case x in` take words that are not commands.
    let skipUntil: 'do' | 'in' | null = null;
    let inCaseBody = false;
    let expectPattern = false;
    let redirectNext = false;

    let lastEnd = -1;
    const finish = (terminator: ShellCommand['terminator']) => {
      if (words.length > 0 || assignments.length > 0) {
        const name = words[0]?.value ?? '';
        const args: string[] = [];
        let subcommand: string | undefined;
        for (let i = 1; i < words.length; i++) {
          const value = words[i].value;
          args.push(value);
          if (subcommand === undefined && value[0] !== '-') subcommand = value;
        }
        this.commands.push({
          name,
          program: name.slice(name.lastIndexOf('/') + 1),
          args,
          subcommand,
          words,
          assignments,
          pipeline,
          pipePosition,
          terminator,
          nested: this.nested,
          start: commandStart,
          end: lastEnd,
        });
      }
      words = [];
      assignments = [];
      commandStart = -1;
      redirectNext = false;
      if (terminator === '|') {
        pipePosition++;
      } else {
        pipeline++;
        pipePosition = 0;
      }
    };

    for (;;) {
      const token = this.next();
      if (token === null) {
        finish('');
        return;
      }
      if (typeof token === 'string') {
        const op = token;
        if (op === ';;' || op === ';&' || op === ';;&') {
          finish(';');
          if (inCaseBody) expectPattern = true;
          continue;
        }
        if (
          op === '&&' ||
          op === '||' ||
          op === ';' ||
          op === '|' ||
          op === '&' ||
          op === '\n'
        ) {
          if (skipUntil === 'do' && (op === ';' || op === '\n')) continue;
          finish(op as ShellCommand['terminator']);
          continue;
        }
        if (op === '|&') {
          finish('|');
          continue;
        }
        if (op === '(' || op === ')') {
          if (op === ')' && expectPattern) {
            expectPattern = false;
            continue;
          }
          finish(';');
          continue;
        }
        // A redirection operator: the next word is its target, not an argument.
        redirectNext = true;
        if (op === '<<' || op === '<<-') {
          const target = this.next();
          redirectNext = false;
          if (target !== null && typeof target !== 'string') {
            this.pendingHeredocs.push({
              delimiter: target.value,
              stripTabs: op === '<<-',
            });
          }
        }
        continue;
      }
      const word = token;
      lastEnd = Math.max(lastEnd, word.end);
      if (redirectNext) {
        redirectNext = false;
        continue;
      }
      if (expectPattern) {
        // `a|b)` is read as words and `|` ops; skip until the closing paren.
        if (word.value === 'esac') {
          expectPattern = false;
          inCaseBody = false;
        }
        continue;
      }
      if (skipUntil) {
        if (!word.quoted && word.value === skipUntil) {
          if (skipUntil === 'in') {
            inCaseBody = true;
            expectPattern = true;
          }
          skipUntil = null;
        }
        continue;
      }
      if (words.length === 0 && isAssignment(this.src, word.start, word.end)) {
        if (commandStart < 0) commandStart = word.start;
        assignments.push(word.value);
        continue;
      }
      if (words.length === 0 && !word.quoted) {
        // Reserved words are at most five characters: most words skip the set's hashing.
        if (word.value.length <= 5 && RESERVED_AT_START.has(word.value)) {
          if (word.value === 'esac') inCaseBody = false;
          continue;
        }
        if (word.value === 'for' || word.value === 'select') {
          skipUntil = 'do';
          continue;
        }
        if (word.value === 'case') {
          skipUntil = 'in';
          continue;
        }
      }
      if (commandStart < 0) commandStart = word.start;
      words.push(word);
    }
  }

  protected readNested(start: number, end: number): void {
    if (this.depth >= MAX_NESTING || end <= start) return;
    const inner = new ShellReader(this.src, start, end, true, this.depth + 1);
    inner.read();
    for (const command of inner.commands) this.commands.push(command);
    if (inner.error) this.fail(inner.error);
  }
}

/** Reads `script` into commands. Linear in the length of the script. */
export function parseShell(script: string): ShellScript {
  const reader = new ShellReader(script, 0, script.length, false, 0);
  reader.read();
  return { commands: reader.commands, parseError: reader.error };
}
