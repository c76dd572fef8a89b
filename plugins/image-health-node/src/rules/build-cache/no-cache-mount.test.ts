import { rule } from './no-cache-mount';
import { describeRule, hitsOf } from '../testing';
import { corpusFile } from '../../quality/corpus';

describeRule(rule, {
  catches: [
    'FROM node:20\nRUN npm ci',
    'FROM debian:12.5\nRUN apt-get install -y curl',
  ],
  passes: [
    'FROM node:20\nRUN --mount=type=cache,target=/root/.npm npm ci',
    'FROM debian:12.5\nRUN echo hi',
  ],
});

describe('no-cache-mount remediation (issue 13)', () => {
  const afterOf = (d: string) => hitsOf(rule, d)[0]?.after;

  it('replaces a cache that is turned off with the mount, once', () => {
    expect(
      afterOf(
        'FROM python:3.12-slim\nCOPY requirements.txt .\nRUN pip install --no-cache-dir -r requirements.txt',
      ),
    ).toBe(
      'RUN --mount=type=cache,target=/root/.cache/pip pip install -r requirements.txt',
    );
    expect(afterOf('FROM alpine:3.20\nRUN apk add --no-cache curl')).toBe(
      'RUN --mount=type=cache,target=/etc/apk/cache apk add curl',
    );
    const hits = hitsOf(
      rule,
      corpusFile(
        'apps/BretFisher/udemy-docker-mastery/dockerfile-assignment-1/answer/Dockerfile',
      ),
    );
    expect(hits.map(h => h.summary)).toContainEqual(
      expect.stringContaining('Replace npm cache clean with a cache mount'),
    );
  });

  it('gives apt the whole recipe', () => {
    const after = afterOf(
      'FROM debian:12-slim\nRUN apt-get update && apt-get install -y --no-install-recommends curl',
    );
    expect(after).toContain('rm -f /etc/apt/apt.conf.d/docker-clean');
    expect(after).toContain(
      '--mount=type=cache,target=/var/cache/apt,sharing=locked',
    );
    expect(after).toContain(
      '--mount=type=cache,target=/var/lib/apt,sharing=locked',
    );
  });

  it("caches in the home of the user the RUN runs as, owned by that user's uid", () => {
    expect(
      afterOf(
        'FROM python:3.12-slim\nRUN useradd -m -u 10001 app\nUSER app\nCOPY requirements.txt .\nRUN pip install --user -r requirements.txt',
      ),
    ).toBe(
      'RUN --mount=type=cache,target=/home/app/.cache/pip,uid=10001 pip install --user -r requirements.txt',
    );
    // A user of the base image whose uid the Dockerfile does not show: advice only.
    expect(
      afterOf('FROM node:20\nUSER node\nCOPY package*.json ./\nRUN npm ci'),
    ).toBeUndefined();
  });
});
