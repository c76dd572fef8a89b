import { rule } from './from-platform-fixed';
import { describeRule, hitsOf } from '../testing';
import { corpusFile } from '../../quality/corpus';
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
    // hadolint's cases, each a lone stage that would ship on the build
    // machine's platform (issue 13): here as builders of a shipped stage.
    'FROM debian:12.5',
    'FROM --platform=$BUILDPLATFORM golang:1.22 AS build\nFROM scratch\nCOPY --from=build /app /app',
    'FROM --platform="$BUILDPLATFORM" golang:1.22 AS build\nFROM scratch\nCOPY --from=build /app /app',
    'FROM --platform=${BUILDPLATFORM} golang:1.22 AS build\nFROM scratch\nCOPY --from=build /app /app',
    'FROM --platform=${BUILDPLATFORM:-linux/amd64} golang:1.22 AS build\nFROM scratch\nCOPY --from=build /app /app',
    'FROM --platform="${BUILDPLATFORM:-}" golang:1.22 AS build\nFROM scratch\nCOPY --from=build /app /app',
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

describe('from-platform-fixed on the stage that ships (issue 13)', () => {
  it('catches a final stage on $BUILDPLATFORM, and leaves builders and unused targets on it alone', () => {
    expect(
      hitsOf(
        rule,
        'FROM --platform=$BUILDPLATFORM golang:1.22 AS build\nRUN go build -o /app .\nFROM --platform=$BUILDPLATFORM gcr.io/distroless/static-debian12\nCOPY --from=build /app /app',
      ).map(h => h.instruction?.line),
    ).toEqual([3]);
    // docker/getting-started: base, app-base, dev and build run on $BUILDPLATFORM; the final stage on $TARGETPLATFORM.
    expect(
      hitsOf(rule, corpusFile('apps/docker/getting-started/Dockerfile')),
    ).toEqual([]);
  });
});
