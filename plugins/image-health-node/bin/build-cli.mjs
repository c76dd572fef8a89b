#!/usr/bin/env node
// Bundles the CLI into dist-cli/ so `image-health` starts without compiling
// TypeScript or resolving hundreds of modules: lint loads one CommonJS file.
// `inspect` (registry client, tar, zstd) goes into its own file, loaded only
// when that command runs. npm dependencies stay external; workspace packages
// (TypeScript sources) are bundled. Then a V8 code cache for the main bundle
// is written beside it (bin/image-health loads the bundle through it).
import { build } from 'esbuild';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
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
// Built beside it, then moved in file by file (a rename replaces a file
// atomically): a CLI started meanwhile — tests rebuild the bundle while
// another process runs it — finds every file, old or new, never a gap.
const staging = fs.mkdtempSync(path.join(root, '.dist-cli-'));

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
  // ES module builds first, so what the CLI does not use is left out: through
  // their CommonJS builds, -common's Backstage permission helpers pulled
  // zod, node-fetch, tr46 and iconv-lite's tables into the lint bundle
  // (1.5 MB instead of 0.5 MB, 115 ms of its start-up).
  mainFields: ['module', 'main'],
};

await build({
  ...common,
  entryPoints: ['src/cli/main.ts'],
  outfile: path.join(staging, 'image-health.cjs'),
  // `import('./inspect.cjs')` becomes a require: a function that V8 restores
  // from a code cache has no dynamic-import callback (Node 20), so a real
  // import() there would fail.
  supported: { 'dynamic-import': false },
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
    outfile: path.join(staging, `${command}.cjs`),
  });
}
fs.mkdirSync(outdir, { recursive: true });
const built = fs.readdirSync(staging);
for (const file of built)
  fs.renameSync(path.join(staging, file), path.join(outdir, file));
fs.rmSync(staging, { recursive: true, force: true });
for (const file of fs.readdirSync(outdir))
  if (!built.includes(file) && !file.endsWith('.v8-cache'))
    fs.rmSync(path.join(outdir, file), { recursive: true, force: true });
/**
 * Writes the V8 code cache of the main bundle after warm-up lint runs, so it
 * also holds the functions linting needs (V8 compiles a function only when it
 * is first called). Never fails the build: without a cache, bin/image-health
 * loads the bundle with plain require.
 */
async function makeCodeCache() {
  const require = createRequire(import.meta.url);
  const loaderFile = require.resolve('./image-health');
  const loader = require(loaderFile);
  let warmupDir;
  try {
    warmupDir = fs.mkdtempSync(path.join(os.tmpdir(), 'image-health-warmup-'));
    const source = fs.readFileSync(loader.bundle, 'utf8');
    const stat = fs.statSync(loader.bundle);
    const script = loader.compileBundle(source, undefined);
    const cli = loader.runBundle(script);
    const files = warmupDockerfiles(warmupDir);
    const io = { stdout() {}, stderr() {}, cwd: warmupDir };
    for (const format of ['text', 'json', 'sarif']) {
      await cli.main(
        ['lint', '--fail-on', 'none', '--format', format, ...files],
        io,
      );
    }
    const data = script.createCachedData();
    const partial = `${loader.codeCache}.${process.pid}`;
    fs.writeFileSync(
      partial,
      Buffer.concat([Buffer.from(loader.cacheHeader(stat), 'latin1'), data]),
    );
    fs.renameSync(partial, loader.codeCache);
    // A fresh node (this binary, no extra V8 flags) must accept it.
    const check = spawnSync(
      process.execPath,
      [
        '-e',
        `process.stdout.write(require(${JSON.stringify(
          loaderFile,
        )}).loadCli().how)`,
      ],
      { encoding: 'utf8' },
    );
    if (check.stdout !== 'code cache') {
      fs.rmSync(loader.codeCache, { force: true });
      return `no V8 code cache: a fresh node did not use it (${
        check.stdout || check.stderr.split('\n')[0]
      })`;
    }
    return `V8 code cache ${Math.round(data.length / 1024)} kB`;
  } catch (error) {
    fs.rmSync(loader.codeCache, { force: true });
    return `no V8 code cache: ${
      error && error.message ? error.message : error
    }`;
  } finally {
    if (warmupDir) fs.rmSync(warmupDir, { recursive: true, force: true });
  }
}

// Written for the warm-up only: most instruction kinds, several stages and
// package managers, and lines that trigger many rules.
const WARMUP_DOCKERFILE = `# syntax=docker/dockerfile:1
ARG BASE=python:3.12-slim
FROM --platform=$BUILDPLATFORM node:18-alpine AS web
WORKDIR /web
COPY package.json yarn.lock ./
RUN yarn install --frozen-lockfile && yarn cache clean
COPY . .
RUN npm ci && npm run build

FROM golang:1.22 AS go
WORKDIR /src
COPY go.mod go.sum ./
RUN go mod download
COPY . .
RUN CGO_ENABLED=0 go build -o /out/app ./cmd/app && go install example.com/tool@latest

FROM $BASE AS base
LABEL maintainer="someone@example.com" org.opencontainers.image.source="https://example.com/repo"
ENV PYTHONDONTWRITEBYTECODE=1 \\
    PATH=/opt/venv/bin:$PATH
SHELL ["/bin/bash", "-o", "pipefail", "-c"]
RUN apt-get update && apt-get install -y --no-install-recommends curl ca-certificates git=1:2.39.2-1.1 \\
 && rm -rf /var/lib/apt/lists/*
RUN apt-get upgrade -y
RUN pip install --no-cache-dir -r requirements.txt && pip install flask==3.0.0
RUN curl -fsSL https://example.com/install.sh | sh
RUN wget -q https://example.com/a.tar.gz -O /tmp/a.tar.gz && tar -xzf /tmp/a.tar.gz -C /opt && rm /tmp/a.tar.gz
RUN cd /opt && sudo chmod 777 /opt && ln -s /opt/a /usr/local/bin/a
ADD https://example.com/file.txt /srv/
ADD archive.tar.gz /srv/
COPY --chown=app:app --from=web /web/dist /srv/web
COPY --from=go /out/app /usr/local/bin/app
RUN <<EOS
set -e
echo heredoc
EOS

FROM alpine:3.19
RUN apk update && apk add --no-cache bash curl && apk add py3-pip
FROM centos:7
RUN yum install -y httpd && yum clean all
RUN dnf install -y nginx && microdnf install -y git && zypper install -y vim
FROM ubuntu:latest
RUN useradd -m app
USER root
WORKDIR app
EXPOSE 8080 70000
VOLUME /data
ENV SECRET_KEY=abc123
HEALTHCHECK --interval=30s CMD curl -f http://localhost:8080/ || exit 1
STOPSIGNAL SIGTERM
ONBUILD RUN echo onbuild
MAINTAINER someone
ENTRYPOINT /usr/local/bin/app --serve
CMD ["--port", "8080"]
CMD app
`;

/**
 * Dockerfiles for the warm-up: the repository's examples when present, and
 * one that uses most instructions, package managers and rules.
 */
function warmupDockerfiles(dir) {
  const examples = path.join(root, '..', '..', 'examples');
  const found = [];
  if (fs.existsSync(examples)) {
    for (const entry of fs.readdirSync(examples, { withFileTypes: true })) {
      const file = path.join(examples, entry.name, 'Dockerfile');
      if (entry.isDirectory() && fs.existsSync(file)) found.push(file);
    }
  }
  const own = path.join(dir, 'Dockerfile');
  fs.writeFileSync(own, WARMUP_DOCKERFILE);
  fs.writeFileSync(path.join(dir, '.dockerignore'), 'node_modules\n.git\n');
  return [...found.sort(), own];
}

const cacheNote = await makeCodeCache();
process.stdout.write(
  `built ${path.relative(process.cwd(), outdir) || outdir} (${cacheNote})\n`,
);
