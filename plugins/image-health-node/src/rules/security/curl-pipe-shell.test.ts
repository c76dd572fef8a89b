import { rule } from './curl-pipe-shell';
import { describeRule, hitsOf, shownAfter } from '../testing';
import { corpusFile } from '../../quality/corpus';

describeRule(rule, {
  catches: [
    'FROM debian:12.5\nRUN curl -fsSL https://get.example.com | sh',
    'FROM debian:12.5\nRUN wget -qO- https://x.io/install | sudo bash -s --',
    // Command substitution run as the script (issue 13: missed on a real file).
    'FROM debian:12.5\nRUN sh -c "$(curl -fsSL https://x.io/install.sh)"',
    'FROM debian:12.5\nRUN /bin/bash -c "$(wget -qO- https://x.io/i.sh)" && echo done',
    'FROM debian:12.5\nRUN eval "$(curl -fsSL https://x.io/env)"',
    'FROM debian:12.5\nRUN sh -c "`curl -fsSL https://x.io/install.sh`"',
  ],
  passes: [
    'FROM debian:12.5\nRUN curl -fsSL https://x.io/a.tgz | tar xz',
    'FROM debian:12.5\nRUN curl -o /tmp/i.sh https://x.io/i.sh && sh /tmp/i.sh',
    // The download is data, not a script.
    'FROM debian:12.5\nRUN echo "$(curl -fsSL https://x.io/version)" > /v',
    'FROM debian:12.5\nRUN VERSION="$(curl -fsSL https://x.io/latest)" && sh -c "echo $VERSION"',
    'FROM debian:12.5\nRUN sh -c "tar xzf x.tgz -C $(curl -fsSL https://x.io/dir)" x',
    // wget without -O - writes a file; curl -o likewise.
    'FROM debian:12.5\nRUN sh -c "$(wget -q https://x.io/i.sh)"',
    'FROM debian:12.5\nRUN sh -c "$(curl -fsSLo /tmp/i https://x.io/i.sh)"',
  ],
});

describe('curl-pipe-shell remediation on real Dockerfiles (issue 13)', () => {
  it('keeps the rest of the RUN', () => {
    const dockerfile = corpusFile(
      'apps/devcontainers/images/src/php/.devcontainer/Dockerfile',
    );
    const [hit] = hitsOf(rule, dockerfile);
    expect(shownAfter(dockerfile, hit)).toBe(
      'RUN curl -sSL https://getcomposer.org/installer -o /tmp/install.sh \\\n    && echo "<sha256>  /tmp/install.sh" | sha256sum -c - \\\n    && php /tmp/install.sh && rm /tmp/install.sh \\\n    && chmod +x composer.phar \\\n    && mv composer.phar /usr/local/bin/composer',
    );
  });

  it("passes the script's own arguments to the downloaded file", () => {
    const dockerfile = corpusFile(
      'apps/devcontainers/images/src/universal/.devcontainer/Dockerfile',
    );
    const [hit] = hitsOf(rule, dockerfile);
    expect(shownAfter(dockerfile, hit)).toContain(
      '&& bash /tmp/install.sh -v latest -l /vsdbg && rm /tmp/install.sh ; \\',
    );
  });
});

describe('curl-pipe-shell on a command substitution', () => {
  it('replaces the substitution with download, check, run', () => {
    const dockerfile =
      'FROM debian:12.5\nRUN apt-get update && sh -c "$(curl -fsSL https://x.io/install.sh)" && rm -rf /var/lib/apt/lists/*';
    const [hit] = hitsOf(rule, dockerfile);
    expect(hit.message).toBe(
      'the text curl downloads is run by sh -c as a script',
    );
    expect(shownAfter(dockerfile, hit)).toBe(
      'RUN apt-get update && curl -fsSL https://x.io/install.sh -o /tmp/install.sh \\\n    && echo "<sha256>  /tmp/install.sh" | sha256sum -c - \\\n    && sh /tmp/install.sh && rm /tmp/install.sh && rm -rf /var/lib/apt/lists/*',
    );
  });

  it('keeps eval in the current shell', () => {
    const dockerfile =
      'FROM debian:12.5\nRUN eval "$(wget -qO- https://x.io/env)"';
    const [hit] = hitsOf(rule, dockerfile);
    expect(shownAfter(dockerfile, hit)).toContain(
      '&& . /tmp/install.sh && rm /tmp/install.sh',
    );
  });
});
