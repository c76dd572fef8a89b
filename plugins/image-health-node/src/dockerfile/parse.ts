import type { ParseError } from '@image-health/plugin-image-health-common';
import {
  lineOf,
  type DockerfileModel,
  type Heredoc,
  type ImageReference,
  type Instruction,
  type InstructionFlag,
  type InstructionWord,
  type ParsedRun,
  type Pragma,
  type RunMount,
  type Stage,
} from './model';
import { parseShell, type ShellCommand, type ShellScript } from './shell';

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
    commandIndex: undefined,
  };
  if (text.length > MAX_DOCKERFILE_CHARS) {
    parseErrors.push({
      message: `the file is ${(text.length / 1e6).toFixed(
        1,
      )} MB; Dockerfiles over ${
        MAX_DOCKERFILE_CHARS / 1e6
      } MB are not analysed (is this really a Dockerfile?)`,
      line: 1,
    });
    return model;
  }
  if (looksBinary(text)) {
    parseErrors.push({
      message:
        'the file is not text (it contains NUL or control bytes): is this really a Dockerfile?',
      line: 1,
    });
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

  let n = 0;
  // Parser directives: only at the very top, before any other line.
  for (; n < lineCount; n++) {
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
      parseErrors.push({
        message: `invalid escape directive "${escape}": use \\ or \``,
        line: 1,
      });
  }
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

/** Segments mapping offsets of a joined text back to the Dockerfile text. */
type Segments = Array<[textStart: number, sourceStart: number]>;

function mapOffset(segments: Segments, offset: number): number {
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

function readInstruction(
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
    let next = n + 1;
    while (next < lineStarts.length) {
      const s = lineStarts[next];
      const e = lineEnd(next);
      let q = s;
      while (q < e && isSpace(text[q])) q++;
      if (q === e || text[q] === '#') {
        next++;
        continue;
      }
      break;
    }
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
        parseErrors.push({
          message: `heredoc <<${name} started on line ${
            firstLine + 1
          } is never closed with a line "${name}"`,
          line: firstLine + 1,
        });
        n = lineStarts.length - 1;
        instructionEnd = text.length;
        heredocs.push({
          name,
          content: lines.join('\n'),
          stripTabs,
          start: bodyStart,
          end: text.length,
        });
        break;
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
      instructionEnd = lineEnd(bodyEndLine);
    }
  }

  const instruction = buildInstruction(keyword, args, segments, heredocs);
  instruction.start = lineStarts[firstLine];
  instruction.end = instructionEnd;
  instruction.line = firstLine + 1;
  instruction.endLine = n + 1;
  return { instruction, lastLine: n };
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

interface InstructionInternal extends Instruction {
  segments: Segments;
  bodyOffset: number;
}

/** Splits shell-form arguments into words, keeping quotes, with source offsets. */
function isWhitespace(c: string): boolean {
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

export function unquote(value: string): string {
  if (value.length >= 2) {
    const q = value[0];
    if ((q === '"' || q === "'") && value[value.length - 1] === q)
      return value.slice(1, -1);
  }
  return value;
}

/** Substitutes `$VAR`, `${VAR}`, `${VAR:-default}` and `${VAR:+alt}` from `vars`. */
export function substitute(
  value: string,
  vars: Map<string, string | undefined>,
): { value: string; unresolved: boolean } {
  let unresolved = false;
  const result = value.replace(
    /\$(?:\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?[-+])([^}]*))?\}|([A-Za-z_][A-Za-z0-9_]*))/g,
    (
      whole,
      braced: string | undefined,
      op: string | undefined,
      word: string | undefined,
      plain: string | undefined,
    ) => {
      const name = braced ?? plain!;
      const v = vars.get(name);
      const set = v !== undefined && (op?.startsWith(':') ? v !== '' : true);
      if (op?.endsWith('-')) return set ? v! : word ?? '';
      if (op?.endsWith('+')) return set ? word ?? '' : '';
      if (v === undefined) {
        unresolved = true;
        return whole;
      }
      return v;
    },
  );
  return { value: result, unresolved };
}

export function parseImageReference(
  raw: string,
  vars: Map<string, string | undefined>,
): ImageReference {
  const { value: resolved, unresolved } = substitute(raw, vars);
  let rest = resolved;
  let digest: string | undefined;
  const at = rest.indexOf('@');
  if (at >= 0) {
    digest = rest.slice(at + 1);
    rest = rest.slice(0, at);
  }
  let tag: string | undefined;
  const colon = rest.lastIndexOf(':');
  if (colon > rest.lastIndexOf('/')) {
    tag = rest.slice(colon + 1);
    rest = rest.slice(0, colon);
  }
  let registry: string | undefined;
  const slash = rest.indexOf('/');
  if (slash > 0) {
    const first = rest.slice(0, slash);
    if (first.includes('.') || first.includes(':') || first === 'localhost') {
      registry = first;
      rest = rest.slice(slash + 1);
    }
  }
  if (
    (!registry || registry === 'docker.io' || registry === 'index.docker.io') &&
    rest.startsWith('library/')
  ) {
    rest = rest.slice('library/'.length);
  }
  return {
    raw,
    resolved,
    registry,
    repository: rest.toLowerCase(),
    tag,
    digest,
    unresolved,
  };
}

function buildStages(model: DockerfileModel): void {
  const stageVars = model.globalArgs;
  let current: Stage | undefined;
  const shellByStage = new Map<number, string[] | null>();
  // Lower-cased stage name → the first stage of that name, so a file with many stages stays linear.
  const stageByName = new Map<string, number>();
  const stageNamed = (name: string) =>
    stageByName.get(name.toLowerCase()) ?? -1;
  for (const instruction of model.instructions) {
    if (instruction.keyword === 'FROM') {
      const words = instruction.words.map(w => w.value);
      const imageWord = words[0] ?? '';
      const asIndex = words.findIndex(w => w.toLowerCase() === 'as');
      const name = asIndex > 0 ? words[asIndex + 1] : undefined;
      const image = parseImageReference(imageWord, stageVars);
      const index = model.stages.length;
      const baseStage = stageNamed(image.resolved);
      const platform =
        instruction.flags.find(f => f.name === 'platform')?.value ?? undefined;
      current = {
        index,
        name,
        from: instruction,
        image,
        baseStage: baseStage >= 0 ? baseStage : undefined,
        platform,
        instructions: [],
        final: false,
        copiesFrom: [],
        copiesFromImages: [],
      };
      instruction.stage = index;
      model.stages.push(current);
      if (name !== undefined && !stageByName.has(name.toLowerCase()))
        stageByName.set(name.toLowerCase(), index);
      shellByStage.set(
        index,
        baseStage >= 0 ? shellByStage.get(baseStage) ?? null : null,
      );
      continue;
    }
    if (!current) {
      if (instruction.keyword === 'ARG') {
        for (const word of instruction.words) {
          const eq = word.value.indexOf('=');
          if (eq < 0)
            model.globalArgs.set(word.value, model.globalArgs.get(word.value));
          else {
            const value = substitute(
              unquote(word.value.slice(eq + 1)),
              model.globalArgs,
            ).value;
            model.globalArgs.set(word.value.slice(0, eq), value);
          }
        }
      }
      continue;
    }
    instruction.stage = current.index;
    current.instructions.push(instruction);
    if (instruction.keyword === 'SHELL' && instruction.json) {
      shellByStage.set(current.index, instruction.json);
    }
    const copyFrom =
      instruction.keyword === 'COPY'
        ? instruction.flags.find(f => f.name === 'from')?.value
        : undefined;
    if (copyFrom) {
      const resolved = substitute(copyFrom, model.globalArgs).value;
      const byName = stageNamed(resolved);
      const byIndex = /^\d+$/.test(resolved) ? Number(resolved) : -1;
      if (byName >= 0) current.copiesFrom.push(byName);
      else if (byIndex >= 0 && byIndex < model.stages.length)
        current.copiesFrom.push(byIndex);
      else current.copiesFromImages.push(resolved);
    }
    if (instruction.keyword === 'RUN') {
      instruction.shell = readRun(
        instruction,
        shellByStage.get(current.index) ?? null,
        current,
        model.escapeChar,
      );
    }
    if (instruction.trigger) instruction.trigger.stage = current.index;
  }
  if (model.stages.length > 0)
    model.stages[model.stages.length - 1].final = true;
}

const POSIX_SHELLS = /(^|\/)(sh|bash|ash|dash|zsh|ksh)$/;

function isWindowsImage(stage: Stage): boolean {
  return /(^|\/)windows\/|nanoserver|servercore|windowsservercore/.test(
    stage.image.resolved.toLowerCase(),
  );
}

const unmapped = () => undefined;

function readRun(
  instruction: Instruction,
  shell: string[] | null,
  stage: Stage,
  escapeChar: string,
): ParsedRun {
  const mounts = instruction.flags
    .filter(f => f.name === 'mount' && f.value)
    .map(f => readMount(f.value!));
  const internal = instruction as InstructionInternal;
  const posixShell = shell
    ? POSIX_SHELLS.test(shell[0])
    : !isWindowsImage(stage);
  if (instruction.json) {
    const json = instruction.json;
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
    return parsedRun('exec', { commands }, instruction.args, unmapped, mounts);
  }
  if (!posixShell || escapeChar !== '\\') {
    return parsedRun(
      'other',
      { commands: [] },
      instruction.args,
      unmapped,
      mounts,
    );
  }
  if (instruction.heredocs.length > 0) {
    // `RUN <<EOF` or `RUN bash <<EOF` runs the body as the script.
    const withoutMarkers = instruction.args
      .replace(/<<(-?)(["']?)([A-Za-z_][A-Za-z0-9_.-]*)\2/g, '')
      .trim();
    const firstWord = withoutMarkers.split(/\s+/)[0] ?? '';
    if (
      withoutMarkers === '' ||
      (POSIX_SHELLS.test(firstWord) && !/\s-c\s/.test(` ${withoutMarkers} `))
    ) {
      const heredoc = instruction.heredocs[0];
      return parsedRun(
        'posix',
        parseShell(heredoc.content),
        heredoc.content,
        o => (heredoc.stripTabs ? undefined : heredoc.start + o),
        mounts,
      );
    }
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
