#!/usr/bin/env node
// Deep analysis off the event loop (issue 12): a ~1 GB multi-layer image
// (incompressible and compressible files, small files for the tar parser) is
// pushed to a docker-registry on loopback and deep-scanned while
// perf_hooks.monitorEventLoopDelay watches this process's event loop; in the
// same run, the layers analysed in parallel are timed against one stream
// gunzipping the same blobs one after another. Writes the "Deep analysis
// off the event loop" section of BENCHMARKS.md.
// usage: yarn bench layers [-- --rounds 2] (or node bench/layers.bench.mjs [--rounds 2] [--no-write])
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import {
  existsSync,
  mkdirSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { availableParallelism, cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { parseArgs } from 'node:util';
import { createGunzip } from 'node:zlib';

import { engine, request, writeSection } from './lib.mjs';

const {
  ImageInspector,
  startRegistry,
  OciLayoutWriter,
  pushLayout,
  requireBinaries,
} = engine;

const { values } = parseArgs({
  options: {
    rounds: { type: 'string', default: '2' },
    'no-write': { type: 'boolean', default: false },
  },
});
const ROUNDS = Number(values.rounds);
const CACHE = join(tmpdir(), 'image-health-bench-layers-v1');
/** 4 layers of ~256 MB: 96 MB random, 128 MB of text-like bytes, 4000 small files. */
const LAYERS = 4;
const RANDOM_FILES = 48;
const TEXT_FILES = 64;
const FILE_BYTES = 2 * 1024 * 1024;
const SMALL_FILES = 4000;

const mb = n => (n / 1e6).toFixed(0);
const ms = n => n.toFixed(0);

function sh(script) {
  return execFileSync('sh', ['-c', script], { encoding: 'utf8' }).trim();
}

/** Bytes over a small alphabet: gzip -6 shrinks them about 2.5 times, as text and code do. */
function textBytes(size) {
  const alphabet = Buffer.from('etaoin shrdlu\n{};=()');
  const out = randomBytes(size);
  for (let i = 0; i < size; i++) out[i] = alphabet[out[i] % alphabet.length];
  return out;
}

/** One layer: files written to disk, tarred, gzip -6; cached across runs. */
function buildLayer(layoutDir, index) {
  const metaFile = join(CACHE, `layer-${index}.json`);
  if (existsSync(metaFile)) return JSON.parse(readFileSync(metaFile, 'utf8'));
  const root = join(CACHE, `layer-${index}`);
  rmSync(root, { recursive: true, force: true });
  for (const dir of ['opt/data', 'usr/share/text', 'srv/small'])
    mkdirSync(join(root, `${dir}${index}`), { recursive: true });
  for (let i = 0; i < RANDOM_FILES; i++)
    writeFileSync(
      join(root, `opt/data${index}/blob-${i}.bin`),
      randomBytes(FILE_BYTES),
    );
  for (let i = 0; i < TEXT_FILES; i++)
    writeFileSync(
      join(root, `usr/share/text${index}/part-${i}.txt`),
      textBytes(FILE_BYTES),
    );
  for (let i = 0; i < SMALL_FILES; i++)
    writeFileSync(
      join(root, `srv/small${index}/f-${i}.conf`),
      textBytes(200 + (i % 800)),
    );
  const tar = join(CACHE, `layer-${index}.tar`);
  sh(
    `tar --sort=name --numeric-owner --owner=0 --group=0 --mtime=@0 -C '${root}' -cf '${tar}' .`,
  );
  const uncompressedBytes = Number(sh(`stat -c %s '${tar}'`));
  const diffId = `sha256:${sh(`sha256sum '${tar}' | cut -d' ' -f1`)}`;
  const gz = `${tar}.gz`;
  sh(`gzip -6 -n -c '${tar}' > '${gz}'`);
  const digest = `sha256:${sh(`sha256sum '${gz}' | cut -d' ' -f1`)}`;
  const size = Number(sh(`stat -c %s '${gz}'`));
  renameSync(gz, join(layoutDir, 'blobs', 'sha256', digest.slice(7)));
  rmSync(tar);
  rmSync(root, { recursive: true, force: true });
  const meta = {
    descriptor: {
      mediaType: 'application/vnd.oci.image.layer.v1.tar+gzip',
      digest,
      size,
    },
    diffId,
    uncompressedBytes,
  };
  writeFileSync(metaFile, JSON.stringify(meta));
  return meta;
}

async function buildLayout() {
  const layoutDir = join(CACHE, 'layout');
  mkdirSync(join(layoutDir, 'blobs', 'sha256'), { recursive: true });
  const layout = await new OciLayoutWriter(layoutDir).init();
  const layers = [];
  for (let i = 0; i < LAYERS; i++) layers.push(buildLayer(layoutDir, i));
  await layout.image({ tag: 'gb', layers, config: { User: 'bench' } });
  return { layoutDir, layers };
}

/** One stream: every blob of the image fetched and gunzipped in turn, output discarded. */
async function singleStreamGunzip(host, layers) {
  const started = performance.now();
  for (const layer of layers) {
    const res = await request(
      `http://${host}/v2/bench/gb/blobs/${layer.descriptor.digest}`,
      {
        maxRedirections: 0,
      },
    );
    await pipeline(
      res.body,
      createGunzip(),
      new Writable({
        write(_chunk, _e, cb) {
          cb();
        },
      }),
    );
  }
  return (performance.now() - started) / 1000;
}

/** The same monitor over an idle event loop: what the machine's other work alone costs. */
async function idleLoop(seconds) {
  const delay = monitorEventLoopDelay({ resolution: 10 });
  delay.enable();
  await new Promise(resolve => setTimeout(resolve, seconds * 1000));
  delay.disable();
  return { p99: delay.percentile(99) / 1e6, max: delay.max / 1e6 };
}

/** `inspect --deep` on this process, its event loop watched at 10 ms resolution. */
async function deepScan(host, parallelLayers) {
  const inspector = new ImageInspector({
    registries: [{ host, insecure: true }],
    deepAnalysis: { enabled: true, parallelLayers },
  });
  const delay = monitorEventLoopDelay({ resolution: 10 });
  delay.enable();
  const started = performance.now();
  const result = await inspector.inspect(`${host}/bench/gb:1`, { deep: true });
  const seconds = (performance.now() - started) / 1000;
  delay.disable();
  await inspector.close();
  if (!result.deepAnalysis?.complete)
    throw new Error(`deep analysis incomplete: ${result.deepAnalysis?.reason}`);
  return {
    seconds,
    files: result.deepAnalysis.files,
    p50: delay.percentile(50) / 1e6,
    p99: delay.percentile(99) / 1e6,
    max: delay.max / 1e6,
  };
}

async function main() {
  requireBinaries(['docker-registry', 'skopeo', 'tar', 'gzip', 'sha256sum']);
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
    await pushLayout(layoutDir, 'gb', `${registry.host}/bench/gb:1`);
    const runs = { gunzip: [], parallel: [], serial: [] };
    const idle = await idleLoop(20);
    for (let round = 0; round < ROUNDS; round++) {
      runs.gunzip.push(await singleStreamGunzip(registry.host, layers));
      runs.parallel.push(await deepScan(registry.host, undefined));
      runs.serial.push(await deepScan(registry.host, 1));
      console.log(
        `round ${round + 1}: single-stream gunzip ${runs.gunzip
          .at(-1)
          .toFixed(1)} s, ` +
          `deep (parallel) ${runs.parallel
            .at(-1)
            .seconds.toFixed(1)} s (loop p99 ${ms(
            runs.parallel.at(-1).p99,
          )} ms, max ${ms(runs.parallel.at(-1).max)} ms), ` +
          `deep (1 layer at a time) ${runs.serial.at(-1).seconds.toFixed(1)} s`,
      );
    }
    // Best of N: on shared cores, the fastest round is the one least disturbed by other work.
    const gunzip = Math.min(...runs.gunzip);
    const fastest = list =>
      list.reduce((a, b) => (b.seconds < a.seconds ? b : a));
    const parallel = fastest(runs.parallel);
    const serial = fastest(runs.serial);
    const worst = key =>
      Math.max(...[...runs.parallel, ...runs.serial].map(r => r[key]));
    const compressed = layers.reduce((s, l) => s + l.descriptor.size, 0);
    const uncompressed = layers.reduce((s, l) => s + l.uncompressedBytes, 0);
    const speedup = gunzip / parallel.seconds;
    const loopOk = worst('p99') <= 200 && worst('max') <= 200;
    const date = new Date().toISOString().slice(0, 10);
    const text = [
      '## Deep analysis off the event loop',
      '',
      `Measured ${date} by \`yarn bench layers\` (bench/layers.bench.mjs) on ${availableParallelism()} shared cores (${
        cpus()[0]?.model ?? 'unknown CPU'
      }), Node ${
        process.version
      }, against Debian's docker-registry on 127.0.0.1; best of ${ROUNDS} rounds; load average ${loadavg()
        .map(l => l.toFixed(1))
        .join(' ')} when the run ended (other work shared the cores).`,
      '',
      `Image: ${LAYERS} gzip -6 layers, ${mb(
        uncompressed,
      )} MB uncompressed, ${mb(compressed)} MB compressed, ${
        parallel.files
      } files (per layer ${RANDOM_FILES} × 2 MiB random, ${TEXT_FILES} × 2 MiB text-like, ${SMALL_FILES} small files).`,
      '',
      '| pipeline, same image, same run | seconds | vs single-stream gunzip | event loop p50 / p99 / max (ms) |',
      '|---|---:|---:|---:|',
      `| Node \`zlib.createGunzip()\` over every blob in turn, output discarded — the yardstick | ${gunzip.toFixed(
        1,
      )} | 1.00× | |`,
      `| **deep analysis**, layers in parallel (default: ${Math.min(
        availableParallelism(),
        4,
      )} reader threads + 1 tree thread) | **${parallel.seconds.toFixed(
        1,
      )}** | **${speedup.toFixed(2)}×** | ${ms(parallel.p50)} / ${ms(
        parallel.p99,
      )} / ${ms(parallel.max)} |`,
      `| deep analysis, one layer at a time (\`parallelLayers: 1\`) | ${serial.seconds.toFixed(
        1,
      )} | ${(gunzip / serial.seconds).toFixed(2)}× | ${ms(serial.p50)} / ${ms(
        serial.p99,
      )} / ${ms(serial.max)} |`,
      '',
      `Event loop of the scanning process (perf_hooks.monitorEventLoopDelay, 10 ms resolution), worst over every deep round: p99 ${ms(
        worst('p99'),
      )} ms, max ${ms(worst('max'))} ms — target ≤ 200 ms ${
        loopOk ? 'met' : 'NOT met'
      }. The same monitor over this process idle for 20 s just before (the machine's other work alone): p99 ${ms(
        idle.p99,
      )} ms, max ${ms(idle.max)} ms.`,
      `Parallel layers vs single-stream gunzip: ${speedup.toFixed(
        2,
      )}× — target ≥ 1.6× ${
        speedup >= 1.6 ? 'met' : 'NOT met'
      }. Deep analysis does more than the yardstick (sha256 of every blob, tar headers, the merged tree, findings), so the ratio is bounded by the cores free for it.`,
      '',
      'How: the main thread only moves downloaded bytes to worker threads (at most 4 MiB in flight per layer); each reader thread hashes, decompresses and parses one layer at a time and hands the entries to a tree thread that merges the layers in order (plugins/image-health-node/src/layers/).',
    ].join('\n');
    console.log(`\n${text}\n`);
    if (!values['no-write'])
      writeSection(
        'deep-layers',
        'bench/layers.bench.mjs',
        text,
        '<!-- image-inspection:end -->',
      );
  } finally {
    await registry.stop();
    rmSync(work, { recursive: true, force: true });
  }
}

main().catch(error => {
  console.error(error);
  process.exit(1);
});
