import {
  finalBaseImage,
  historyCommand,
  instructionForHistory,
  parseInstructions,
} from './dockerfileHints';

const dockerfile = [
  'ARG BASE=debian:12-slim',
  'FROM golang:1.22 AS build',
  'RUN go build -o /out/app .',
  'FROM build AS test',
  'FROM ${BASE}',
  'RUN apt-get update \\',
  '    && apt-get install -y curl',
  'COPY --from=build /out/app /usr/local/bin/app',
  '',
].join('\n');

describe('Dockerfile hints', () => {
  const instructions = parseInstructions(dockerfile);

  it('finds the final base image through ARG defaults', () => {
    expect(finalBaseImage(instructions)).toBe('debian:12-slim');
    expect(
      finalBaseImage(parseInstructions('FROM node:20 AS a\nFROM a\n')),
    ).toBe('node:20');
    expect(finalBaseImage(parseInstructions('FROM scratch\n'))).toBeUndefined();
  });

  it.each([
    ['/bin/sh -c apt-get update     && apt-get install -y curl', 6],
    ['RUN /bin/sh -c apt-get update && apt-get install -y curl # buildkit', 6],
    ['|1 BASE=x /bin/sh -c apt-get update && apt-get install -y curl', 6],
    ['/bin/sh -c #(nop) COPY file:0a1b in /usr/local/bin/app ', 8],
    ['COPY /out/app /usr/local/bin/app # buildkit', 8],
  ])('maps the history line %j to line %i', (createdBy, line) => {
    expect(instructionForHistory(instructions, createdBy)?.line).toBe(line);
  });

  it('does not map lines of earlier stages or unknown commands', () => {
    expect(
      instructionForHistory(instructions, '/bin/sh -c go build -o /out/app .'),
    ).toBeUndefined();
    expect(historyCommand('/bin/sh -c #(nop)  CMD ["app"]')).toBe(
      'CMD ["app"]',
    );
  });
});
