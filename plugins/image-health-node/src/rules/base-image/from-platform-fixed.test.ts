import { rule } from './from-platform-fixed';
import { describeRule, hitsOf } from '../testing';
import { parseDockerfile } from '../../dockerfile/parse';
import { applyEditsTo } from '../support';

// DL3029's documented cases, in our own Dockerfiles.
describeRule(rule, {
  catches: [
    'FROM --platform=linux/amd64 debian:12.5',
    'FROM --platform=linux debian:12.5',
    'FROM --platform=$TARGETOS/$TARGETARCH golang:1.22 AS build',
  ],
  passes: [
    'FROM debian:12.5',
    'FROM --platform=$BUILDPLATFORM golang:1.22 AS build',
    'FROM --platform="$BUILDPLATFORM" golang:1.22 AS build',
    'FROM --platform=${BUILDPLATFORM} golang:1.22 AS build',
    'FROM --platform=${BUILDPLATFORM:-linux/amd64} golang:1.22 AS build',
    'FROM --platform="${BUILDPLATFORM:-}" golang:1.22 AS build',
    'FROM --platform=$TARGETPLATFORM debian:12.5',
  ],
});

describe('from-platform-fixed fix', () => {
  it('drops the flag from the user’s FROM, which then passes', () => {
    const text = 'FROM --platform=linux/amd64 node:20.11 AS build\nRUN npm ci';
    const model = parseDockerfile(text);
    const [hit] = hitsOf(rule, text);
    const fixed = applyEditsTo(model, model.instructions[0], hit.edits ?? []);
    expect(fixed).toBe('FROM node:20.11 AS build');
    expect(hitsOf(rule, fixed)).toEqual([]);
  });
});
