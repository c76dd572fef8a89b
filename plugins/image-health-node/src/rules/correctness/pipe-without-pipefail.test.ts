import { rule } from './pipe-without-pipefail';
import { describeRule, hitsOf } from '../testing';
import { corpusFile } from '../../quality/corpus';

// DL4006's documented cases, in our own Dockerfiles.
describeRule(rule, {
  catches: [
    'FROM debian:12.5\nRUN wget -O - https://example.com/list | wc -l > /count',
    // The exec form joined into one shell line, as hadolint reads it, has a pipe.
    'FROM debian:12.5\nRUN ["/bin/sh", "-c", "wget -O - https://example.com/list | wc -l > /count"]',
    'FROM debian:12.5\nRUN set -o pipefail && wget -O - https://example.com/list | wc -l',
    'FROM debian:12.5\nRUN V="$(curl -fsSL https://example.com/v | head -1)" && echo "$V"',
    'FROM debian:12.5 AS a\nSHELL ["/bin/sh", "-o", "pipefail", "-c"]\nRUN curl -fsSL https://example.com | tar x',
    'FROM debian:12.5 AS a\nSHELL ["/bin/bash", "-o", "pipefail", "-c"]\nRUN curl -fsSL https://example.com | tar x\nFROM debian:12.5\nRUN curl -fsSL https://example.com | tar x',
    'FROM debian:12.5\nSHELL ["/bin/bash", "-o", "pipefail", "-c"]\nRUN curl -fsSL https://example.com | tar x\nSHELL ["/bin/sh", "-c"]\nRUN curl -fsSL https://example.com | tar x',
  ],
  passes: [
    'FROM debian:12.5\nRUN wget -O - https://example.com/list && wc -l list > /count',
    'FROM debian:12.5\nRUN echo "a|b" || true',
    'FROM debian:12.5\nSHELL ["/bin/bash", "-o", "pipefail", "-c"]\nRUN wget -O - https://example.com/list | wc -l > /count',
    'FROM debian:12.5\nSHELL ["/bin/bash", "-eo", "pipefail", "-c"]\nRUN wget -O - https://example.com/list | wc -l > /count',
    'FROM debian:12.5\nSHELL ["/bin/bash", "-e", "-o", "pipefail", "-c"]\nRUN wget -O - https://example.com/list | wc -l > /count',
    'FROM debian:12.5\nSHELL ["/bin/bash", "-o", "errexit", "-o", "pipefail", "-c"]\nRUN wget -O - https://example.com/list | wc -l > /count',
    'FROM debian:12.5\nSHELL ["/bin/zsh", "-o", "pipefail", "-c"]\nRUN wget -O - https://example.com/list | wc -l > /count',
    'FROM debian:12.5\nSHELL ["/usr/bin/bash", "-o", "pipefail", "-c"]\nRUN wget -O - https://example.com/list | wc -l > /count',
    'FROM alpine:3.20\nSHELL ["/bin/ash", "-eo", "pipefail", "-c"]\nRUN wget -O - https://example.com/list | wc -l > /count',
    'FROM debian:12.5\nSHELL ["pwsh", "-c"]\nRUN Get-Variable PSVersionTable | Select-Object -ExpandProperty Value',
    'FROM debian:12.5\nSHELL [ "powershell.exe" ]\nRUN Get-Variable PSVersionTable | Select-Object -ExpandProperty Value',
    'FROM debian:12.5\nSHELL [ "cmd.exe", "/c" ]\nRUN dir | more',
  ],
});

describe('pipe-without-pipefail remediation (issue 13)', () => {
  const afterOf = (dockerfile: string) => hitsOf(rule, dockerfile)[0]?.after;

  it('uses ash on Alpine, which has no bash', () => {
    expect(
      afterOf(
        'FROM alpine:3.20\nRUN wget -O - https://example.com/list | wc -l > /count',
      ),
    ).toMatch(/^SHELL \["\/bin\/ash", "-o", "pipefail", "-c"\]/);
  });

  it('uses bash where the image has it, read from the package manager for an unknown base', () => {
    const after = afterOf(
      corpusFile('apps/devcontainers/images/src/java/.devcontainer/Dockerfile'),
    );
    expect(after).toMatch(/^SHELL \["\/bin\/bash", "-o", "pipefail", "-c"\]/);
  });

  it('offers no SHELL line when it cannot tell which shell the image has', () => {
    expect(
      afterOf(
        'FROM example.com/acme/base:1\nRUN wget -O - https://example.com/list | wc -l > /count',
      ),
    ).toBeUndefined();
  });
});
