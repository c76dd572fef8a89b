#!/usr/bin/env node
// Image inspection benchmark (issue 3): deep-analysis rate against Node's bare
// zlib gunzip on the same large gzip layer served by a local docker-registry in
// the same run, peak RSS of `inspect --deep` on a ~1 GB image, and request
// counts. Writes the "Image inspection" section of BENCHMARKS.md.
// usage: node bench/inspect.bench.mjs [--rounds 3] [--no-write]
import { createHash } from 'node:crypto';
import { spawn, execFileSync } from 'node:child_process';
import {
  createReadStream,
  createWriteStream,
  existsSync,
  mkdirSync,
  readFileSync,
  renameSync,
  writeFileSync,
} from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { Transform, Writable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { createGzip, createGunzip } from 'node:zlib';
import { parseArgs } from 'node:util';

import { engine, request, writeSection } from './lib.mjs';

const {
  ImageInspector,
  startRegistry,
  OciLayoutWriter,
  pushLayout,
  requireBinaries,
} = engine;

const here = dirname(fileURLToPath(import.meta.url));
const { values } = parseArgs({
  options: {
    rounds: { type: 'string', default: '3' },
    'no-write': { type: 'boolean', default: false },
  },
});
const ROUNDS = Number(values.rounds);
const CACHE = join(tmpdir(), 'image-health-bench-inspect-v1');
// Real files make a realistic layer: shared libraries (large, mixed compressibility) and binaries.
const LAYERS = [
  { name: 'libs', paths: ['usr/lib/x86_64-linux-gnu'] },
  { name: 'bins', paths: ['usr/bin', 'usr/include'] },
];

const mb = n => (n / 1e6).toFixed(1);

function hashingTap(hash, counter) {
  return new Transform({
    transform(chunk, _enc, cb) {
      hash.update(chunk);
      counter.bytes += chunk.length;
      cb(null, chunk);
    },
  });
}

/** tar | gzip -6 into the layout as a blob, hashing both sides; cached across runs. */
async function buildLayer(layoutDir, layer) {
  const metaFile = join(CACHE, `${layer.name}.json`);
  if (existsSync(metaFile)) return JSON.parse(readFileSync(metaFile, 'utf8'));
  const tar = spawn(
    'tar',
    ['--sort=name', '-C', '/', '-cf', '-', ...layer.paths],
    { stdio: ['ignore', 'pipe', 'ignore'] },
  );
  const diff = createHash('sha256');
  const blob = createHash('sha256');
  const raw = { bytes: 0 };
  const gz = { bytes: 0 };
  const tmp = join(layoutDir, `${layer.name}.tmp`);
  await pipeline(
    tar.stdout,
    hashingTap(diff, raw),
    createGzip({ level: 6 }),
    hashingTap(blob, gz),
    createWriteStream(tmp),
  );
  const digest = `sha256:${blob.digest('hex')}`;
  renameSync(tmp, join(layoutDir, 'blobs', 'sha256', digest.slice(7)));
  const meta = {
    descriptor: {
      mediaType: 'application/vnd.oci.image.layer.v1.tar+gzip',
      digest,
      size: gz.bytes,
    },
    diffId: `sha256:${diff.digest('hex')}`,
    uncompressedBytes: raw.bytes,
  };
  writeFileSync(metaFile, JSON.stringify(meta));
  return meta;
}

async function buildLayout() {
  const layoutDir = join(CACHE, 'layout');
  mkdirSync(join(layoutDir, 'blobs', 'sha256'), { recursive: true });
  const layout = await new OciLayoutWriter(layoutDir).init();
  const layers = [];
  for (const layer of LAYERS) layers.push(await buildLayer(layoutDir, layer));
  await layout.image({
    tag: 'big',
    layers: [layers[0]],
    config: { User: 'bench' },
  });
  await layout.image({ tag: 'gb', layers, config: { User: 'bench' } });
  return { layoutDir, layers };
}

/**
 * Node's bare gunzip of the blob as the registry serves it: the yardstick.
 * `chunkSize` undefined is zlib's default (16 KiB); the inspector inflates
 * with 128 KiB chunks, so both are measured.
 */
async function bareGunzip(host, digest, chunkSize) {
  const started = process.hrtime.bigint();
  const cpu = process.cpuUsage();
  const res = await request(`http://${host}/v2/bench/big/blobs/${digest}`, {
    maxRedirections: 0,
  });
  let out = 0;
  await pipeline(
    res.body,
    createGunzip(chunkSize ? { chunkSize } : {}),
    new Writable({
      write(chunk, _e, cb) {
        out += chunk.length;
        cb();
      },
    }),
  );
  return {
    seconds: Number(process.hrtime.bigint() - started) / 1e9,
    cpu: cpuSeconds(process.cpuUsage(cpu)),
  };
}

/** User + system CPU of this process (all threads, so zlib's pool too). */
function cpuSeconds(usage) {
  return (usage.user + usage.system) / 1e6;
}

/** `gzip -dc | tar -t` on the same blob, for context. */
async function gzipTar(host, digest) {
  const started = process.hrtime.bigint();
  const res = await request(`http://${host}/v2/bench/big/blobs/${digest}`, {
    maxRedirections: 0,
  });
  const child = spawn('sh', ['-c', 'gzip -dc | tar -t > /dev/null'], {
    stdio: ['pipe', 'ignore', 'inherit'],
  });
  await pipeline(res.body, child.stdin);
  await new Promise(resolve => child.on('exit', resolve));
  return Number(process.hrtime.bigint() - started) / 1e9;
}

async function deepInspect(host) {
  const inspector = new ImageInspector({
    registries: [{ host, insecure: true }],
    deepAnalysis: { enabled: true, maxLayerBytes: 8e9, maxEntries: 5e6 },
  });
  const started = process.hrtime.bigint();
  const cpu = process.cpuUsage();
  const result = await inspector.inspect(`${host}/bench/big:1`, { deep: true });
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const cpuUsed = cpuSeconds(process.cpuUsage(cpu));
  await inspector.close();
  if (!result.deepAnalysis?.complete)
    throw new Error(`deep analysis incomplete: ${result.deepAnalysis?.reason}`);
  return { seconds, cpu: cpuUsed, result };
}

/** Best of N: on shared cores, the fastest round is the one least disturbed by other work. */
function best(xs) {
  return Math.min(...xs);
}

function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

async function peakRss(host) {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      [
        join(here, 'inspect-rss.cjs'),
        `${host}/bench/gb:1`,
        '--deep',
        '--format',
        'json',
        '--insecure-registry',
        host,
      ],
      {
        stdio: ['ignore', 'ignore', 'pipe'],
        cwd: join(here, '..'),
      },
    );
    let err = '';
    child.stderr.on('data', d => (err += d));
    child.on('exit', () => {
      const line = err.trim().split('\n').pop();
      try {
        const parsed = JSON.parse(line);
        if (parsed.code !== 0)
          return reject(new Error(`inspect exited ${parsed.code}: ${err}`));
        resolve(parsed.maxRssBytes);
      } catch {
        reject(new Error(`inspect-rss failed: ${err}`));
      }
    });
  });
}

async function requestCounts(host) {
  const counts = {};
  const fresh = () =>
    new ImageInspector({ registries: [{ host, insecure: true }] });
  let ins = fresh();
  await ins.inspect(`${host}/bench/gb:1`);
  counts.shallow = ins.requestStats.total;
  await ins.close();
  ins = fresh();
  await ins.resolveDigest(`${host}/bench/gb:1`);
  counts.unchangedTag = ins.requestStats.total;
  await ins.close();
  ins = fresh();
  await ins.inspect(`${host}/bench/gb:1`, { deep: true });
  counts.deep = ins.requestStats.total;
  await ins.close();
  return counts;
}

async function main() {
  requireBinaries(['docker-registry', 'skopeo', 'tar']);
  mkdirSync(CACHE, { recursive: true });
  console.log(`building the layout in ${CACHE} (cached across runs)…`);
  const { layoutDir, layers } = await buildLayout();
  const work = join(CACHE, `run-${process.pid}`);
  mkdirSync(work, { recursive: true });
  const registry = await startRegistry({
    dir: work,
    storage: join(work, 'storage'),
  });
  try {
    await pushLayout(layoutDir, 'big', `${registry.host}/bench/big:1`);
    await pushLayout(layoutDir, 'gb', `${registry.host}/bench/gb:1`);
    const big = layers[0];
    const bare = [];
    const tuned = [];
    const deep = [];
    const shell = [];
    const cpu = { bare: [], tuned: [], deep: [] };
    let files = 0;
    for (let round = 0; round < ROUNDS; round++) {
      const b = await bareGunzip(registry.host, big.descriptor.digest);
      bare.push(b.seconds);
      cpu.bare.push(b.cpu);
      const t = await bareGunzip(
        registry.host,
        big.descriptor.digest,
        128 * 1024,
      );
      tuned.push(t.seconds);
      cpu.tuned.push(t.cpu);
      const d = await deepInspect(registry.host);
      deep.push(d.seconds);
      cpu.deep.push(d.cpu);
      files = d.result.deepAnalysis.files;
      shell.push(await gzipTar(registry.host, big.descriptor.digest));
      console.log(
        `round ${round + 1}: gunzip ${bare
          .at(-1)
          .toFixed(2)} s, gunzip 128K ${tuned.at(-1).toFixed(2)} s, deep ${deep
          .at(-1)
          .toFixed(2)} s, gzip|tar ${shell.at(-1).toFixed(2)} s`,
      );
    }
    const compressed = big.descriptor.size;
    const rate = s => compressed / s / 1e6;
    const bareRate = rate(best(bare));
    const tunedRate = rate(best(tuned));
    const deepRate = rate(best(deep));
    const shellRate = rate(best(shell));
    const medianRatio = median(bare) / median(deep);
    // CPU seconds barely move with other people's load: the steadier comparison.
    const cpuRate = xs => compressed / best(xs) / 1e6;
    const rss = await peakRss(registry.host);
    const counts = await requestCounts(registry.host);
    const gbCompressed = layers.reduce((s, l) => s + l.descriptor.size, 0);
    const gbUncompressed = layers.reduce((s, l) => s + l.uncompressedBytes, 0);
    const ratio = deepRate / bareRate;
    const tunedRatio = deepRate / tunedRate;
    const date = new Date().toISOString().slice(0, 10);
    const text = [
      '## Image inspection',
      '',
      `Measured ${date} by \`node bench/inspect.bench.mjs\` on ${
        cpus().length
      } shared cores (${cpus()[0]?.model ?? 'unknown CPU'}), Node ${
        process.version
      }, against Debian's docker-registry (distribution 2.8) on 127.0.0.1. Best of ${ROUNDS} alternating rounds (the load average was ${loadavg()[0].toFixed(
        1,
      )} when the run ended, so single rounds vary by ±40 %); rates are MB of compressed input per second.`,
      '',
      `Large layer: \`/usr/lib/x86_64-linux-gnu\` as one gzip -6 layer, ${mb(
        compressed,
      )} MB compressed, ${mb(
        big.uncompressedBytes,
      )} MB uncompressed, ${files} files.`,
      '',
      '| pipeline on the same blob, same run | wall rate (MB/s) | vs bare gunzip | MB per CPU-second | vs bare gunzip |',
      '|---|---:|---:|---:|---:|',
      `| Node \`zlib.createGunzip()\` (default 16 KiB chunks), output discarded — the yardstick | ${bareRate.toFixed(
        1,
      )} | 1.00× | ${cpuRate(cpu.bare).toFixed(1)} | 1.00× |`,
      `| Node \`zlib.createGunzip({ chunkSize: 128 KiB })\`, output discarded (the inspector's zlib setting) | ${tunedRate.toFixed(
        1,
      )} | ${(tunedRate / bareRate).toFixed(2)}× | ${cpuRate(cpu.tuned).toFixed(
        1,
      )} | ${(cpuRate(cpu.tuned) / cpuRate(cpu.bare)).toFixed(2)}× |`,
      `| **deep analysis**: HTTP + sha256 digest check + gunzip + tar headers + merged tree + findings | **${deepRate.toFixed(
        1,
      )}** | **${ratio.toFixed(2)}×** | **${cpuRate(cpu.deep).toFixed(
        1,
      )}** | **${(cpuRate(cpu.deep) / cpuRate(cpu.bare)).toFixed(2)}×** |`,
      `| \`gzip -dc \\| tar -t\` (separate processes, CPU not counted) | ${shellRate.toFixed(
        1,
      )} | ${(shellRate / bareRate).toFixed(2)}× | | |`,
      '',
      `Target: deep analysis ≥ 0.8× bare gunzip — ${
        ratio >= 0.8 ? 'met' : 'NOT met'
      } (${ratio.toFixed(2)}× the default gunzip; ${tunedRatio.toFixed(
        2,
      )}× the same gunzip with the inspector's 128 KiB chunks, the stricter comparison; ${medianRatio.toFixed(
        2,
      )}× the default gunzip on medians; per CPU-second ${(
        cpuRate(cpu.deep) / cpuRate(cpu.bare)
      ).toFixed(2)}× the default and ${(
        cpuRate(cpu.deep) / cpuRate(cpu.tuned)
      ).toFixed(2)}× the 128 KiB gunzip).`,
      '',
      `Peak RSS of \`image-health inspect --deep --format json\` (fresh process, TypeScript loaded through Backstage's node transform) on a ${mb(
        gbUncompressed,
      )} MB image (${mb(gbCompressed)} MB compressed, ${
        layers.length
      } layers): **${mb(rss)} MB** (target < 250 MB — ${
        rss < 250e6 ? 'met' : 'NOT met'
      }).`,
      '',
      `Requests: shallow inspect ${counts.shallow} (manifest, config); unchanged tag re-checked ${counts.unchangedTag} (HEAD); deep inspect ${counts.deep} (manifest, config, one per layer).`,
      '',
      'How: every layer is streamed once from the socket to a worker thread, which hashes it, inflates it and parses the tar headers in place (contents are skipped, never copied); one more thread merges the layers\' entries in order (see "Deep analysis off the event loop"). Nothing touches disk and only a few MiB per layer are in flight.',
    ].join('\n');
    console.log(`\n${text}\n`);
    if (!values['no-write'])
      writeSection('image-inspection', 'bench/inspect.bench.mjs', text);
  } finally {
    await registry.stop();
    execFileSync('rm', ['-rf', work]);
  }
}

main().catch(error => {
  console.error(error);
  process.exit(1);
});
