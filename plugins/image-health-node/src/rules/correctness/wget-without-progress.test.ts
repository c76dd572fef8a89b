import { rule } from './wget-without-progress';
import { describeRule, hitsOf } from '../testing';
import { parseDockerfile } from '../../dockerfile/parse';
import { applyEditsTo } from '../support';

// DL3047's documented cases, in our own Dockerfiles.
describeRule(rule, {
  catches: [
    'FROM debian:12.5 AS fetch\nRUN wget https://example.com/app.tar.gz',
    'FROM debian:12.5 AS fetch\nONBUILD RUN wget https://example.com/app.tar.gz',
    'FROM debian:12.5\nRUN wget -O /tmp/app.tar.gz https://example.com/app.tar.gz',
    'FROM debian:12.5\nRUN ["wget", "https://example.com/app.tar.gz"]',
    'FROM debian:12.5\nRUN wget --output-document=/tmp/app.tgz https://example.com/app.tgz && tar xzf /tmp/app.tgz',
  ],
  passes: [
    'FROM debian:12.5 AS fetch\nRUN wget --progress=dot:giga https://example.com/app.tar.gz',
    'FROM debian:12.5 AS fetch\nONBUILD RUN wget --progress=dot:giga https://example.com/app.tar.gz',
    'FROM debian:12.5 AS fetch\nRUN wget -q https://example.com/app.tar.gz',
    'FROM debian:12.5 AS fetch\nRUN wget -qO- https://example.com/install.sh | sh',
    'FROM debian:12.5 AS fetch\nRUN wget --quiet https://example.com/app.tar.gz',
    'FROM debian:12.5 AS fetch\nRUN wget -nv https://example.com/app.tar.gz',
    'FROM debian:12.5 AS fetch\nRUN wget --no-verbose https://example.com/app.tar.gz',
    'FROM debian:12.5 AS fetch\nRUN wget --output-file=/tmp/wget.log https://example.com/app.tar.gz',
    'FROM debian:12.5 AS fetch\nRUN wget -o /tmp/wget.log https://example.com/app.tar.gz',
    'FROM debian:12.5 AS fetch\nRUN wget --append-output=/tmp/wget.log https://example.com/app.tar.gz',
    'FROM debian:12.5 AS fetch\nRUN wget -a /tmp/wget.log https://example.com/app.tar.gz',
    'FROM debian:12.5 AS fetch\nONBUILD RUN wget -a /tmp/wget.log https://example.com/app.tar.gz',
    'FROM debian:12.5\nRUN /usr/bin/wget https://example.com/app.tar.gz',
    'FROM alpine:3.20\nRUN busybox wget -q https://example.com/app.tar.gz',
    'FROM debian:12.5\nRUN curl -fsSLO https://example.com/app.tar.gz',
    // hadolint reads the exec form as one shell line: the command here is bash.
    'FROM debian:12.5\nRUN ["/bin/bash", "-c", "wget https://example.com/app.tar.gz"]',
  ],
});

describe('wget-without-progress fix', () => {
  function fixed(text: string): string {
    const model = parseDockerfile(text);
    const [hit] = hitsOf(rule, text);
    const run = model.instructions.find(i => i.keyword === 'RUN')!;
    return applyEditsTo(model, run, hit.edits ?? []);
  }

  it('asks GNU wget for a dot per gigabyte, and the line then passes', () => {
    const line = fixed(
      'FROM debian:12.5\nRUN wget -O /tmp/app.tgz https://example.com/app.tgz',
    );
    expect(line).toBe(
      'RUN wget --progress=dot:giga -O /tmp/app.tgz https://example.com/app.tgz',
    );
    expect(hitsOf(rule, `FROM debian:12.5\n${line}`)).toEqual([]);
  });

  it('quiets busybox wget, which has no --progress (Alpine, also through a stage)', () => {
    expect(
      fixed(
        'FROM alpine:3.20 AS base\nFROM base\nRUN wget -O /tmp/app.tgz https://example.com/app.tgz',
      ),
    ).toBe('RUN wget -q -O /tmp/app.tgz https://example.com/app.tgz');
  });

  it('puts the option after the program busybox runs', () => {
    expect(
      fixed('FROM alpine:3.20\nRUN busybox wget https://example.com/app.tgz'),
    ).toBe('RUN busybox wget -q https://example.com/app.tgz');
  });

  it('reports a RUN once and quiets every wget in it', () => {
    const text =
      'FROM debian:12.5\nRUN wget https://example.com/a.tgz && wget https://example.com/b.tgz';
    const hits = hitsOf(rule, text);
    expect(hits).toHaveLength(1);
    expect(fixed(text)).toBe(
      'RUN wget --progress=dot:giga https://example.com/a.tgz && wget --progress=dot:giga https://example.com/b.tgz',
    );
  });
});
