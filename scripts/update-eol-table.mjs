#!/usr/bin/env node
// Regenerates plugins/image-health-node/src/rules/base-image/endOfLifeTable.ts
// from endoflife.date's public API. Run by hand by a maintainer on a machine
// with internet access (`node scripts/update-eol-table.mjs`), review the diff,
// run the engine's tests, commit. Tests and scans only ever read the shipped
// table: nothing fetches end-of-life data at run time.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const TABLE = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '../plugins/image-health-node/src/rules/base-image/endOfLifeTable.ts',
);
const API = 'https://endoflife.date/api';

// Our product key → endoflife.date id. Which cycles to keep: the shipped table's
// (the engine's tag readers know those spellings), plus any newer cycle.
const PRODUCTS = {
  node: 'nodejs',
  python: 'python',
  golang: 'go',
  ruby: 'ruby',
  php: 'php',
  'eclipse-temurin': 'eclipse-temurin',
  amazoncorretto: 'amazon-corretto',
  dotnet: 'dotnet',
  debian: 'debian',
  ubuntu: 'ubuntu',
  alpine: 'alpine-linux',
  centos: 'centos',
  rockylinux: 'rocky-linux',
  almalinux: 'almalinux',
  nginx: 'nginx',
  postgres: 'postgresql',
  mysql: 'mysql',
  redis: 'redis',
};
// Debian LTS ships in the archive the images use: its end is the one that counts.
const USE_EXTENDED_SUPPORT = new Set(['debian']);

function dateOf(value) {
  return typeof value === 'string' && /^\d{4}-\d\d-\d\d$/.test(value)
    ? value
    : null;
}

function cycleOf(product, entry) {
  let cycle = String(entry.cycle);
  // .NET's cycles are `8.0`; endoflife.date writes `8.0` too, Debian `12`.
  if (product === 'dotnet' && !cycle.includes('.')) cycle = `${cycle}.0`;
  const eol = USE_EXTENDED_SUPPORT.has(product)
    ? dateOf(entry.extendedSupport) ?? dateOf(entry.eol)
    : dateOf(entry.eol);
  // `eol: false` is a supported cycle without a fixed end; `true` without a date is unusable.
  if (eol === null && entry.eol !== false) return undefined;
  const out = { cycle, eol };
  if (entry.lts) out.lts = true;
  return out;
}

const today = new Date().toISOString().slice(0, 10);
const lines = [];
for (const [product, source] of Object.entries(PRODUCTS)) {
  const res = await fetch(`${API}/${source}.json`);
  if (!res.ok) throw new Error(`${source}: HTTP ${res.status}`);
  const cycles = (await res.json())
    .map(entry => cycleOf(product, entry))
    .filter(Boolean)
    .sort((a, b) => a.cycle.localeCompare(b.cycle, 'en', { numeric: true }));
  lines.push(`  ${/^[a-z]+$/.test(product) ? product : `'${product}'`}: {`);
  lines.push(`    source: '${source}',`);
  lines.push('    cycles: [');
  for (const c of cycles)
    lines.push(
      `      { cycle: '${c.cycle}', eol: ${c.eol ? `'${c.eol}'` : 'null'}${
        c.lts ? ', lts: true' : ''
      } },`,
    );
  lines.push('    ],');
  lines.push('  },');
}

const text = fs.readFileSync(TABLE, 'utf8');
const start = text.indexOf('export const END_OF_LIFE_TABLE_DATE');
fs.writeFileSync(
  TABLE,
  `${text.slice(0, start)}export const END_OF_LIFE_TABLE_DATE = '${today}';

export const END_OF_LIFE_TABLE: Record<string, EndOfLifeProduct> = {
${lines.join('\n')}
};
`,
);
console.log(
  `wrote ${TABLE} (${Object.keys(PRODUCTS).length} products, ${today})`,
);
