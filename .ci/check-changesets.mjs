#!/usr/bin/env node
/* eslint-disable no-console -- a CI check: the console is its output */
// Fails when a published package's shipped files changed since main and no
// changeset in .changeset/ names the package (.changeset/README.md).
//   node .ci/check-changesets.mjs [base-ref]   (default: main)
import { execFileSync } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

const base = process.argv[2] ?? 'main';
const git = (...args) => execFileSync('git', args, { encoding: 'utf8' }).trim();

const mergeBase = git('merge-base', base, 'HEAD');
const changed = git('diff', '--name-only', mergeBase, 'HEAD')
  .split('\n')
  .filter(Boolean);

// What a user of the package runs: its code, schema, migrations and manifest;
// tests and docs change nothing they install.
const SHIPPED =
  /^(src\/|bin\/|migrations\/|config\.d\.ts$|openapi\.yaml$|package\.json$)/;
const TEST_ONLY = /(\.test\.[cm]?[jt]sx?$|__testUtils__\/|\/testing\/)/;

const published = readdirSync('plugins', { withFileTypes: true })
  .filter(d => d.isDirectory())
  .map(d => {
    const dir = join('plugins', d.name);
    try {
      const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
      return pkg.private ? undefined : { dir, name: pkg.name };
    } catch {
      return undefined;
    }
  })
  .filter(Boolean);

const changedPackages = published.filter(({ dir }) =>
  changed.some(file => {
    if (!file.startsWith(`${dir}/`)) return false;
    const inside = file.slice(dir.length + 1);
    return SHIPPED.test(inside) && !TEST_ONLY.test(inside);
  }),
);

// A changeset's front matter lists the packages it bumps: 'name': bump
const named = new Set();
for (const file of readdirSync('.changeset')) {
  if (!file.endsWith('.md') || file === 'README.md') continue;
  const text = readFileSync(join('.changeset', file), 'utf8');
  const frontMatter = text.match(/^---\n([\s\S]*?)\n---/);
  for (const line of frontMatter?.[1].split('\n') ?? []) {
    const name = line.match(/^\s*['"]?([^'":\s]+)['"]?\s*:/)?.[1];
    if (name) named.add(name);
  }
}

const missing = changedPackages.filter(({ name }) => !named.has(name));
if (missing.length) {
  console.error(
    `changed since ${base} without a changeset: ${missing
      .map(p => p.name)
      .join(', ')}\nadd one with: yarn changeset`,
  );
  process.exit(1);
}
console.log(
  changedPackages.length
    ? `every changed package has a changeset: ${changedPackages
        .map(p => p.name)
        .join(', ')}`
    : `no published package changed since ${base}`,
);
