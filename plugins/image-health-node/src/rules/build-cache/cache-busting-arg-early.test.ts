import fs from 'fs';
import path from 'path';
import { rule, changesEveryBuild } from './cache-busting-arg-early';
import { describeRule, hitsOf } from '../testing';
import type { Finding } from '@image-health/plugin-image-health-common';
import { analyzeDockerfile, analyzeWithFixes } from '../../dockerfile/analyze';
import { applyEditSets } from '../../dockerfile/edits';
import { parseDockerfile } from '../../dockerfile/parse';

describeRule(rule, {
  catches: [
    // Every RUN after the ARG re-runs when the value changes, used or not.
    'FROM node:20\nARG GIT_COMMIT\nCOPY package*.json ./\nRUN npm ci\nCOPY . .\nLABEL org.opencontainers.image.revision=$GIT_COMMIT',
    'FROM debian:12\nARG BUILD_DATE\nRUN apt-get update && apt-get install -y curl\nLABEL built=$BUILD_DATE',
    'FROM python:3.12\nARG CACHEBUST=1\nRUN pip install -r requirements.txt',
    'FROM golang:1.22\nARG VERSION\nRUN go mod download\nRUN go build -ldflags "-X main.version=${VERSION}" -o /app .',
    'FROM alpine:3.20\nARG BUILD_NUMBER\nRUN apk add --no-cache curl',
    // An ENV built from a per-build ARG changes the image config: everything after it re-runs.
    'FROM node:20\nARG COMMIT_SHA\nENV APP_REVISION=$COMMIT_SHA\nRUN npm ci\nCMD ["node", "index.js"]',
  ],
  passes: [
    'FROM node:20\nCOPY package*.json ./\nRUN npm ci\nARG GIT_COMMIT\nLABEL org.opencontainers.image.revision=$GIT_COMMIT',
    // Tool versions and checksums do not change from build to build.
    'FROM debian:12\nARG NODE_VERSION=20.11.1\nRUN apt-get update && apt-get install -y curl\nRUN curl -fsSLO https://nodejs.org/dist/v$NODE_VERSION/node.tar.gz',
    'FROM debian:12\nARG TINI_SHA256=abc\nRUN apt-get update && apt-get install -y curl',
    // No install after it: nothing expensive to re-run.
    'FROM golang:1.22\nRUN go mod download\nARG VERSION\nRUN go build -ldflags "-X main.version=$VERSION" .',
    // A global ARG (before FROM) is not in scope of the stage's RUNs.
    'ARG BUILD_DATE\nFROM debian:12\nRUN apt-get update && apt-get install -y curl',
    // An ENV with a literal value only changes when the file does.
    'FROM debian:12\nENV BUILD_DATE=2024-01-01\nRUN apt-get update && apt-get install -y curl',
  ],
});

describe('changesEveryBuild', () => {
  it.each([
    'BUILD_DATE',
    'GIT_COMMIT',
    'GIT_SHA',
    'COMMIT_SHA',
    'VCS_REF',
    'SOURCE_COMMIT',
    'VERSION',
    'APP_VERSION',
    'BUILD_NUMBER',
    'CI_PIPELINE_ID',
    'CACHEBUST',
    'CACHE_BUST',
    'BUILD_TIMESTAMP',
    'BUILDTIME',
  ])('counts %s as per-build', name => {
    expect(changesEveryBuild(name)).toBe(true);
  });

  it.each([
    'NODE_VERSION',
    'PYTHON_VERSION',
    'TINI_SHA256',
    'GOSU_SHA',
    'DEBIAN_FRONTEND',
    'TZ',
    'APP_HOME',
    'USER_ID',
  ])('counts %s as stable', name => {
    expect(changesEveryBuild(name)).toBe(false);
  });
});

describe('cache-busting-arg-early remediation', () => {
  const dockerfile = [
    'FROM node:24 AS app',
    'ARG GIT_COMMIT',
    'ENV REVISION=${GIT_COMMIT}',
    'WORKDIR /app',
    'COPY package*.json ./',
    'RUN npm ci --omit=dev',
    'COPY . .',
    '# who built it',
    'LABEL org.opencontainers.image.revision=$REVISION',
    'CMD ["node", "index.js"]',
    '',
  ].join('\n');

  it('reports once for the ARG and the ENV built from it', () => {
    const hits = hitsOf(rule, dockerfile);
    expect(hits).toHaveLength(1);
    expect(hits[0].instruction?.line).toBe(2);
    expect(hits[0].message).toBe(
      'ARG GIT_COMMIT changes on every build and is declared before the dependency installs at line 6: each build re-runs them',
    );
  });

  it('moves both declarations, in order, to just above their first use', () => {
    const { result } = analyzeWithFixes({
      location: 'Dockerfile',
      content: dockerfile,
      ignore: ['no-healthcheck', 'user-root-implicit', 'base-image-heavy'],
    });
    expect(result.suggestedDockerfile).toContain(
      [
        'COPY . .',
        '# who built it',
        'ARG GIT_COMMIT',
        'ENV REVISION=${GIT_COMMIT}',
        'LABEL org.opencontainers.image.revision=$REVISION',
      ].join('\n'),
    );
    expect(result.suggestedDockerfile).toContain(
      'FROM node:24 AS app\nWORKDIR /app\n',
    );
  });

  it('gives advice, not an edit, when a step uses the value before the installs', () => {
    const [hit] = hitsOf(
      rule,
      'FROM debian:12\nARG VERSION\nRUN echo $VERSION > /version\nRUN apt-get update && apt-get install -y curl\n',
    );
    expect(hit.edits).toBeUndefined();
    expect(hit.summary).toContain(
      'Line 3 uses it before the installs at line 4',
    );
  });
});

describe('cache-busting-arg-early and installs that need the value', () => {
  it('leaves alone an install that uses the per-build value itself', () => {
    expect(
      hitsOf(
        rule,
        'FROM debian:12\nARG VERSION=latest\nRUN apt-get update && apt-get install -y curl && curl -fsSLO https://example.com/tool-${VERSION}.tar.gz\n',
      ),
    ).toEqual([]);
  });
});

describe('cache-busting-arg-early and names that are regex syntax', () => {
  it('follows an ENV whose name is not a shell name, and a name that only starts like the ARG', () => {
    const hits = hitsOf(
      rule,
      'FROM debian:12\nARG GIT_COMMIT\nENV REV(=$GIT_COMMIT\nRUN apt-get update && apt-get install -y curl && echo $GIT_COMMITS\n',
    );
    expect(hits.map(h => h.message)).toEqual([
      'ARG GIT_COMMIT changes on every build and is declared before the dependency installs at line 4: each build re-runs them',
    ]);
  });
});

describe('cache-busting-arg-early on a CRLF file', () => {
  it('moves the declaration with the file’s own line endings', () => {
    const content =
      'FROM debian:12\r\nARG BUILD_DATE\r\nRUN apt-get update && apt-get install -y curl\r\nLABEL built=$BUILD_DATE\r\n';
    const [hit] = hitsOf(rule, content);
    expect(applyEditSets(content, [hit.edits ?? []]).text).toBe(
      'FROM debian:12\r\nRUN apt-get update && apt-get install -y curl\r\nARG BUILD_DATE\r\nLABEL built=$BUILD_DATE\r\n',
    );
  });
});

describe('cache-busting-arg-early over the shared corpus', () => {
  /** The shared corpus of real Dockerfiles, beside the repository. */
  const corpus = path.resolve(__dirname, '../../../../../../shared/corpus');
  const files: string[] = [];
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (/Dockerfile/i.test(entry.name)) files.push(full);
    }
  };
  if (fs.existsSync(corpus)) walk(corpus);

  it('moves a GIT_COMMIT declared under the final FROM below the installs of every real file', () => {
    expect(files.length).toBeGreaterThan(500);
    let reported = 0;
    const problems: string[] = [];
    for (const file of files) {
      const text = fs.readFileSync(file, 'utf8');
      const model = parseDockerfile(text);
      const last = model.stages[model.stages.length - 1];
      if (!last || model.escapeChar !== '\\') continue;
      // The usual shape: the argument right under FROM, used by a LABEL at the end.
      const content = `${text.slice(
        0,
        last.from.end,
      )}\nARG GIT_COMMIT${text.slice(last.from.end)}${
        text.endsWith('\n') ? '' : '\n'
      }LABEL org.opencontainers.image.revision=$GIT_COMMIT\n`;
      const { result, fixed } = analyzeWithFixes({ location: file, content });
      const ours = (findings: Finding[]) =>
        findings.filter(f => f.ruleId === rule.id).length;
      const before = ours(result.findings);
      if (before === 0) continue;
      reported++;
      if (ours(fixed) !== before) {
        problems.push(`${file}: ${before} reported, ${ours(fixed)} fixed`);
        continue;
      }
      const again = analyzeDockerfile({
        location: file,
        content: result.suggestedDockerfile ?? content,
      });
      if (again.parseErrors.length > 0 || ours(again.findings) > 0)
        problems.push(`${file}: still reported or unreadable after the fix`);
    }
    expect(reported).toBeGreaterThan(200);
    expect(problems).toEqual([]);
  });
});

describe('a Dockerfile of thousands of per-build ARG lines', () => {
  it('reports the first 50 declarations of the stage, each naming the install below it', () => {
    const text = `FROM debian:12\n${'ARG GIT_COMMIT\n'.repeat(
      20_000,
    )}RUN apt-get update && apt-get install -y curl\n`;
    const hits = hitsOf(rule, text);
    expect(hits).toHaveLength(50);
    expect(hits[0].instruction?.line).toBe(2);
    expect(hits[49].instruction?.line).toBe(51);
    expect(hits[0].message).toBe(
      'ARG GIT_COMMIT changes on every build and is declared before the dependency installs at line 20002: each build re-runs them',
    );
  });
});
