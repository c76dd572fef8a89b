import { parseDockerfile } from './parse';

const commandLines = (text: string) =>
  parseDockerfile(text)
    .instructions.filter(i => i.shell)
    .map(i => i.shell!.commands.map(c => [c.name, ...c.args].join(' ')));

describe('parseDockerfile', () => {
  it('reads parser directives only at the top', () => {
    const model = parseDockerfile(
      '# syntax=docker/dockerfile:1\n# escape=`\nFROM x:1\n# escape=\\\n',
    );
    expect(model.directives).toEqual({
      syntax: 'docker/dockerfile:1',
      escape: '`',
    });
    expect(model.escapeChar).toBe('`');
    expect(parseDockerfile('FROM x:1\n# syntax=foo').directives).toEqual({});
    // Long runs of spaces around a value are trimmed (a fuzzed 100 kB line).
    const spaces = ' '.repeat(50_000);
    expect(
      parseDockerfile(
        `# syntax =${spaces}docker/dockerfile:1${spaces}\nFROM x:1`,
      ).directives,
    ).toEqual({ syntax: 'docker/dockerfile:1' });
  });

  it('joins continuations, drops comment lines inside them, keeps lines', () => {
    const model = parseDockerfile(
      'FROM debian:12\nRUN apt-get update \\\n  # why\n  && apt-get install -y curl\nCMD ["x"]\n',
    );
    const run = model.instructions[1];
    expect(run.line).toBe(2);
    expect(run.endLine).toBe(4);
    expect(commandLines(model.text)).toEqual([
      ['apt-get update', 'apt-get install -y curl'],
    ]);
    expect(model.instructions[2].json).toEqual(['x']);
  });

  it('continues lines with a backtick under escape=`', () => {
    const model = parseDockerfile(
      '# escape=`\nFROM mcr.microsoft.com/windows/servercore:ltsc2022\nRUN dir `\n  c:\\',
    );
    expect(model.instructions[1].args).toBe('dir   c:\\');
    expect(model.instructions[1].shell?.kind).toBe('other');
  });

  it('reads heredocs as the script of a RUN', () => {
    const model = parseDockerfile(
      'FROM alpine:3\nRUN <<EOF\nset -e\napk add curl\nEOF\nCOPY <<-CONF /etc/x.conf\n\tkey=1\n\tCONF\nUSER app',
    );
    expect(model.instructions.map(i => i.keyword)).toEqual([
      'FROM',
      'RUN',
      'COPY',
      'USER',
    ]);
    expect(commandLines(model.text)).toEqual([['set -e', 'apk add curl']]);
    expect(model.instructions[2].heredocs[0]).toMatchObject({
      name: 'CONF',
      content: 'key=1',
      stripTabs: true,
    });
  });

  it('reports an unterminated heredoc instead of hanging', () => {
    const model = parseDockerfile('FROM alpine:3\nRUN <<EOF\necho hi\n');
    expect(model.parseErrors[0].message).toMatch(/never closed/);
    expect(model.parseErrors[0].line).toBe(2);
  });

  it('reads BuildKit flags, mounts and platform', () => {
    const model = parseDockerfile(
      'FROM --platform=$BUILDPLATFORM golang:1.22 AS build\nRUN --mount=type=cache,target=/root/.cache/go-build --mount=type=secret,id=npmrc go build ./...\nFROM scratch\nCOPY --link --chown=1000:1000 --chmod=755 --from=build /out /app',
    );
    const [build, final] = model.stages;
    expect(build.platform).toBe('$BUILDPLATFORM');
    expect(model.instructions[1].shell?.mounts).toEqual([
      {
        type: 'cache',
        target: '/root/.cache/go-build',
        options: { type: 'cache', target: '/root/.cache/go-build' },
      },
      {
        type: 'secret',
        target: undefined,
        options: { type: 'secret', id: 'npmrc' },
      },
    ]);
    expect(model.instructions[3].flags.map(f => [f.name, f.value])).toEqual([
      ['link', null],
      ['chown', '1000:1000'],
      ['chmod', '755'],
      ['from', 'build'],
    ]);
    expect(final.copiesFrom).toEqual([0]);
    expect(final.final).toBe(true);
    expect(build.final).toBe(false);
  });

  it('substitutes global ARGs in FROM, with defaults', () => {
    const model = parseDockerfile(
      'ARG REGISTRY=ghcr.io/acme\nARG TAG\nFROM ${REGISTRY}/api:${TAG:-1.4}\nFROM $UNKNOWN',
    );
    expect(model.stages[0].image).toMatchObject({
      resolved: 'ghcr.io/acme/api:1.4',
      registry: 'ghcr.io',
      repository: 'acme/api',
      tag: '1.4',
    });
    expect(model.stages[1].image.unresolved).toBe(true);
  });

  it('builds the stage graph: FROM <stage>, COPY --from by name, index and image', () => {
    const model = parseDockerfile(
      'FROM node:20 AS deps\nFROM deps AS build\nCOPY --from=0 /a /a\nCOPY --from=nginx:1.27 /etc/nginx /etc/nginx\nFROM build',
    );
    expect(model.stages[1].baseStage).toBe(0);
    expect(model.stages[1].copiesFrom).toEqual([0]);
    expect(model.stages[1].copiesFromImages).toEqual(['nginx:1.27']);
    expect(model.stages[2].baseStage).toBe(1);
  });

  it('parses ONBUILD triggers as instructions', () => {
    const model = parseDockerfile(
      'FROM node:20\nONBUILD COPY --chown=node . /app',
    );
    const trigger = model.instructions[1].trigger!;
    expect(trigger.keyword).toBe('COPY');
    expect(trigger.flags[0]).toMatchObject({ name: 'chown', value: 'node' });
    expect(trigger.words.map(w => w.value)).toEqual(['.', '/app']);
  });

  it('reads SHELL: PowerShell RUNs are not read as POSIX shell, bash ones are', () => {
    const model = parseDockerfile(
      'FROM x:1\nSHELL ["pwsh", "-Command"]\nRUN Get-Item | Out-Null\nSHELL ["/bin/bash", "-c"]\nRUN echo a | cat',
    );
    expect(model.instructions[2].shell?.kind).toBe('other');
    expect(model.instructions[4].shell?.commands.map(c => c.name)).toEqual([
      'echo',
      'cat',
    ]);
  });

  it('reads exec-form RUN, and sh -c scripts inside it', () => {
    expect(
      commandLines('FROM x:1\nRUN ["apt-get", "install", "-y", "curl"]'),
    ).toEqual([['apt-get install -y curl']]);
    expect(
      commandLines('FROM x:1\nRUN ["/bin/sh", "-c", "cd /x && make"]'),
    ).toEqual([['cd /x', 'make']]);
  });

  it('maps shell words back to the Dockerfile text across continuations', () => {
    const model = parseDockerfile(
      'FROM x:1\nRUN apt-get update \\\n    && apt-get install -y curl',
    );
    const run = model.instructions[1];
    const install = run.shell!.commands[1];
    const word = install.words[1];
    const at = run.shell!.toSource(word.start)!;
    expect(model.text.slice(at, at + 'install'.length)).toBe('install');
  });
});
