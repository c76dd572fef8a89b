import type { ParseError } from '@image-health/plugin-image-health-common';
import { lineOf, type DockerfileModel, type Pragma } from './model';
import { isWhitespace, readInstruction } from './instructions';
import { buildStages } from './parseStages';

/**
 * Reads a Dockerfile into one model: parser directives, instructions with
 * their flags, exec/shell forms, heredocs and ONBUILD triggers, stages with
 * ARG-substituted base images and the COPY --from graph, and every RUN's
 * shell script read into commands.
 *
 * Why our own reader instead of dockerfile-ast: the model needs offsets back
 * into the user's text for remediation edits and must read ~3,000 files/s;
 * dockerfile-ast reads ~1,000 files/s here. Tests check that both readers
 * see the same instructions on every corpus file.
 *
 * Never throws and runs in time linear in the input.
 */
/** Real Dockerfiles are kilobytes; anything this large is not one, and is refused in constant time. */
export const MAX_DOCKERFILE_CHARS = 2_000_000;

export function parseDockerfile(content: string): DockerfileModel {
  const parseErrors: ParseError[] = [];
  const text = content.charCodeAt(0) === 0xfeff ? content.slice(1) : content;
  const lineStarts = [0];
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) {
    lineStarts.push(i + 1);
  }
  const model: DockerfileModel = {
    text,
    escapeChar: '\\',
    directives: {},
    instructions: [],
    globalArgs: new Map(),
    stages: [],
    pragmas: [],
    parseErrors,
    lineStarts,
    // The caches rules fill on first use are here from the start, so every
    // model keeps one shape (V8 hidden class) whichever rules ran.
    commandIndex: undefined,
    stageReach: undefined,
    hadolintReading: undefined,
  };
  const refusal = refusalOf(text);
  if (refusal) {
    parseErrors.push({ message: refusal, line: 1 });
    return model;
  }
  if (text.includes('\uFFFD')) {
    parseErrors.push({
      message:
        'the file is not valid UTF-8: undecodable bytes were replaced before analysis',
      line: lineOf(model, text.indexOf('\uFFFD')),
    });
  }

  const lineCount = lineStarts.length;
  const lineEnd = (n: number) => {
    // n is a 0-based line index; end excludes '\n' and a trailing '\r'.
    let end = n + 1 < lineCount ? lineStarts[n + 1] - 1 : text.length;
    if (end > lineStarts[n] && text[end - 1] === '\r') end--;
    return end;
  };

  let n = readDirectives(model, lineEnd);
  const escapeChar = model.escapeChar;

  for (; n < lineCount; n++) {
    const start = lineStarts[n];
    const end = lineEnd(n);
    let p = start;
    while (p < end && (text[p] === ' ' || text[p] === '\t')) p++;
    if (p === end) continue;
    if (text[p] === '#') {
      const comment = text.slice(p, end);
      if (comment.includes('ignore')) {
        const pragma = readPragma(comment, n + 1);
        if (pragma) model.pragmas.push(pragma);
      }
      continue;
    }
    const read = readInstruction(
      text,
      n,
      p,
      lineStarts,
      lineEnd,
      escapeChar,
      parseErrors,
    );
    n = read.lastLine;
    read.instruction.index = model.instructions.length;
    for (let k = model.pragmas.length - 1; k >= 0; k--) {
      if (model.pragmas[k].next !== undefined) break;
      model.pragmas[k].next = read.instruction.index;
    }
    model.instructions.push(read.instruction);
  }

  buildStages(model);
  return model;
}

/** Why a text is not analysed at all: too large, or not text. */
function refusalOf(text: string): string | undefined {
  if (text.length > MAX_DOCKERFILE_CHARS) {
    return `the file is ${(text.length / 1e6).toFixed(
      1,
    )} MB; Dockerfiles over ${
      MAX_DOCKERFILE_CHARS / 1e6
    } MB are not analysed (is this really a Dockerfile?)`;
  }
  if (looksBinary(text)) {
    return 'the file is not text (it contains NUL or control bytes): is this really a Dockerfile?';
  }
  return undefined;
}

/**
 * Parser directives (`# syntax=`, `# escape=`, `# check=`): only at the very
 * top, before any other line. Returns the index of the first line after them.
 */
function readDirectives(
  model: DockerfileModel,
  lineEnd: (n: number) => number,
): number {
  const { text, lineStarts } = model;
  let n = 0;
  for (; n < lineStarts.length; n++) {
    const line = text.slice(lineStarts[n], lineEnd(n));
    // The key, `=` and what follows; the value is trimmed by hand, since
    // `(.*?)\s*$` retries at each of a long run of spaces (1.3 s on 100 kB).
    const m = /^#\s*([A-Za-z][A-Za-z0-9_-]*)\s*=/.exec(line);
    if (!m) break;
    const key = m[1].toLowerCase();
    if (key !== 'syntax' && key !== 'escape' && key !== 'check') break;
    if (key in model.directives) break;
    let valueStart = m[0].length;
    let valueEnd = line.length;
    while (valueStart < valueEnd && isWhitespace(line[valueStart]))
      valueStart++;
    while (valueEnd > valueStart && isWhitespace(line[valueEnd - 1]))
      valueEnd--;
    model.directives[key] = line.slice(valueStart, valueEnd);
  }
  if (model.directives.escape !== undefined) {
    const escape = model.directives.escape;
    if (escape === '`' || escape === '\\') model.escapeChar = escape;
    else
      model.parseErrors.push({
        message: `invalid escape directive "${escape}": use \\ or \``,
        line: 1,
      });
  }
  return n;
}

/** A control character other than tab, line feed, form feed and carriage return. */
// eslint-disable-next-line no-control-regex -- control characters are what it looks for
const CONTROL = /[\x00-\x08\x0B\x0E-\x1F]/;

/** Judged on the first 8 KiB, read in place (a slice would be a second string to walk). */
function looksBinary(text: string): boolean {
  // Text files have no control characters at all: one native scan says so.
  if (!CONTROL.test(text)) return false;
  const length = Math.min(text.length, 8192);
  let control = 0;
  for (let i = 0; i < length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 32) continue;
    if (c === 0) return true;
    if (c !== 9 && c !== 10 && c !== 13 && c !== 12) control++;
  }
  return length > 0 && control / length > 0.1;
}

/**
 * `# hadolint ignore=DL3008,DL3009`, `# image-health stage ignore=apt-pin-versions`,
 * optionally followed by a comment (`# hadolint ignore=DL3008 # pinned by the base`).
 */
const PRAGMA =
  /^#\s*(hadolint|image-health)\s+(?:(global|stage)\s+)?ignore\s*=\s*([^#]*?)\s*(?:#.*)?$/i;
/** A rule code as hadolint's pragma reads one: letters D, L, S, C and digits. */
const HADOLINT_CODE = /^[DLSC0-9]+$/;
/** Our ids and any peer's: `apt-pin-versions`, `DS-0002`, `CIS-DI-0001`. */
const ANY_ID = /^[A-Za-z0-9_.-]+$/;

function readPragma(comment: string, line: number): Pragma | undefined {
  const m = PRAGMA.exec(comment.trim());
  if (!m) return undefined;
  const ids = m[3].split(',').map(s => s.trim());
  // As hadolint: a `# hadolint` pragma naming anything but rule codes ignores nothing.
  const valid = m[1].toLowerCase() === 'hadolint' ? HADOLINT_CODE : ANY_ID;
  if (ids.length === 0 || !ids.every(id => valid.test(id))) return undefined;
  const scope = (m[2]?.toLowerCase() as Pragma['scope']) ?? 'next';
  return { scope, ids, line };
}
