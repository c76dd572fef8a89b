import { rule } from './instruction-before-from';
import { describeRule, hitsOf } from '../testing';

// DL3061's documented cases, in our own Dockerfiles.
describeRule(rule, {
  catches: [
    'LABEL org.opencontainers.image.source=https://example.com/app\nFROM alpine:3.20',
    'ENV TZ=UTC\nARG BASE=alpine:3.20\nFROM ${BASE}',
    'RUN echo no base image',
  ],
  passes: [
    'FROM alpine:3.20\nLABEL org.opencontainers.image.source=https://example.com/app',
    'ARG ALPINE_VERSION=3.20\nFROM alpine:${ALPINE_VERSION}\nLABEL team=ops',
    '# syntax=docker/dockerfile:1\nFROM alpine:3.20',
    '# the base image\n# hadolint ignore=DL3007\nFROM alpine:3.20',
    'FROM alpine:3.20\nARG APP_VERSION=1.0.0\nRUN echo "$APP_VERSION"',
  ],
});

describe('instruction-before-from findings', () => {
  it('reports every instruction before FROM and shows it under the FROM', () => {
    const hits = hitsOf(
      rule,
      'LABEL team=ops\nENV TZ=UTC\nFROM alpine:3.20 AS app\nRUN true',
    );
    expect(hits.map(h => h.instruction?.line)).toEqual([1, 2]);
    expect(hits[0].after).toBe('FROM alpine:3.20 AS app\nLABEL team=ops');
  });
});
