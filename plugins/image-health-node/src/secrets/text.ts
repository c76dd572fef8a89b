import { isSecretName } from './names';

/** What a secret value is replaced with. */
export const REDACTED = '[redacted]';

/** A part of the text to replace, end exclusive. */
interface Span {
  start: number;
  end: number;
}

/**
 * Every pass of redactText needs one of these: `=` (assignments), `-` (flags, `-u`,
 * private keys), `:` (URL userinfo, `authorization:`), `env`, `bearer` or
 * `basic`. Most ENV and ARG values have none, and one scan answers them
 * (secret-in-env-arg redacts every value it reads; 60 % of the corpus's lines
 * and words have none of these).
 */
const MAY_HOLD_SECRET = /[=:-]|env|bearer|basic/i;

/**
 * The text with the values of secrets replaced by `[redacted]`: `KEY=value`
 * and `ENV KEY value` where the key looks secret, URL userinfo, `-u
 * user:pass`, `--password …` (any flag whose name looks secret), bearer and
 * basic credentials and private-key blocks. Names, users and flags stay, so a
 * finding still says which variable to remove; line breaks inside a value
 * stay, so line numbers still point at the same lines. Every pass is linear in
 * the text, and no pattern is built from it.
 */
export function redactText(text: string): string {
  if (text.length === 0 || !MAY_HOLD_SECRET.test(text)) return text;
  const spans: Span[] = [
    ...assignmentValues(text),
    ...spaceFormEnvValues(text),
    ...urlUserinfo(text),
    ...userPasswords(text),
    ...secretFlagValues(text),
    ...authorizationCredentials(text),
    ...privateKeyBodies(text),
  ];
  return spans.length ? replaceSpans(text, spans) : text;
}

/** Characters that end a name before `=` or a value after it (shell and query separators). */
const NAME_STOP = new Set([
  ' ',
  '\t',
  '\n',
  '\r',
  '"',
  "'",
  '`',
  '=',
  ';',
  '&',
  '|',
  '<',
  '>',
  '?',
  ',',
  '{',
  '}',
]);
const VALUE_STOP = new Set([
  ' ',
  '\t',
  '\n',
  '\r',
  ';',
  '&',
  '|',
  '<',
  '>',
  ',',
  '"',
  "'",
  '`',
]);

/** From `start`: a quoted value to its closing quote (or the end), else up to a separator. */
function valueEnd(text: string, start: number): number {
  const quote = text[start];
  if (quote === '"' || quote === "'") {
    const close = text.indexOf(quote, start + 1);
    return close < 0 ? text.length : close + 1;
  }
  let end = start;
  while (end < text.length && !VALUE_STOP.has(text[end])) end += 1;
  return end;
}

/** The value span, keeping the quotes a quoted value was written with. */
function valueSpan(text: string, start: number, end: number): Span | null {
  const quoted = text[start] === '"' || text[start] === "'";
  const span = quoted
    ? {
        start: start + 1,
        end: text[end - 1] === text[start] && end - 1 > start ? end - 1 : end,
      }
    : { start, end };
  return span.end > span.start ? span : null;
}

/** `DB_PASSWORD=…`, `--build-arg API_TOKEN=…`, `?access_token=…`. */
function assignmentValues(text: string): Span[] {
  const spans: Span[] = [];
  let eq = text.indexOf('=');
  while (eq >= 0) {
    let nameStart = eq;
    while (nameStart > 0 && !NAME_STOP.has(text[nameStart - 1])) nameStart -= 1;
    let next = eq + 1;
    if (nameStart < eq && isSecretName(text.slice(nameStart, eq))) {
      const end = valueEnd(text, eq + 1);
      const span = valueSpan(text, eq + 1, end);
      if (span) spans.push(span);
      next = Math.max(end, eq + 1);
    }
    eq = text.indexOf('=', next);
  }
  return spans;
}

/** `ENV DB_PASSWORD hunter2`: the older form, whose value is the rest of the line. */
function spaceFormEnvValues(text: string): Span[] {
  const spans: Span[] = [];
  const pattern = /\bENV[ \t]+([^\s=]+)[ \t]+(?=[^\s])/gi;
  for (let m = pattern.exec(text); m; m = pattern.exec(text)) {
    if (!isSecretName(m[1])) continue;
    const start = m.index + m[0].length;
    let end = text.indexOf('\n', start);
    if (end < 0) end = text.length;
    if (text[end - 1] === '\r') end -= 1;
    if (end > start) spans.push({ start, end });
    pattern.lastIndex = Math.max(end, pattern.lastIndex);
  }
  return spans;
}

const AUTHORITY_STOP = new Set([
  '/',
  '?',
  '#',
  ' ',
  '\t',
  '\n',
  '\r',
  '"',
  "'",
  '`',
  '<',
  '>',
]);

/** `https://user:token@host/…` → the password; `https://token@host` → the whole userinfo. */
function urlUserinfo(text: string): Span[] {
  const spans: Span[] = [];
  let at = text.indexOf('://');
  while (at >= 0) {
    const start = at + 3;
    let end = start;
    let lastAt = -1;
    while (end < text.length && !AUTHORITY_STOP.has(text[end])) {
      if (text[end] === '@') lastAt = end;
      end += 1;
    }
    if (lastAt > start) {
      let colon = start;
      while (colon < lastAt && text[colon] !== ':') colon += 1;
      spans.push({ start: colon < lastAt ? colon + 1 : start, end: lastAt });
    }
    at = text.indexOf('://', Math.max(end, start));
  }
  return spans.filter(s => s.end > s.start);
}

/** `curl -u user:pass`, `--user=user:pass`, `--proxy-user user:pass` → the password. */
function userPasswords(text: string): Span[] {
  const spans: Span[] = [];
  const pattern =
    /(?:^|[\s"'])(?:-u|--user|--proxy-user)(?:[ \t]+|=)["']?([^\s"':]+):/g;
  for (let m = pattern.exec(text); m; m = pattern.exec(text)) {
    const start = m.index + m[0].length;
    const end = valueEnd(text, start);
    // `docker run -u 1000:1000` is a uid and a gid.
    const numeric = /^\d+$/;
    if (numeric.test(m[1]) && numeric.test(text.slice(start, end))) continue;
    if (end > start) spans.push({ start, end });
    pattern.lastIndex = Math.max(end, pattern.lastIndex);
  }
  return spans;
}

/** `--password hunter2`, `--token=…`, `--api-key …`: the value after a flag whose name looks secret. */
function secretFlagValues(text: string): Span[] {
  const spans: Span[] = [];
  // The separator of a JSON array too: `["login", "--password", "…"]`.
  const pattern =
    /(?:^|[\s"'])--?([A-Za-z][A-Za-z0-9_-]*)(?:=|[ \t]+|",[ \t]*")/g;
  for (let m = pattern.exec(text); m; m = pattern.exec(text)) {
    const start = m.index + m[0].length;
    // `--password --other`: the flag takes no value here.
    if (!isSecretName(m[1]) || text[start] === '-') continue;
    const end = valueEnd(text, start);
    const span = valueSpan(text, start, end);
    if (span) spans.push(span);
    pattern.lastIndex = Math.max(end, pattern.lastIndex);
  }
  return spans;
}

/** `Authorization: Bearer …`, `Basic …`, `Authorization: token …` → the credential. */
function authorizationCredentials(text: string): Span[] {
  const spans: Span[] = [];
  // Without the header name, only a long credential: "basic authentication" is prose.
  const pattern =
    /\b(?:authorization:[ \t]*(?:(?:bearer|basic|token)[ \t]+)?(?=[A-Za-z0-9._~+/=-]{8})|(?:bearer|basic)[ \t]+(?=[A-Za-z0-9._~+/=-]{16}))/gi;
  for (let m = pattern.exec(text); m; m = pattern.exec(text)) {
    const start = m.index + m[0].length;
    const end = valueEnd(text, start);
    if (end > start) spans.push({ start, end });
    pattern.lastIndex = Math.max(end, pattern.lastIndex);
  }
  return spans;
}

/** The body of `-----BEGIN … PRIVATE KEY-----` up to its END line (or the end of the text). */
function privateKeyBodies(text: string): Span[] {
  const spans: Span[] = [];
  const BEGIN = '-----BEGIN ';
  let at = text.indexOf(BEGIN);
  while (at >= 0) {
    // The header is one short line: look no further for its closing dashes.
    const close = text
      .slice(at + BEGIN.length, at + BEGIN.length + 100)
      .indexOf('-----');
    const headerEnd = close < 0 ? -1 : at + BEGIN.length + close;
    const header = close < 0 ? '' : text.slice(at, headerEnd);
    if (!header.endsWith('PRIVATE KEY')) {
      at = text.indexOf(BEGIN, at + BEGIN.length);
      continue;
    }
    const start = headerEnd + 5;
    const endLine = text.indexOf('-----END ', start);
    const end = endLine < 0 ? text.length : endLine;
    if (end > start) spans.push({ start, end });
    at = text.indexOf(BEGIN, end);
  }
  return spans;
}

/**
 * The text with each (merged) span replaced by `[redacted]`, plus the line
 * breaks it held. The spans come from several passes and may overlap.
 */
function replaceSpans(text: string, spans: Span[]): string {
  spans.sort((a, b) => a.start - b.start);
  let out = '';
  let kept = 0;
  let i = 0;
  while (i < spans.length) {
    const start = Math.max(spans[i].start, kept);
    let end = spans[i].end;
    i += 1;
    while (i < spans.length && spans[i].start <= end) {
      end = Math.max(end, spans[i].end);
      i += 1;
    }
    if (end <= start) continue;
    let breaks = '';
    for (let c = start; c < end; c += 1) if (text[c] === '\n') breaks += '\n';
    out += text.slice(kept, start) + REDACTED + breaks;
    kept = end;
  }
  return out + text.slice(kept);
}
