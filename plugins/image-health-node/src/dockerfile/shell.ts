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
/**
 * `"$("$("…` is skipped by recursion (quotes inside a substitution inside
 * quotes): past this many open substitutions the rest of the script is not
 * read, with a parse error, instead of overflowing the stack (a fuzzed
 * Dockerfile with 25,000 of them did).
 */
const MAX_OPEN_SUBSTITUTIONS = 256;

/** An ASCII lookup table: typed and full-length, so a lookup never leaves the fast path. */
function asciiTable(chars: string): Uint8Array {
  const table = new Uint8Array(128);
  for (const c of chars) table[c.charCodeAt(0)] = 1;
  return table;
}

/** Characters that can begin an operator or redirection. */
const OPERATOR_START = asciiTable(';&|()<>');

/** Characters that end a run inside double quotes. */
const QUOTED_SPECIAL = asciiTable('"\\$`');

/** Characters that end a run of plain word characters. */
const WORD_SPECIAL = asciiTable(' \t\n\r;&|()<>\\\'"$`');

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

/** A word, an operator (`&&`, `|`, `>`, newline, …) or the end of the script; no wrapper objects, to spare the GC. */
type Token = ShellWord | string | null;

class ShellReader {
  readonly commands: ShellCommand[] = [];
  error?: string;
  private pos: number;
  /** Inside skipBalanced: substitutions met are skipped, not read for commands. */
  private skipping = 0;
  /** `$(…)` being read at this moment, one inside the other. */
  private openSubstitutions = 0;
  private pendingHeredocs: Array<{ delimiter: string; stripTabs: boolean }> =
    [];

  constructor(
    private readonly src: string,
    start: number,
    private readonly limit: number,
    private readonly nested: boolean,
    private readonly depth: number,
  ) {
    this.pos = start;
  }

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

  private fail(message: string): void {
    if (!this.error) this.error = message;
  }

  private next(): Token {
    const src = this.src;
    for (;;) {
      if (this.pos >= this.limit) return null;
      const c = src[this.pos];
      if (c === ' ' || c === '\t' || c === '\r') {
        this.pos++;
        continue;
      }
      if (c === '\\' && src[this.pos + 1] === '\n') {
        this.pos += 2;
        continue;
      }
      if (c === '#') {
        while (this.pos < this.limit && src[this.pos] !== '\n') this.pos++;
        continue;
      }
      if (c === '\n') {
        this.pos++;
        if (this.pendingHeredocs.length > 0) this.skipHeredocBodies();
        return '\n';
      }
      const op = this.readOperator();
      if (op !== null) return op;
      return this.readWord();
    }
  }

  private readOperator(): string | null {
    const src = this.src;
    const start = this.pos;
    const first = src.charCodeAt(start);
    // Fast path: most tokens are words starting with a letter, '-', '/', '$' or a quote.
    if (
      !(first < 128 && OPERATOR_START[first] === 1) &&
      !(first >= 48 && first <= 57)
    )
      return null;
    // A file descriptor number directly before a redirection: `2>&1`.
    let p = this.pos;
    while (p < this.limit && src[p] >= '0' && src[p] <= '9') p++;
    const c = src[p];
    if (p > start && c !== '<' && c !== '>') return null;
    // Compared character by character: slicing two or three characters per token would allocate.
    const c1 = src[p + 1];
    const c2 = src[p + 2];
    let op: string | null = null;
    if (p === start) {
      if (c === ';' && c1 === ';' && c2 === '&') op = ';;&';
      else if (c === '&' && c1 === '&') op = '&&';
      else if (c === '|' && c1 === '|') op = '||';
      else if (c === ';' && c1 === ';') op = ';;';
      else if (c === ';' && c1 === '&') op = ';&';
      else if (c === '|' && c1 === '&') op = '|&';
      else if (c === ';' || c === '|' || c === '(' || c === ')') op = c;
      else if (c === '&' && c1 !== '>') op = c;
    }
    if (!op) {
      if (c === '<' && c1 === '<' && c2 === '-') op = '<<-';
      else if (c === '<' && c1 === '<' && c2 === '<') op = '<<<';
      else if (c === '&' && c1 === '>' && c2 === '>') op = '&>>';
      else if (c === '<' && c1 === '<') op = '<<';
      else if (c === '>' && c1 === '>') op = '>>';
      else if (c === '>' && c1 === '&') op = '>&';
      else if (c === '<' && c1 === '&') op = '<&';
      else if (c === '>' && c1 === '|') op = '>|';
      else if (c === '<' && c1 === '>') op = '<>';
      else if (c === '&' && c1 === '>') op = '&>';
      else if (c === '<' || c === '>') op = c;
    }
    if (!op) return null;
    if ((op === '<' || op === '>') && src[p + 1] === '(') {
      // Process substitution `<(cmd)`: read it as a word.
      return null;
    }
    this.pos = p + op.length;
    if (op === '>&' || op === '<&') {
      // `2>&1`, `>&-`: the target is part of the operator.
      for (; this.pos < this.limit; this.pos++) {
        const d = src[this.pos];
        if (!((d >= '0' && d <= '9') || d === '-')) break;
      }
      if (this.pos > p + 2) return 'dup';
    }
    return op;
  }

  private readWord(): ShellWord {
    const src = this.src;
    const start = this.pos;
    let value = '';
    let quoted = false;
    while (this.pos < this.limit) {
      const c = src[this.pos];
      if (
        c === ' ' ||
        c === '\t' ||
        c === '\n' ||
        c === '\r' ||
        c === ';' ||
        c === '&' ||
        c === '|' ||
        c === ')' ||
        ((c === '<' || c === '>') && src[this.pos + 1] !== '(') ||
        (c === '(' && value === '')
      ) {
        break;
      }
      if (c === '\\') {
        if (src[this.pos + 1] === '\n') {
          this.pos += 2;
          continue;
        }
        if (this.pos + 1 < this.limit) value += src[this.pos + 1];
        this.pos += 2;
        quoted = true;
        continue;
      }
      if (c === "'") {
        const end = src.indexOf("'", this.pos + 1);
        if (end < 0 || end >= this.limit) {
          this.fail('unterminated single quote');
          value += src.slice(this.pos + 1, this.limit);
          this.pos = this.limit;
          break;
        }
        value += src.slice(this.pos + 1, end);
        this.pos = end + 1;
        quoted = true;
        continue;
      }
      if (c === '"') {
        value += this.readDoubleQuoted();
        quoted = true;
        continue;
      }
      if (c === '$' && src[this.pos + 1] === "'") {
        this.pos++;
        continue;
      }
      if ((c === '<' || c === '>') && src[this.pos + 1] === '(') {
        const s = this.pos;
        this.pos++;
        this.readParenBody();
        value += src.slice(s, this.pos);
        continue;
      }
      value += this.readExpansion(c) ?? this.readPlainRun(WORD_SPECIAL);
    }
    return { value, start, end: this.pos, quoted };
  }

  private readDoubleQuoted(): string {
    const src = this.src;
    this.pos++;
    let value = '';
    while (this.pos < this.limit) {
      const c = src[this.pos];
      if (c === '"') {
        this.pos++;
        return value;
      }
      if (c === '\\') {
        const n = src[this.pos + 1];
        if (n === '\n') {
          this.pos += 2;
          continue;
        }
        if (n === '"' || n === '\\' || n === '$' || n === '`') {
          value += n;
          this.pos += 2;
          continue;
        }
        value += c;
        this.pos++;
        continue;
      }
      value += this.readExpansion(c) ?? this.readPlainRun(QUOTED_SPECIAL);
    }
    this.fail('unterminated double quote');
    return value;
  }

  /** The character at `this.pos` and those after it up to one in `stop`, copied in one slice. */
  private readPlainRun(stop: Uint8Array): string {
    const src = this.src;
    const start = this.pos;
    let p = start + 1;
    for (; p < this.limit; p++) {
      const code = src.charCodeAt(p);
      if (code < 128 && stop[code] === 1) break;
    }
    this.pos = p;
    return src.slice(start, p);
  }

  /**
   * At `$(`, `$((`, `${` or a backquote (unquoted or inside double quotes):
   * reads the expansion and returns it as written; `undefined` anywhere else.
   */
  private readExpansion(c: string): string | undefined {
    if (c === '`') return this.readBackticks();
    if (c !== '$') return undefined;
    const next = this.src[this.pos + 1];
    if (next === '(' || next === '{') return this.readSubstitution();
    return undefined;
  }

  /** `$(…)`, `$((…))` or `${…}`: kept as written; commands inside `$(…)` are read too. */
  private readSubstitution(): string {
    const src = this.src;
    const start = this.pos;
    if (src[this.pos + 1] === '{') {
      this.pos++;
      // Quotes inside `${…}` are not honoured: `"${x:-it's}"` is one word.
      if (!this.skipBalanced('{', '}', false)) this.fail('unterminated ${');
      return src.slice(start, this.pos);
    }
    if (this.openSubstitutions >= MAX_OPEN_SUBSTITUTIONS) {
      this.fail(
        `command substitutions nested more than ${MAX_OPEN_SUBSTITUTIONS} deep`,
      );
      this.pos = this.limit;
      return src.slice(start, this.limit);
    }
    const arithmetic = src[this.pos + 2] === '(';
    this.pos += 1;
    const bodyStart = this.pos + 1;
    this.openSubstitutions++;
    try {
      this.readParenBody();
    } finally {
      this.openSubstitutions--;
    }
    if (!arithmetic && this.skipping === 0)
      this.readNested(bodyStart, this.pos - 1);
    return src.slice(start, this.pos);
  }

  /** Skips a balanced `( … )` starting at `this.pos`, honouring quotes. */
  private readParenBody(): void {
    if (!this.skipBalanced('(', ')', true)) this.fail('unterminated $(');
  }

  /**
   * Skips from the `open` at `this.pos` past its matching `close`, stepping
   * over backslash escapes (and quotes when `quotes`); false at the limit.
   */
  private skipBalanced(open: string, close: string, quotes: boolean): boolean {
    // What is skipped is read once, by the readNested of the outermost substitution:
    // reading inner ones here too made `"$(a="$(a="$(…` exponential in time and memory.
    this.skipping++;
    try {
      return this.skipTo(open, close, quotes);
    } finally {
      this.skipping--;
    }
  }

  private skipTo(open: string, close: string, quotes: boolean): boolean {
    const src = this.src;
    let depth = 0;
    while (this.pos < this.limit) {
      const c = src[this.pos];
      if (c === '\\') {
        this.pos += 2;
        continue;
      }
      if (quotes && c === "'") {
        const end = src.indexOf("'", this.pos + 1);
        this.pos = end < 0 || end >= this.limit ? this.limit : end + 1;
        continue;
      }
      if (quotes && c === '"') {
        this.readDoubleQuoted();
        continue;
      }
      if (c === open) depth++;
      else if (c === close && --depth === 0) {
        this.pos++;
        return true;
      }
      this.pos++;
    }
    return false;
  }

  private readBackticks(): string {
    const src = this.src;
    const start = this.pos;
    this.pos++;
    while (this.pos < this.limit && src[this.pos] !== '`') {
      if (src[this.pos] === '\\') this.pos++;
      this.pos++;
    }
    if (this.pos >= this.limit) {
      this.fail('unterminated backquote');
      return src.slice(start, this.limit);
    }
    this.pos++;
    if (this.skipping === 0) this.readNested(start + 1, this.pos - 1);
    return src.slice(start, this.pos);
  }

  private readNested(start: number, end: number): void {
    if (this.depth >= MAX_NESTING || end <= start) return;
    const inner = new ShellReader(this.src, start, end, true, this.depth + 1);
    inner.read();
    for (const command of inner.commands) this.commands.push(command);
    if (inner.error) this.fail(inner.error);
  }

  private skipHeredocBodies(): void {
    const src = this.src;
    for (const { delimiter, stripTabs } of this.pendingHeredocs) {
      let found = false;
      while (this.pos < this.limit) {
        let eol = src.indexOf('\n', this.pos);
        if (eol < 0 || eol > this.limit) eol = this.limit;
        let line = src.slice(this.pos, eol);
        if (stripTabs) line = line.replace(/^\t+/, '');
        this.pos = Math.min(eol + 1, this.limit);
        if (line.replace(/\r$/, '') === delimiter) {
          found = true;
          break;
        }
      }
      if (!found) this.fail(`here-document ${delimiter} is not terminated`);
    }
    this.pendingHeredocs = [];
  }
}

/** Reads `script` into commands. Linear in the length of the script. */
export function parseShell(script: string): ShellScript {
  const reader = new ShellReader(script, 0, script.length, false, 0);
  reader.read();
  return { commands: reader.commands, parseError: reader.error };
}
