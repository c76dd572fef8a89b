import { rule } from './copy-from-undefined-stage';
import { describeRule, hitsOf } from '../testing';

// Cases as hadolint documents DL3022 (its wiki and spec).
describeRule(rule, {
  catches: [
    'COPY --from=foo bar .',
    'FROM scratch\nCOPY --from=build foo .\nFROM node as build\nRUN baz',
    'COPY --from=0 bar .',
    'FROM scratch\nCOPY --from=1 foo .',
    'FROM golang:1.22 AS build\nFROM alpine:3.20\nCOPY --from=builder /app /app',
    'FROM alpine:3.20\nCOPY --from=nginx /etc/nginx/nginx.conf /etc/nginx/',
    'ARG BASE=build\nFROM golang:1.22 AS build\nFROM alpine:3.20\nCOPY --from=$BASE /app /app',
  ],
  passes: [
    'FROM scratch as build\nRUN foo\nFROM node\nCOPY --from=build foo .\nRUN baz',
    'COPY --from=haskell:latest bar .',
    'FROM scratch as build\nRUN foo\nFROM node\nCOPY --from=0 foo .',
    'FROM scratch\nRUN foo\nFROM node\nCOPY --from=0 foo .',
    'FROM scratch\nCOPY --from=0 foo .',
    'FROM golang:1.22 AS Build\nFROM alpine:3.20\nCOPY --from=build /app /app',
    'FROM alpine:3.20\nCOPY --from=ghcr.io/acme/tools@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef /bin/x /bin/x',
    'FROM alpine:3.20\nCOPY --from="nginx:1.27" /etc/nginx/nginx.conf /etc/nginx/',
    'FROM alpine:3.20\nCOPY foo .',
  ],
});

describe('copy-from-undefined-stage messages', () => {
  it('says when the stage is defined only after the COPY', () => {
    const [hit] = hitsOf(
      rule,
      'FROM alpine:3.20 AS run\nCOPY --from=build /app /app\nFROM golang:1.22 AS build\n',
    );
    expect(hit.message).toBe(
      'COPY --from=build refers to stage build, which is defined later (line 3)',
    );
    expect(hit.instruction?.line).toBe(2);
  });
});

describe('copy-from-undefined-stage and images (issue 13)', () => {
  it('advises pinning an image named in --from, never a stage name with a /', () => {
    const [hit] = hitsOf(
      rule,
      'FROM debian:12-slim\nCOPY --from=bitnami/kubectl /opt/bitnami/kubectl/bin/kubectl /usr/local/bin/',
    );
    expect(hit.summary).toBe(
      'Pin the image: COPY --from=bitnami/kubectl:<version>@sha256:<digest>.',
    );
    expect(hit.summary).not.toContain('AS bitnami/kubectl');
  });

  it('catches :latest in a file whose FROM lines are pinned by digest, and only there', () => {
    const pinned =
      'FROM debian:12-slim@sha256:2424c1850714a4d94666ec928e24d86de958646737b1d113f5b2207be44d37d8\nCOPY --from=ghcr.io/acme/tools:latest /bin/tool /usr/local/bin/';
    expect(hitsOf(rule, pinned)[0]?.message).toContain('moving tag');
    expect(
      hitsOf(
        rule,
        'FROM debian:12-slim\nCOPY --from=ghcr.io/acme/tools:latest /bin/tool /usr/local/bin/',
      ),
    ).toEqual([]);
  });
});
