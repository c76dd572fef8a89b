import { parseDockerfile } from '../../dockerfile/parse';
import { isTrustedRegistry, rule } from './base-image-untrusted-registry';

/** The lines the rule reports with `trusted` as the trusted registries. */
function reportedLines(dockerfile: string, trusted?: string[]): number[] {
  return rule
    .check({ model: parseDockerfile(dockerfile), trustedRegistries: trusted })
    .map(hit => hit.instruction!.line);
}

describe('base-image-untrusted-registry (DL3026)', () => {
  it('is off without a trusted list', () => {
    expect(reportedLines('FROM registry.example.net/debian:12')).toEqual([]);
    expect(reportedLines('FROM registry.example.net/debian:12', [])).toEqual(
      [],
    );
  });

  it('reports FROM, COPY --from and RUN --mount from= images outside the list', () => {
    const dockerfile = [
      'FROM mirror.example.com/library/golang:1.22 AS build',
      'COPY --from=tools.example.org/lint:1 /bin/lint /bin/lint',
      'RUN --mount=type=bind,from=tools.example.org/cache:1,target=/c make',
      'FROM registry.example.net/distroless/static:nonroot',
      'COPY --from=build /out /app',
    ].join('\n');
    expect(reportedLines(dockerfile, ['mirror.example.com'])).toEqual([
      2, 3, 4,
    ]);
    expect(
      reportedLines(dockerfile, ['mirror.example.com', '*.example.org']),
    ).toEqual([4]);
  });

  it('reads an image without a registry as Docker Hub', () => {
    expect(reportedLines('FROM node:20', ['docker.io'])).toEqual([]);
    expect(reportedLines('FROM acme/api:1', ['hub.docker.com'])).toEqual([]);
    expect(reportedLines('FROM node:20', ['mirror.example.com'])).toEqual([1]);
    expect(reportedLines('FROM docker.io/acme/api:1', ['docker.io'])).toEqual(
      [],
    );
  });

  it('leaves scratch, stage names, stage numbers and unresolved variables alone', () => {
    const trusted = ['mirror.example.com'];
    expect(reportedLines('FROM scratch', trusted)).toEqual([]);
    expect(
      reportedLines(
        'FROM mirror.example.com/golang:1.22 AS build\nFROM build AS test\nFROM scratch\nCOPY --from=build /a /a\nCOPY --from=0 /b /b',
        trusted,
      ),
    ).toEqual([]);
    expect(reportedLines('FROM $BASE_IMAGE', trusted)).toEqual([]);
    // A global ARG default is resolved, and judged.
    expect(
      reportedLines('ARG BASE=other.example.com/node:20\nFROM $BASE', trusted),
    ).toEqual([2]);
  });

  it('matches trusted entries by exact host, `*.suffix`, `prefix*` and `*`, without building patterns', () => {
    expect(isTrustedRegistry('ghcr.io', ['ghcr.io'])).toBe(true);
    expect(isTrustedRegistry('GHCR.io', ['ghcr.io'])).toBe(true);
    expect(isTrustedRegistry('eu.ghcr.io', ['ghcr.io'])).toBe(false);
    expect(isTrustedRegistry('a.b.example.com', ['*.example.com'])).toBe(true);
    expect(isTrustedRegistry('example.com', ['*.example.com'])).toBe(false);
    expect(isTrustedRegistry('registry.example.dev', ['registry.*'])).toBe(
      true,
    );
    expect(isTrustedRegistry('anything', ['*'])).toBe(true);
    // A regex metacharacter in the list is a plain character.
    expect(isTrustedRegistry('aXb', ['a.b'])).toBe(false);
    expect(isTrustedRegistry('a.b', ['(a+)+$'])).toBe(false);
  });
});
