/**
 * Glob patterns run as a set of pattern positions advanced one character at
 * a time: the work is at most (text length × pattern length), whatever the
 * pattern holds. A backtracking regular expression built from a pattern
 * takes exponential time on `***…*x`, and patterns come from repositories
 * (`.dockerignore`) or are matched against what repositories write (FROM).
 *
 * Two readings: over paths (Go's `filepath.Match` plus `**`, as Docker reads
 * `.dockerignore`), where `*` and `?` stop at `/`; and over plain text (image
 * references), where `*` is any run of characters and `?` any one.
 */

type Token =
  | { kind: 'char'; char: string }
  /** `?`, or a `[…]` class: one character (other than `/` over paths). */
  | { kind: 'one'; test: (char: string) => boolean }
  /** `*` over paths: any run of characters other than `/`. */
  | { kind: 'star' }
  /** `**` before more of a path pattern: nothing, or anything that ends in `/`. */
  | { kind: 'dirs' }
  /** `**` at the end of a path pattern, or any star over text: anything. */
  | { kind: 'rest' };

/** One pattern, read once and asked about many texts. */
export class Glob {
  private constructor(private readonly tokens: Token[]) {}

  /**
   * `paths`: `*` and `?` stop at `/` and `**` crosses directories; else every
   * star matches anything. Null for a malformed class (`[a-`), which matches nothing.
   */
  static compile(pattern: string, options: { paths: boolean }): Glob | null {
    const tokens = tokenize(pattern, options.paths);
    return tokens ? new Glob(tokens) : null;
  }

  /** Whether the pattern matches all of `text`. */
  matches(text: string): boolean {
    return run(this.tokens, text, false);
  }

  /** Whether the pattern matches all of `path` or one of its parent directories. */
  matchesPathOrParent(path: string): boolean {
    return run(this.tokens, path, true);
  }
}

function tokenize(pattern: string, paths: boolean): Token[] | null {
  const tokens: Token[] = [];
  let i = 0;
  while (i < pattern.length) {
    const c = pattern[i];
    if (c === '*') {
      // Docker reads stars in pairs from the left: `***x` is `**` then `*x`.
      let kind: 'star' | 'dirs' | 'rest' = 'star';
      if (pattern[i + 1] === '*')
        kind = pattern.length === i + 2 ? 'rest' : 'dirs';
      i += kind === 'star' ? 1 : 2;
      // Over plain text every star is `.*`, which is what `rest` does in the middle too.
      if (!paths) kind = 'rest';
      if (kind === 'dirs' && pattern[i] === '/') i += 1;
      // A run of the same token matches what one does; one keeps the state set small.
      if (tokens[tokens.length - 1]?.kind !== kind) tokens.push({ kind });
    } else if (c === '?') {
      tokens.push({ kind: 'one', test: ch => !paths || ch !== '/' });
      i += 1;
    } else if (c === '[') {
      const parsed = parseClass(pattern, i + 1, paths);
      if (!parsed) return null;
      tokens.push({ kind: 'one', test: parsed.test });
      i = parsed.end;
    } else if (c === '\\') {
      if (i + 1 >= pattern.length) return null;
      tokens.push({ kind: 'char', char: pattern[i + 1] });
      i += 2;
    } else {
      tokens.push({ kind: 'char', char: c });
      i += 1;
    }
  }
  return tokens;
}

/** `[^a-z_\]]` from just after the `[`: the test and the index after the `]`. */
function parseClass(
  pattern: string,
  start: number,
  paths: boolean,
): { test: (char: string) => boolean; end: number } | null {
  let i = start;
  const negated = pattern[i] === '^';
  if (negated) i += 1;
  const ranges: Array<[string, string]> = [];
  // One end of a range as Go reads it: a backslash escapes; an unescaped `-` or `]` is malformed.
  const literal = (): string | null => {
    let ch: string | undefined = pattern[i];
    if (ch === undefined || ch === '-' || ch === ']') return null;
    if (ch === '\\') {
      i += 1;
      ch = pattern[i];
      if (ch === undefined) return null;
    }
    i += 1;
    return ch;
  };
  do {
    const lo = literal();
    if (lo === null) return null;
    let hi = lo;
    if (pattern[i] === '-') {
      i += 1;
      const end = literal();
      if (end === null) return null;
      hi = end;
    }
    ranges.push([lo, hi]);
  } while (pattern[i] !== ']');
  return {
    test: ch =>
      (!paths || ch !== '/') &&
      ranges.some(([lo, hi]) => lo <= ch && ch <= hi) !== negated,
    end: i + 1,
  };
}

/**
 * Whether the tokens match all of `text`, or with `orParent` a parent
 * directory of it too. Position 2s stands before token s, 2s+1 inside the
 * `.*` of a `**` token s (left only by a `/`), and 2n after the last token.
 */
function run(tokens: Token[], text: string, orParent: boolean): boolean {
  const accept = 2 * tokens.length;
  let current = new Uint8Array(accept + 1);
  let next = new Uint8Array(accept + 1);
  current[0] = 1;
  closeOver(tokens, current);
  for (let p = 0; p < text.length; p += 1) {
    const ch = text[p];
    if (orParent && ch === '/' && current[accept]) return true;
    next.fill(0);
    let alive = false;
    for (let s = 0; s < tokens.length; s += 1) {
      const before = current[2 * s] === 1;
      if (!before && !current[2 * s + 1]) continue;
      alive = true;
      const token = tokens[s];
      switch (token.kind) {
        case 'char':
          if (before && token.char === ch) next[2 * s + 2] = 1;
          break;
        case 'one':
          if (before && token.test(ch)) next[2 * s + 2] = 1;
          break;
        case 'star':
          if (ch !== '/') next[2 * s] = 1;
          break;
        case 'dirs':
          next[2 * s + 1] = 1;
          if (ch === '/') next[2 * s + 2] = 1;
          break;
        case 'rest':
          if (s === tokens.length - 1) return true;
          next[2 * s] = 1;
          break;
        default:
          break;
      }
    }
    if (!alive) return false;
    closeOver(tokens, next);
    [current, next] = [next, current];
  }
  return current[accept] === 1;
}

/** Adds the positions reachable without reading a character: past a star or a double star. */
function closeOver(tokens: Token[], states: Uint8Array): void {
  for (let s = 0; s < tokens.length; s += 1) {
    const kind = tokens[s].kind;
    if (states[2 * s] && kind !== 'char' && kind !== 'one')
      states[2 * s + 2] = 1;
  }
}
