// Renders bench/builds.sh results (JSON lines) as the "Real builds" section of
// BENCHMARKS.md, replacing only the text between this section's markers.
// usage: node builds-table.mjs <results dir with <pair>.jsonl files> <BENCHMARKS.md>
import { execSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const [resultsDir, benchmarksFile] = process.argv.slice(2);
const START = '<!-- real-builds:start (written by yarn bench:builds) -->';
const END = '<!-- real-builds:end -->';

// What the seed guide (shared/seed/000_e8fad7694b621b45.txt) claims per case.
const SEED_CLAIMS = {
  go: 'image 950 MB → 8 MB; first build 60 s → 50 s; incremental 60 s → 5 s',
  node: 'image 1.2 GB → 150 MB; build 120 s → 15 s',
  python: 'image 1.1 GB → 280 MB (FastAPI case); build 180 s → 25 s',
  apt: 'merging RUNs: fewer layers, image 30–50 % smaller',
};
const PAIR_TITLES = { go: 'Go', node: 'Node.js', python: 'Python', apt: 'apt layers' };

const rows = readdirSync(resultsDir)
  .filter(f => f.endsWith('.jsonl'))
  .flatMap(f => readFileSync(join(resultsDir, f), 'utf8').split('\n'))
  .filter(Boolean)
  .map(line => JSON.parse(line));

function bytes(n) {
  const units = ['B', 'kB', 'MB', 'GB'];
  let value = n;
  let unit = 0;
  while (value >= 1000 && unit < units.length - 1) {
    value /= 1000;
    unit += 1;
  }
  return `${value >= 100 || unit === 0 ? value.toFixed(0) : value.toFixed(1)} ${units[unit]}`;
}
const change = (a, b) => `${(((b - a) / a) * 100).toFixed(1)} %`;
const seconds = s => (s === null || s === undefined ? 'not measured' : `${Number(s).toFixed(1)} s`);
const score = s =>
  s && s.value !== null && s.value !== undefined ? `${Math.round(s.value)} (${s.grade})` : 'n/a';

function sh(cmd) {
  try {
    return execSync(cmd, { encoding: 'utf8' }).trim();
  } catch {
    return 'unavailable';
  }
}

const table = [
  '| example pair (before → after) | size, uncompressed | compressed (pushed) | layers | full build, cold | rebuild after a one-line source change | score | the seed claims | measured (UTC), minutes |',
  '|---|---|---|---|---|---|---|---|---|',
];
for (const pair of ['go', 'node', 'python', 'apt']) {
  const before = rows.find(r => r.pair === pair && r.role === 'before');
  const after = rows.find(r => r.pair === pair && r.role === 'after');
  if (!before || !after) continue;
  const speedup = (before.rebuildSeconds / after.rebuildSeconds).toFixed(1);
  table.push(
    `| ${PAIR_TITLES[pair]}: \`${before.dir}\` → \`${after.dir}\` ` +
      `| ${bytes(before.sizeBytes)} → **${bytes(after.sizeBytes)}** (${change(before.sizeBytes, after.sizeBytes)}) ` +
      `| ${bytes(before.compressedBytes)} → ${bytes(after.compressedBytes)} ` +
      `| ${before.layers} → **${after.layers}** ` +
      `| ${seconds(before.fullSeconds)} → ${seconds(after.fullSeconds)} ` +
      `| ${seconds(before.rebuildSeconds)} → **${seconds(after.rebuildSeconds)}** (${speedup}×; edits \`${before.editedFile}\`) ` +
      `| ${score(before.score)} → ${score(after.score)} ` +
      `| ${SEED_CLAIMS[pair]} ` +
      `| ${before.measuredAt.slice(0, 16).replace('T', ' ')}, ${before.pairMinutes} min |`,
  );
}

const machine = [
  `- CPU: ${sh("lscpu | sed -n 's/^Model name: *//p' | head -1")}, \`nproc\` = ${sh('nproc')} (shared with other work while measured)`,
  `- Memory: ${sh("free -h | awk '/^Mem:/ { print $2 }'")} (\`free -h\`); OS: ${sh(". /etc/os-release && echo $PRETTY_NAME")}, kernel ${sh('uname -r')}`,
  `- buildah ${sh("buildah --version | awk '{ print $3 }'")} (root, \`--isolation chroot\`, vfs storage, \`--format docker\`, \`--layers\`), Debian docker-registry ${sh("docker-registry --version | awk '{ print $3 }'")} on 127.0.0.1:5000`,
];

const section = `${START}
Measured by \`yarn bench:builds\` (bench/builds.sh; \`bench/builds.sh go\` re-measures one pair). The last column is when each pair was measured and how many minutes its four builds took, with the base images already in the registry; on a fresh machine \`yarn demo:images\` first builds the bases (see below).

${machine.join('\n')}

${table.join('\n')}

How to read it:
- **Base images are local stand-ins**, not Docker Hub's (no public registry is reachable here): \`debian:bookworm(-slim)\` from \`debootstrap --variant=minbase\`; \`golang:1.21\`, \`node:18\` and \`python:3.11\` are a trimmed buildpack-deps (curl, git, gcc and common -dev libraries) plus Debian bookworm's Go **1.19**, Node.js 18 and Python 3.11; \`golang:1.21-alpine\` is bookworm-slim plus Go 1.19; \`node:18-alpine\` is busybox plus Debian's node and npm on scratch (not musl); \`python:3.11-slim\` is bookworm-slim plus Python. Their sizes differ from Docker Hub's (demo/README.md lists both: e.g. our \`golang:1.21\`, carrying Debian's full Go tree, is larger than Hub's ~814 MB, our \`python:3.11\` smaller than Hub's ~1 GB), so compare ratios with the seed's, not absolute sizes.
- **size** is the sum of the image's uncompressed layers, which is what \`docker images\` and the seed's tables report; **compressed** is what the registry stores and a pull downloads.
- **full build, cold**: \`buildah bud --no-cache\` with empty cache-mount directories; base images already pulled.
- **rebuild**: the same build again after appending one comment line to the edited file, with the layer cache and the cache mounts warm. The "before" Dockerfiles copy all sources before installing dependencies, the "after" ones copy the dependency manifests first and use \`RUN --mount=type=cache\`. **These times are dominated by vfs, not by the build work**: vfs storage copies and diffs the whole root filesystem for every step it commits, which on this shared 2-core machine costs one to three minutes per step on the 0.5–1.2 GB toolchain images, while the compile or install inside the step is a small part of it. Both Go Dockerfiles re-run the same number of large-image steps after a source change (\`COPY . .\`, \`go build\`, …), so their rebuilds come out alike here; with overlayfs (Docker/BuildKit, or buildah with the overlay driver) those commits are near-free and the difference is the cached compile. Treat the time columns as what this setup measures, not as a reproduction of the seed's seconds.
- The Go and Node examples have no third-party dependencies, so there is nothing for the dependency-first order to keep cached (the seed's Go case saves its module downloads); the Python pair (flask, gunicorn, numpy) is where it can show.
- Python wheels come from a loopback index made of Debian bookworm's own packages (demo/wheelhouse.py), because PyPI is unreachable; hence the example pins Debian's versions (flask 2.2.2, gunicorn 20.1.0, numpy 1.24.2).
- **score**: \`image-health scan --dockerfile … --image … --format json\` on the built image; "n/a" where the CLI did not have \`scan\` yet when this ran.
${END}`;

let doc = existsSync(benchmarksFile) ? readFileSync(benchmarksFile, 'utf8') : '# Benchmarks\n';
if (doc.includes(START) && doc.includes(END)) {
  doc = doc.slice(0, doc.indexOf(START)) + section + doc.slice(doc.indexOf(END) + END.length);
} else {
  doc = `${doc.trimEnd()}\n\n## Real builds\n\n${section}\n`;
}
writeFileSync(benchmarksFile, doc);
