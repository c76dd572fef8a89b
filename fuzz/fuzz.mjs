// `yarn fuzz [--inputs N] [--from I] [--seed S] [--corpus DIR] [--json FILE]`: feeds the
// engine mutated corpus Dockerfiles and .dockerignore files (read from the
// corpus at run time) and generated hostile layers, manifests and configs.
// Reports crashes (exceptions other than the engine's typed input errors),
// every input that took over 1 s, and the peak RSS; exits 1 on a crash or a
// slow input. Reproduce inputs with their seed and indexes: --seed S --only I[,J…]
// (--dump FILE writes the last one out); --from I starts a round at input I
// (the rest of a round, or one shard of it).
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '..');
const { values } = parseArgs({
  options: {
    inputs: { type: 'string', default: '2000' },
    seed: { type: 'string', default: String(Date.now() % 1_000_000) },
    corpus: { type: 'string', default: path.resolve(root, '../shared/corpus') },
    from: { type: 'string', default: '0' },
    only: { type: 'string' },
    dump: { type: 'string' },
    json: { type: 'string' },
    'slow-ms': { type: 'string', default: '1000' },
  },
});
const inputs = Number(values.inputs);
const seed = Number(values.seed);
const slowMs = Number(values['slow-ms']);

// Inside the repository, so the bundle's own requires (spdx-license-ids) resolve.
const bundle = path.join(
  root,
  'node_modules',
  '.cache',
  `image-health-fuzz-${process.pid}.cjs`,
);
fs.mkdirSync(path.dirname(bundle), { recursive: true });
await build({
  entryPoints: [path.join(here, 'targets.ts')],
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  outfile: bundle,
  logLevel: 'warning',
});
const targets = createRequire(import.meta.url)(bundle);
fs.rmSync(bundle, { force: true });

function corpusFiles(dir, wanted) {
  const out = [];
  const walk = d => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (wanted(e.name)) out.push(fs.readFileSync(p, 'latin1'));
    }
  };
  if (fs.existsSync(dir)) walk(dir);
  return out;
}
const dockerfiles = corpusFiles(
  values.corpus,
  n => /dockerfile/i.test(n) && !n.endsWith('.dockerignore'),
);
const dockerignores = corpusFiles(values.corpus, n => n === '.dockerignore');
if (dockerfiles.length === 0)
  throw new Error(`no Dockerfiles under ${values.corpus} (--corpus DIR)`);
if (dockerignores.length === 0)
  dockerignores.push('.git\nnode_modules\n*.md\n!README.md\n');

// mulberry32: a small PRNG, so that --seed S --only I replays input I exactly.
function rng(s) {
  let a = s >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = n => Math.floor(next() * n);
  return { next, int, pick: list => list[int(list.length)] };
}

// Pieces that have broken parsers and matchers before: continuations, nesting, quotes, globs, huge runs.
const HOSTILE = [
  '\\\n',
  '\\\r\n',
  '$(',
  '${',
  '`',
  '"',
  "'",
  '<<EOF\n',
  '<<-"X"\n',
  '\r',
  '\t',
  '#',
  '# escape=`\n',
  '*',
  '**/',
  '?',
  '[',
  '[^a-',
  '!',
  '=',
  ' ',
  '&&',
  '||',
  ';',
  '|',
  '(',
  ')',
  '{',
  '}',
  'ENV API_TOKEN(=1\n',
  'ARG GIT_COMMIT\n',
  'RUN ',
  'COPY . .\n',
  'FROM ',
  ' AS ',
  '--mount=type=cache,target=',
  'https://u:p@h/',
  '-u a:b ',
  '--password ',
  'Bearer ',
  '-----BEGIN PRIVATE KEY-----\n',
  '\u0000',
  '\uffff',
];
function mutateText(r, text, others) {
  let s = text;
  const rounds = 1 + r.int(6);
  for (let k = 0; k < rounds; k++) {
    const at = r.int(s.length + 1);
    switch (r.int(7)) {
      case 0: // insert a hostile piece
        s = s.slice(0, at) + r.pick(HOSTILE) + s.slice(at);
        break;
      case 1: {
        // repeat a piece many times: long lines, deep nesting, many continuations
        const piece =
          r.next() < 0.6 ? r.pick(HOSTILE) : s.slice(at, at + 1 + r.int(40));
        const times = [10, 100, 1000, 10_000, 50_000][r.int(5)];
        s =
          s.slice(0, at) +
          piece.repeat(
            Math.min(times, Math.ceil(400_000 / (piece.length || 1))),
          ) +
          s.slice(at);
        break;
      }
      case 2: // delete a slice
        s = s.slice(0, at) + s.slice(at + r.int(200));
        break;
      case 3: // splice in part of another file
        s = s.slice(0, at) + r.pick(others).slice(0, 2000) + s.slice(at);
        break;
      case 4: // random bytes
        s =
          s.slice(0, at) +
          String.fromCharCode(
            ...Array.from({ length: 1 + r.int(30) }, () => r.int(256)),
          ) +
          s.slice(at);
        break;
      case 5: // truncate
        s = s.slice(0, at);
        break;
      default: {
        // swap two lines
        const lines = s.split('\n');
        const i = r.int(lines.length);
        const j = r.int(lines.length);
        [lines[i], lines[j]] = [lines[j], lines[i]];
        s = lines.join('\n');
      }
    }
  }
  return s;
}

// A POSIX ustar header block, with a PAX 'x' record first when the path is long.
function tarEntry(name, body, type = '0', linkname = '') {
  const blocks = [];
  const header = (n, size, t, link) => {
    const h = Buffer.alloc(512);
    h.write(n.slice(0, 100), 0, 'latin1');
    h.write('0000644\0', 100);
    h.write('0000000\0', 108);
    h.write('0000000\0', 116);
    h.write(`${size.toString(8).padStart(11, '0')}\0`, 124);
    h.write('00000000000\0', 136);
    h.write('        ', 148);
    h.write(t, 156);
    h.write(link.slice(0, 100), 157, 'latin1');
    h.write('ustar\0', 257);
    h.write('00', 263);
    let sum = 0;
    for (const b of h) sum += b;
    h.write(`${sum.toString(8).padStart(6, '0')}\0 `, 148);
    return h;
  };
  const pad = b =>
    Buffer.concat([b, Buffer.alloc((512 - (b.length % 512)) % 512)]);
  if (Buffer.byteLength(name) > 100 || Buffer.byteLength(linkname) > 100) {
    const rec = s => {
      let len = s.length + 3;
      while (`${len} ${s}\n`.length !== len) len = `${len} ${s}\n`.length;
      return `${len} ${s}\n`;
    };
    const pax = Buffer.from(
      rec(`path=${name}`) + (linkname ? rec(`linkpath=${linkname}`) : ''),
      'latin1',
    );
    blocks.push(header('PaxHeader', pax.length, 'x', ''), pad(pax));
  }
  blocks.push(header(name, body.length, type, linkname), pad(body));
  return Buffer.concat(blocks);
}
function hostileLayer(r) {
  const parts = [];
  const shape = r.int(6);
  const count = shape === 1 ? 20_000 + r.int(30_000) : 1 + r.int(50);
  for (let i = 0; i < count; i++) {
    let name;
    switch (shape) {
      case 0:
        name = 'a/'.repeat(1 + r.int(30_000)) + 'f';
        break; // long, deep path
      case 2:
        name = `x/${'.wh.'.repeat(r.int(3))}${r.int(100)}`;
        break; // whiteouts
      case 3:
        name = r.pick([
          '../../etc/passwd',
          '/abs',
          './a/../../b',
          'a//b',
          '',
          '.',
          'a/./b/',
        ]);
        break;
      default:
        name = `d${r.int(50)}/f${i}`;
    }
    const type = r.pick(['0', '0', '5', '2', '1', 'x', 'L', 'g', 'Z']);
    parts.push(
      tarEntry(
        name,
        Buffer.alloc(r.int(3) === 0 ? r.int(2000) : 0, 1),
        type,
        type === '2' || type === '1'
          ? r.pick(['a', '../x', 'a/'.repeat(r.int(100))])
          : '',
      ),
    );
  }
  parts.push(Buffer.alloc(1024));
  let tar = Buffer.concat(parts);
  if (shape === 4) {
    // corrupt bytes
    tar = Buffer.from(tar);
    for (let k = 0; k < 1 + r.int(20); k++) tar[r.int(tar.length)] = r.int(256);
  }
  if (shape === 5) tar = tar.subarray(0, r.int(tar.length)); // truncated
  const roll = r.int(4);
  if (roll === 0) return gzipSync(tar);
  if (roll === 1) return gzipSync(tar).subarray(0, r.int(tar.length)); // truncated gzip
  if (roll === 2)
    return Buffer.from(Array.from({ length: r.int(4096) }, () => r.int(256)));
  return tar;
}

const WEIRD = () => [
  null,
  0,
  -1,
  1e308,
  '',
  'x'.repeat(10_000),
  [],
  {},
  [[[]]],
  true,
  { a: [1] },
  '__proto__',
];
function mutateJson(r, value, depth = 0) {
  if (r.int(8) === 0) return r.pick(WEIRD());
  if (Array.isArray(value)) {
    const out = value.map(v => mutateJson(r, v, depth + 1));
    if (r.int(4) === 0) out.push(r.pick(WEIRD()));
    if (r.int(6) === 0)
      return Array.from({ length: 2_000 }, () =>
        typeof out[0] === 'string' ? out[0].slice(0, 100) : 'x',
      );
    return out;
  }
  if (value && typeof value === 'object') {
    const out = {};
    for (const [k, v] of Object.entries(value))
      if (r.int(10) !== 0) out[k] = mutateJson(r, v, depth + 1);
    if (r.int(5) === 0)
      out[r.pick(['__proto__', 'constructor', 'x'.repeat(1000)])] = r.pick(
        WEIRD(),
      );
    return out;
  }
  return value;
}
// Deep nesting, closed (a config must be JSON to reach the engine) or cut off (a manifest need not).
const nested = (r, open, close, closed) => {
  const depth = 1 + r.int(100_000);
  return open.repeat(depth) + (closed ? `1${close.repeat(depth)}` : '');
};
const MANIFEST = {
  schemaVersion: 2,
  mediaType: 'application/vnd.oci.image.manifest.v1+json',
  config: {
    mediaType: 'application/vnd.oci.image.config.v1+json',
    digest: `sha256:${'a'.repeat(64)}`,
    size: 10,
  },
  layers: [
    {
      mediaType: 'application/vnd.oci.image.layer.v1.tar+gzip',
      digest: `sha256:${'b'.repeat(64)}`,
      size: 20,
    },
  ],
  manifests: [
    {
      digest: `sha256:${'c'.repeat(64)}`,
      size: 5,
      platform: { os: 'linux', architecture: 'amd64' },
    },
  ],
  annotations: { a: 'b' },
};
const CONFIG = {
  config: {
    User: 'app',
    Env: ['PATH=/bin', 'DB_PASSWORD=x', 'API_TOKEN(=1', 'A'],
    Labels: { a: 'b' },
    ExposedPorts: { '80/tcp': {} },
    Healthcheck: { Test: ['CMD-SHELL', 'curl -f http://x'] },
    Cmd: ['x'],
  },
  history: [{ created_by: 'RUN x' }],
  rootfs: { type: 'layers', diff_ids: [] },
};
function jsonInput(r, base, closed) {
  const roll = r.int(5);
  if (roll === 0) return nested(r, '[', ']', closed || r.int(2) === 0);
  if (roll === 1) return nested(r, '{"a":', '}', closed || r.int(2) === 0);
  return JSON.stringify(mutateJson(r, base));
}

// The input is made before the clock starts: only the engine's time is measured.
function makeInput(index) {
  const r = rng(seed * 1_000_003 + index);
  const roll = r.next();
  if (roll < 0.4) {
    const ignore =
      r.int(3) === 0
        ? mutateText(r, r.pick(dockerignores), dockerignores)
        : null;
    const content = mutateText(r, r.pick(dockerfiles), dockerfiles);
    return {
      kind: 'dockerfile',
      data: content,
      run: () => targets.dockerfile(content, ignore),
    };
  }
  if (roll < 0.5) {
    const text = mutateText(r, r.pick(dockerignores), dockerignores);
    return {
      kind: 'dockerignore',
      data: text,
      run: () => targets.dockerignore(text),
    };
  }
  if (roll < 0.7) {
    const blob = hostileLayer(r);
    return { kind: 'layer', data: blob, run: () => targets.layer(blob) };
  }
  if (roll < 0.85) {
    const body = jsonInput(r, MANIFEST, false);
    return { kind: 'manifest', data: body, run: () => targets.manifest(body) };
  }
  const body = jsonInput(r, CONFIG, true);
  return { kind: 'config', data: body, run: () => targets.config(body) };
}

const isInputError = e => targets.INPUT_ERRORS.some(E => e instanceof E);
const counts = {};
const crashes = [];
const slow = [];
let peakRss = process.memoryUsage().rss;
const started = Date.now();
const indexes =
  values.only !== undefined
    ? values.only.split(',').map(Number)
    : Array.from({ length: inputs }, (_, i) => Number(values.from) + i);
for (const index of indexes) {
  const input = makeInput(index);
  if (values.dump) fs.writeFileSync(values.dump, input.data);
  counts[input.kind] = (counts[input.kind] ?? 0) + 1;
  const t = performance.now();
  try {
    await input.run();
  } catch (error) {
    if (!isInputError(error)) {
      crashes.push({
        index,
        kind: input.kind,
        error: String(error?.stack ?? error)
          .split('\n')
          .slice(0, 4)
          .join(' | '),
      });
      process.stderr.write(
        `fuzz: crash #${index} (${input.kind}): ${crashes.at(-1).error}\n`,
      );
    }
  }
  const ms = performance.now() - t;
  if (ms > slowMs) {
    slow.push({ index, kind: input.kind, ms: Math.round(ms) });
    // told at once: a long round's log then names every slow input even if it is stopped
    process.stderr.write(
      `fuzz: slow #${index} (${input.kind}): ${Math.round(ms)} ms\n`,
    );
  }
  if (index % 50 === 0) peakRss = Math.max(peakRss, process.memoryUsage().rss);
  if (index > 0 && index % 1_000 === 0)
    process.stderr.write(
      `fuzz: ${index} inputs, ${crashes.length} crashes, ${
        slow.length
      } slow, peak RSS ${Math.round(peakRss / 2 ** 20)} MB\n`,
    );
}
peakRss = Math.max(peakRss, process.memoryUsage().rss);
const summary = {
  seed,
  inputs: indexes.length,
  counts,
  seconds: Math.round((Date.now() - started) / 1000),
  peakRssMB: Math.round(peakRss / 2 ** 20),
  crashes,
  slow,
};
if (values.json)
  fs.writeFileSync(values.json, `${JSON.stringify(summary, null, 2)}\n`);
process.stdout.write(
  `fuzz: seed ${seed}, ${summary.inputs} inputs (${Object.entries(counts)
    .map(([k, n]) => `${n} ${k}`)
    .join(', ')}) in ${summary.seconds} s; ` +
    `${crashes.length} crashes, ${slow.length} over ${slowMs} ms, peak RSS ${summary.peakRssMB} MB\n`,
);
for (const c of crashes.slice(0, 20))
  process.stdout.write(`  crash #${c.index} (${c.kind}): ${c.error}\n`);
for (const s of slow.slice(0, 20))
  process.stdout.write(`  slow  #${s.index} (${s.kind}): ${s.ms} ms\n`);
if (crashes.length || slow.length)
  process.stdout.write(
    `replay them: yarn fuzz --seed ${seed} --only <index>[,<index>…]\n`,
  );
process.exitCode = crashes.length || slow.length ? 1 : 0;
