#!/usr/bin/env node
// Bundles the CLI into dist-cli/ so `image-health` starts without compiling
// TypeScript or resolving hundreds of modules: lint loads one CommonJS file.
// `inspect` (registry client, tar, zstd) goes into its own file, loaded only
// when that command runs. npm dependencies stay external; workspace packages
// (TypeScript sources) are bundled.
import { build } from 'esbuild';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const pkg = JSON.parse(
  fs.readFileSync(path.join(root, 'package.json'), 'utf8'),
);
const external = Object.keys(pkg.dependencies ?? {}).filter(
  name => !name.startsWith('@image-health/'),
);
const outdir = path.join(root, 'dist-cli');

const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  external,
  absWorkingDir: root,
  logLevel: 'warning',
  legalComments: 'none',
  sourcemap: false,
};

fs.rmSync(outdir, { recursive: true, force: true });
await build({
  ...common,
  entryPoints: ['src/cli/main.ts'],
  outfile: path.join(outdir, 'image-health.cjs'),
  plugins: [
    {
      name: 'inspect-apart',
      setup(b) {
        b.onResolve({ filter: /^\.\/(inspect|scan)$/ }, args => ({
          path: `${args.path}.cjs`,
          external: true,
        }));
      },
    },
  ],
});
for (const command of ['inspect', 'scan']) {
  await build({
    ...common,
    entryPoints: [`src/cli/${command}.ts`],
    outfile: path.join(outdir, `${command}.cjs`),
  });
}
process.stdout.write(
  `built ${path.relative(process.cwd(), outdir) || outdir}\n`,
);
