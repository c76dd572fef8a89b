/**
 * The shell reader's lexer: words (with their quoting and expansions kept as
 * written), operators and redirections, comments, line continuations and
 * here-document bodies, each read once, in time linear in the script.
 * Substitutions and backquotes are handed to `readNested`, which the command
 * reader (shell.ts) implements.
 */
import type { ShellWord } from './shell';

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

/** A word, an operator (`&&`, `|`, `>`, newline, …) or the end of the script; no wrapper objects, to spare the GC. */
export type Token = ShellWord | string | null;

export abstract class ShellLexer {
  error?: string;
  protected pos: number;
  /** Inside skipBalanced: substitutions met are skipped, not read for commands. */
  private skipping = 0;
  /** `$(…)` being read at this moment, one inside the other. */
  private openSubstitutions = 0;
  protected pendingHeredocs: Array<{ delimiter: string; stripTabs: boolean }> =
    [];

  constructor(
    protected readonly src: string,
    start: number,
    protected readonly limit: number,
  ) {
    this.pos = start;
  }

  /** Reads the commands of a substitution or backquote body, `src[start, end)`. */
  protected abstract readNested(start: number, end: number): void;

  protected fail(message: string): void {
    if (!this.error) this.error = message;
  }

  protected next(): Token {
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
