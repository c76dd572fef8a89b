// What the benchmarks share: the engine's modules loaded from source, and
// the rewriting of a benchmark's own section of BENCHMARKS.md.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
require('@backstage/cli/config/nodeTransform.cjs');
const src = '../plugins/image-health-node/src';

/** The engine and its test helpers (docker-registry on loopback, OCI layouts), from TypeScript source. */
export const engine = {
  ...require(`${src}/image/index.ts`),
  ...require(`${src}/testing/registry.ts`),
  ...require(`${src}/testing/fixtures.ts`),
  ...require(`${src}/testing/binaries.ts`),
};
export const { request } = require('undici');

/**
 * Replaces the section between `<!-- name:start (written by script) -->` and
 * `<!-- name:end -->` of BENCHMARKS.md, or adds it after the `after` marker
 * (at the end when absent).
 */
export function writeSection(name, script, text, after) {
  const file = join(
    dirname(fileURLToPath(import.meta.url)),
    '..',
    'BENCHMARKS.md',
  );
  const START = `<!-- ${name}:start (written by ${script}) -->`;
  const END = `<!-- ${name}:end -->`;
  const block = `${START}\n${text}\n${END}`;
  let doc = existsSync(file) ? readFileSync(file, 'utf8') : '# Benchmarks\n';
  if (doc.includes(START) && doc.includes(END)) {
    doc =
      doc.slice(0, doc.indexOf(START)) +
      block +
      doc.slice(doc.indexOf(END) + END.length);
  } else if (after && doc.includes(after)) {
    doc = doc.replace(after, `${after}\n\n${block}`);
  } else {
    doc = `${doc.trimEnd()}\n\n${block}\n`;
  }
  writeFileSync(file, doc);
}
