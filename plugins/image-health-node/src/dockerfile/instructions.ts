/**
 * One Dockerfile instruction read from its lines: keyword, flags, exec or
 * shell form, heredocs, ONBUILD triggers and words, each with offsets back
 * into the user's text (a continued line's offsets are mapped through its
 * segments).
 */
import type { ParseError } from '@image-health/plugin-image-health-common';
import {
  type Heredoc,
  type Instruction,
  type InstructionFlag,
  type InstructionWord,
} from './model';
import { unquote } from './values';

/** Segments mapping offsets of a joined text back to the Dockerfile text. */
export type Segments = Array<[textStart: number, sourceStart: number]>;

export function mapOffset(segments: Segments, offset: number): number {
  let lo = 0;
  let hi = segments.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (segments[mid][0] <= offset) lo = mid;
    else hi = mid - 1;
  }
  const [textStart, sourceStart] = segments[lo] ?? [0, 0];
  return sourceStart + (offset - textStart);
}

const HEREDOC_KEYWORDS = new Set(['RUN', 'COPY', 'ADD']);
const FLAG_KEYWORDS = new Set(['FROM', 'RUN', 'COPY', 'ADD', 'HEALTHCHECK']);
const JSON_KEYWORDS = new Set([
  'RUN',
  'CMD',
  'ENTRYPOINT',
  'SHELL',
  'COPY',
  'ADD',
  'VOLUME',
]);

export function readInstruction(
  text: string,
  firstLine: number,
  keywordStart: number,
  lineStarts: number[],
  lineEnd: (n: number) => number,
  escapeChar: string,
  parseErrors: ParseError[],
): { instruction: Instruction; lastLine: number } {
  let p = keywordStart;
  let end = lineEnd(firstLine);
  while (p < end && !isSpace(text[p])) p++;
  const keyword = text.slice(keywordStart, p).toUpperCase();
  while (p < end && isSpace(text[p])) p++;

  // Pieces are joined once at the end: repeated += would build a rope that every later slice flattens.
  const pieces: string[] = [];
  let joinedLength = 0;
  const segments: Segments = [];
  let n = firstLine;
  let pieceStart = p;
  for (;;) {
    let pieceEnd = end;
    while (pieceEnd > pieceStart && isSpace(text[pieceEnd - 1])) pieceEnd--;
    // Like BuildKit, any line ending in the escape character continues.
    const continued =
      pieceEnd > pieceStart && text[pieceEnd - 1] === escapeChar;
    const contentEnd = continued ? pieceEnd - 1 : end;
    segments.push([joinedLength, pieceStart]);
    const piece = text.slice(pieceStart, contentEnd);
    pieces.push(piece);
    joinedLength += piece.length;
    if (!continued) break;
    // Continue with the next line that is neither empty nor a comment.
    const next = nextContentLine(text, n + 1, lineStarts, lineEnd);
    if (next >= lineStarts.length) {
      n = lineStarts.length - 1;
      end = lineEnd(n);
      break;
    }
    n = next;
    pieceStart = lineStarts[n];
    end = lineEnd(n);
  }
  let instructionEnd = end;
  let args = pieces.length === 1 ? pieces[0] : pieces.join('');
  // Manual trim: /\s+$/ is quadratic on long runs of whitespace.
  let trimmedEnd = args.length;
  while (trimmedEnd > 0 && isWhitespace(args[trimmedEnd - 1])) trimmedEnd--;
  args = args.slice(0, trimmedEnd);

  const heredocs: Heredoc[] = [];
  if (HEREDOC_KEYWORDS.has(keyword) && args.includes('<<')) {
    const read = readHeredocs(args, text, n, firstLine, lineStarts, lineEnd);
    heredocs.push(...read.heredocs);
    if (read.unclosed) parseErrors.push(read.unclosed);
    if (read.heredocs.length > 0) {
      n = read.lastLine;
      instructionEnd = read.end;
    }
  }

  const instruction = buildInstruction(keyword, args, segments, heredocs);
  instruction.start = lineStarts[firstLine];
  instruction.end = instructionEnd;
  instruction.line = firstLine + 1;
  instruction.endLine = n + 1;
  return { instruction, lastLine: n };
}

/** The first line from `line` on that is neither empty nor a comment (`lineStarts.length` if none). */
function nextContentLine(
  text: string,
  line: number,
  lineStarts: number[],
  lineEnd: (n: number) => number,
): number {
  let next = line;
  while (next < lineStarts.length) {
    const e = lineEnd(next);
    let q = lineStarts[next];
    while (q < e && isSpace(text[q])) q++;
    if (q !== e && text[q] !== '#') break;
    next++;
  }
  return next;
}

/**
 * The bodies of the heredocs (`<<NAME`, `<<-NAME`) an instruction's text
 * opens, read from the lines after `lastLine`; the last line and offset they
 * take, and a parse error for one never closed (it then runs to the end).
 */
function readHeredocs(
  args: string,
  text: string,
  lastLine: number,
  firstLine: number,
  lineStarts: number[],
  lineEnd: (n: number) => number,
): {
  heredocs: Heredoc[];
  lastLine: number;
  end: number;
  unclosed?: ParseError;
} {
  const heredocs: Heredoc[] = [];
  let n = lastLine;
  let end = lineEnd(lastLine);
  const markers = [
    ...args.matchAll(/<<(-?)(["']?)([A-Za-z_][A-Za-z0-9_.-]*)\2/g),
  ];
  for (const marker of markers) {
    const name = marker[3];
    const stripTabs = marker[1] === '-';
    const bodyStartLine = n + 1;
    let bodyEndLine = bodyStartLine;
    let found = false;
    const lines: string[] = [];
    for (; bodyEndLine < lineStarts.length; bodyEndLine++) {
      let line = text.slice(lineStarts[bodyEndLine], lineEnd(bodyEndLine));
      if (stripTabs) line = line.replace(/^\t+/, '');
      if (line === name) {
        found = true;
        break;
      }
      lines.push(line);
    }
    const bodyStart =
      bodyStartLine < lineStarts.length
        ? lineStarts[bodyStartLine]
        : text.length;
    if (!found) {
      heredocs.push({
        name,
        content: lines.join('\n'),
        stripTabs,
        start: bodyStart,
        end: text.length,
      });
      return {
        heredocs,
        lastLine: lineStarts.length - 1,
        end: text.length,
        unclosed: {
          message: `heredoc <<${name} started on line ${
            firstLine + 1
          } is never closed with a line "${name}"`,
          line: firstLine + 1,
        },
      };
    }
    const bodyEnd =
      bodyEndLine > bodyStartLine ? lineEnd(bodyEndLine - 1) : bodyStart;
    heredocs.push({
      name,
      content: lines.join('\n'),
      stripTabs,
      start: bodyStart,
      end: bodyEnd,
    });
    n = bodyEndLine;
    end = lineEnd(bodyEndLine);
  }
  return { heredocs, lastLine: n, end };
}

function isSpace(c: string | undefined): boolean {
  return c === ' ' || c === '\t' || c === '\r';
}

function buildInstruction(
  keyword: string,
  args: string,
  segments: Segments,
  heredocs: Heredoc[],
): Instruction {
  const toSource = (o: number) => mapOffset(segments, o);
  const flags: InstructionFlag[] = [];
  let rest = 0;
  if (FLAG_KEYWORDS.has(keyword)) {
    for (;;) {
      while (rest < args.length && isWhitespace(args[rest])) rest++;
      if (!args.startsWith('--', rest)) break;
      let e = rest;
      while (e < args.length && !isWhitespace(args[e])) e++;
      const body = args.slice(rest + 2, e);
      const eq = body.indexOf('=');
      flags.push({
        name: (eq < 0 ? body : body.slice(0, eq)).toLowerCase(),
        value: eq < 0 ? null : unquote(body.slice(eq + 1)),
        start: toSource(rest),
        end: toSource(e - 1) + 1,
      });
      rest = e;
    }
  }
  while (rest < args.length && isWhitespace(args[rest])) rest++;
  const body = args.slice(rest);
  let json: string[] | null = null;
  if (JSON_KEYWORDS.has(keyword) && body.startsWith('[')) {
    try {
      const parsed = JSON.parse(body);
      if (Array.isArray(parsed) && parsed.every(v => typeof v === 'string'))
        json = parsed;
    } catch {
      json = null;
    }
  }
  // RUN is read by the shell reader; splitting it into words too would be wasted work.
  const words = keyword === 'RUN' ? [] : splitWords(body, rest, toSource);
  // Every field, the optional ones too, is set here in one order: all
  // instructions share one hidden class, so the rules' property reads stay
  // monomorphic and the JIT does not deoptimize on a RUN or an ONBUILD.
  const instruction: InstructionInternal = {
    keyword,
    args: body,
    flags,
    json,
    words,
    heredocs,
    trigger: undefined,
    start: 0,
    end: 0,
    line: 0,
    endLine: 0,
    index: -1,
    stage: -1,
    shell: undefined,
    segments,
    bodyOffset: rest,
  };
  if (keyword === 'ONBUILD' && body) {
    const m = /^(\S+)\s*/.exec(body)!;
    const innerSegments: Segments = [[0, toSource(rest + m[0].length)]];
    // Rebase the segments after the trigger keyword.
    for (const [textStart, sourceStart] of segments) {
      if (textStart > rest + m[0].length)
        innerSegments.push([textStart - rest - m[0].length, sourceStart]);
    }
    instruction.trigger = buildInstruction(
      m[1].toUpperCase(),
      body.slice(m[0].length),
      innerSegments,
      [],
    );
  }
  return instruction;
}

export interface InstructionInternal extends Instruction {
  segments: Segments;
  bodyOffset: number;
}

/** Splits shell-form arguments into words, keeping quotes, with source offsets. */
export function isWhitespace(c: string): boolean {
  return (
    c === ' ' ||
    c === '\t' ||
    c === '\n' ||
    c === '\r' ||
    c === '\f' ||
    c === '\v'
  );
}

function splitWords(
  body: string,
  base: number,
  toSource: (o: number) => number,
): InstructionWord[] {
  const words: InstructionWord[] = [];
  let i = 0;
  while (i < body.length) {
    while (i < body.length && isWhitespace(body[i])) i++;
    if (i >= body.length) break;
    const s = i;
    let quote: string | null = null;
    while (i < body.length) {
      const c = body[i];
      if (quote) {
        if (c === quote) quote = null;
        else if (c === '\\' && quote === '"') i++;
      } else if (c === '"' || c === "'") quote = c;
      else if (isWhitespace(c)) break;
      i++;
    }
    words.push({
      value: body.slice(s, i),
      start: toSource(base + s),
      end: toSource(base + i - 1) + 1,
    });
  }
  return words;
}
