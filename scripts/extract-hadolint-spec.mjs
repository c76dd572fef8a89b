#!/usr/bin/env node
/**
 * Turns hadolint's own rule spec cases (test/Hadolint/Rule/DL*Spec.hs and
 * test/Hadolint/PragmaSpec.hs) into the data the parity test reads:
 * plugins/image-health-node/src/quality/hadolint-spec/<file>.json, one entry per
 * assertion (Dockerfile text, the DL id, whether hadolint reports it, the
 * configuration the case sets, where it comes from).
 *
 * Only the cases are taken (their Dockerfile text and expected verdict, which
 * are behaviour); no hadolint code is. Verdicts we deliberately do not share
 * are kept in the JSON files under `differs` and are not rewritten here.
 *
 * Usage: node scripts/extract-hadolint-spec.mjs <hadolint checkout or git dir> [commit]
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const [repo, commitArg = 'HEAD'] = process.argv.slice(2);
if (!repo) {
  process.stderr.write(
    'usage: extract-hadolint-spec.mjs <hadolint checkout> [commit]\n',
  );
  process.exit(2);
}
const git = (...args) =>
  execFileSync('git', ['-C', repo, ...args], {
    encoding: 'utf8',
    maxBuffer: 64 << 20,
  });
const commit = git('rev-parse', commitArg).trim();
const outDir = path.resolve(
  path.dirname(new URL(import.meta.url).pathname),
  '../plugins/image-health-node/src/quality/hadolint-spec',
);

const files = git('ls-tree', '--name-only', commit, 'test/Hadolint/Rule/')
  .split('\n')
  .filter(f => /\/DL\d{4}Spec\.hs$/.test(f))
  .concat('test/Hadolint/PragmaSpec.hs');

/** Haskell tokens that matter here: strings, names, brackets, numbers; comments dropped. */
function tokenize(text) {
  const tokens = [];
  let line = 1;
  for (let i = 0; i < text.length; ) {
    const c = text[i];
    if (c === '\n') {
      line++;
      i++;
    } else if (c === '-' && text[i + 1] === '-') {
      while (i < text.length && text[i] !== '\n') i++;
    } else if (c === '"') {
      let value = '';
      i++;
      while (i < text.length && text[i] !== '"') {
        if (text[i] === '\\') {
          const e = text[i + 1];
          if (e === 'n') value += '\n';
          else if (e === 't') value += '\t';
          else if (e === '&') value += '';
          else if (/\s/.test(e)) {
            // A string gap: backslash, whitespace, backslash.
            i++;
            while (text[i] !== '\\') {
              if (text[i] === '\n') line++;
              i++;
            }
            i++;
            continue;
          } else value += e;
          i += 2;
        } else value += text[i++];
      }
      i++;
      tokens.push({ type: 'string', value, line });
    } else if (/[A-Za-z_?]/.test(c)) {
      let j = i + 1;
      while (j < text.length && /[A-Za-z0-9_.']/.test(text[j])) j++;
      tokens.push({ type: 'name', value: text.slice(i, j), line });
      i = j;
    } else if (/[0-9]/.test(c)) {
      let j = i + 1;
      while (j < text.length && /[0-9]/.test(text[j])) j++;
      tokens.push({ type: 'number', value: Number(text.slice(i, j)), line });
      i = j;
    } else if (/\s/.test(c)) {
      i++;
    } else {
      tokens.push({ type: 'punct', value: c, line });
      i++;
    }
  }
  return tokens;
}

/** `[ "a", "b" ]` starting at tokens[at]: the strings and the index after `]`. */
function stringList(tokens, at) {
  if (tokens[at]?.value !== '[') return undefined;
  const values = [];
  let i = at + 1;
  for (; i < tokens.length && tokens[i].value !== ']'; i++) {
    if (tokens[i].type === 'string') values.push(tokens[i].value);
    else if (tokens[i].value !== ',') return undefined;
  }
  return { values, next: i + 1 };
}

/** A Dockerfile expression at tokens[at]: `"…"`, `Text.unlines [..]`, `Text.unlines name`, `name`. */
function dockerfileAt(tokens, at, bindings) {
  let i = at;
  while (tokens[i]?.value === '$' || tokens[i]?.value === '(') i++;
  const t = tokens[i];
  if (!t) return undefined;
  if (t.type === 'string') return t.value;
  if (t.value === 'Text.unlines' || t.value === 'unlines') {
    const list = stringList(tokens, i + 1);
    if (list) return list.values.map(l => `${l}\n`).join('');
    const name = tokens[i + 1];
    const bound = name && bindings.get(name.value);
    if (bound?.lines) return bound.lines.map(l => `${l}\n`).join('');
    return undefined;
  }
  const bound = bindings.get(t.value);
  return bound?.text;
}

/** hadolint's label types by their names in .hadolint.yaml's `label-schema`. */
const LABEL_TYPES = {
  RawText: 'text',
  Url: 'url',
  Spdx: 'spdx',
  GitHash: 'hash',
  Rfc3339: 'rfc3339',
  SemVer: 'semver',
  Email: 'email',
};

/** The configuration a `def { … }` record sets, for the keys the cases use. */
function configAt(tokens, at) {
  const config = {};
  let depth = 0;
  let i = at;
  for (; i < tokens.length; i++) {
    const v = tokens[i].value;
    if (v === '{') depth++;
    else if (v === '}') {
      depth--;
      if (depth === 0) break;
    } else if (depth === 1 && v === 'allowedRegistries') {
      config.trustedRegistries = stringList(tokens, i + 2).values;
    } else if (depth === 1 && v === 'labelSchema') {
      const schema = {};
      let j = i + 1;
      while (tokens[j].value !== '[') j++;
      for (; tokens[j].value !== ']'; j++) {
        if (tokens[j].type === 'string' && tokens[j - 1].value === '(') {
          const type = tokens[j + 2].value.replace(/^Rule\./, '');
          if (!LABEL_TYPES[type]) throw new Error(`unknown label type ${type}`);
          schema[tokens[j].value] = LABEL_TYPES[type];
        }
      }
      config.labelSchema = schema;
    } else if (depth === 1 && v === 'strictLabels') {
      config.strictLabels = tokens[i + 2].value === 'True';
    } else if (depth === 1 && v === 'disableIgnorePragma') {
      config.disableIgnorePragma = tokens[i + 2].value === 'True';
    } else if (depth === 1 && tokens[i + 1]?.value === '=') {
      throw new Error(`unknown configuration key ${v}`);
    }
  }
  return { config, next: i + 1 };
}

/** A rule code written as a string or as a name bound to one. */
function ruleOf(token, bindings) {
  const code =
    token?.type === 'string' ? token.value : bindings.get(token?.value)?.text;
  return code && /^DL\d{4}$/.test(code) ? code : undefined;
}

const ASSERTIONS = {
  ruleCatches: { onbuild: false, reported: true },
  ruleCatchesNot: { onbuild: false, reported: false },
  onBuildRuleCatches: { onbuild: true, reported: true },
  onBuildRuleCatchesNot: { onbuild: true, reported: false },
};

function extract(file) {
  const text = git('show', `${commit}:${file}`);
  const tokens = tokenize(text);
  const cases = [];
  let fileConfig = {};
  let caseConfig;
  let title = '';
  let titleLine = 0;
  let describe = '';
  // Names bound before the first case (`let rule = "DL3066"`) hold for every case.
  const fileBindings = new Map();
  let bindings = new Map(fileBindings);
  const add = (rule, onbuild, expected, dockerfile, line) => {
    if (dockerfile === undefined)
      throw new Error(`${file}:${line}: Dockerfile not understood`);
    const config = { ...fileConfig, ...caseConfig };
    cases.push({
      rule,
      title: `${describe.split(' - ')[0]}: ${title}`.replace(/^: /, ''),
      source: `${file}:${titleLine}`,
      dockerfile,
      ...(onbuild ? { onbuild: true } : {}),
      ...(typeof expected === 'number'
        ? { count: expected }
        : { reported: expected }),
      ...(Object.keys(config).length ? { config } : {}),
    });
  };
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    if (t.value === 'describe' && tokens[i + 1]?.type === 'string') {
      describe = tokens[i + 1].value;
    } else if (t.value === 'it' && tokens[i + 1]?.type === 'string') {
      title = tokens[i + 1].value;
      titleLine = t.line;
      bindings = new Map(fileBindings);
      caseConfig = undefined;
    } else if (t.value === 'let' && tokens[i + 1]?.value === '?config') {
      const start = i + 3;
      const { config, next } =
        tokens[start].value === 'def' && tokens[start + 1]?.value === '{'
          ? configAt(tokens, start + 1)
          : { config: {}, next: start + 1 };
      if (title) caseConfig = config;
      else fileConfig = config;
      i = next - 1;
    } else if (
      t.type === 'name' &&
      tokens[i + 1]?.value === '=' &&
      t.value !== '?config'
    ) {
      // A binding (`let name = …`, or one of several under one `let`).
      const name = t.value;
      const scope = title ? bindings : fileBindings;
      let at = i + 2;
      const unlines = tokens[at].value === 'Text.unlines';
      if (unlines) at++;
      const list = stringList(tokens, at);
      if (list)
        scope.set(name, {
          lines: list.values,
          text: unlines ? list.values.map(l => `${l}\n`).join('') : undefined,
        });
      else if (tokens[at].type === 'string')
        scope.set(name, { text: tokens[at].value });
    } else if (ASSERTIONS[t.value] && ruleOf(tokens[i + 1], bindings)) {
      const { onbuild, reported } = ASSERTIONS[t.value];
      add(
        ruleOf(tokens[i + 1], bindings),
        onbuild,
        reported,
        dockerfileAt(tokens, i + 2, bindings),
        t.line,
      );
    } else if (
      t.value === 'assertChecks' ||
      t.value === 'assertOnBuildChecks'
    ) {
      // assertChecks (Text.unlines x) (failsWith n "DLxxxx")
      const dockerfile = dockerfileAt(tokens, i + 1, bindings);
      let j = i + 1;
      while (j < tokens.length && tokens[j].value !== 'failsWith') j++;
      const rule = ruleOf(tokens[j + 2], bindings);
      if (!rule || j - i > 40)
        throw new Error(`${file}:${t.line}: assertion not understood`);
      add(
        rule,
        t.value === 'assertOnBuildChecks',
        tokens[j + 1].value,
        dockerfile,
        t.line,
      );
    }
  }
  return cases;
}

fs.mkdirSync(outDir, { recursive: true });
let total = 0;
for (const file of files) {
  const cases = extract(file);
  total += cases.length;
  const name = path.basename(file, '.hs');
  const out = path.join(outDir, `${name}.json`);
  // Keep the verdicts we deliberately do not share (edited by hand) across re-extraction.
  const previous = fs.existsSync(out)
    ? JSON.parse(fs.readFileSync(out, 'utf8'))
    : { cases: [] };
  const differs = new Map(
    previous.cases
      .filter(c => c.differs)
      .map(c => [
        `${c.source} ${c.rule} ${c.onbuild ?? false} ${c.dockerfile}`,
        c.differs,
      ]),
  );
  for (const c of cases) {
    const why = differs.get(
      `${c.source} ${c.rule} ${c.onbuild ?? false} ${c.dockerfile}`,
    );
    if (why) c.differs = why;
  }
  fs.writeFileSync(
    out,
    `${JSON.stringify(
      {
        source: `https://github.com/hadolint/hadolint/blob/${commit}/${file}`,
        cases,
      },
      null,
      2,
    )}\n`,
  );
}
// hadolint's current rule list, from its README's table: `| [DL3000](…) | Error | Use absolute WORKDIR. |`.
const rules = [];
for (const line of git('show', `${commit}:README.md`).split('\n')) {
  const m =
    /^\|\s*\[(DL\d{4})\]\([^)]*\)\s*\|\s*(\w+)\s*\|\s*(.*?)\s*\|\s*$/.exec(
      line,
    );
  if (m) rules.push({ id: m[1], severity: m[2].toLowerCase(), title: m[3] });
}
fs.writeFileSync(
  path.join(outDir, '..', 'hadolint-rules.json'),
  `${JSON.stringify(
    {
      source: `https://github.com/hadolint/hadolint/blob/${commit}/README.md`,
      rules,
    },
    null,
    2,
  )}\n`,
);
process.stdout.write(`${rules.length} DL rules in the README; `);
process.stdout.write(
  `${total} cases from ${files.length} spec files at ${commit}\n`,
);
