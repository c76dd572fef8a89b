import { parseDockerfile } from '../dockerfile/parse';
import {
  envInstruction,
  finalBaseImage,
  historyCommand,
  instructionForHistory,
} from './dockerfileLink';

const model = parseDockerfile(
  [
    'ARG BASE=debian:12-slim',
    'FROM golang:1.22 AS build',
    'RUN go build -o /out/app .',
    'FROM build AS test',
    'FROM ${BASE}',
    'RUN apt-get update \\',
    '    && apt-get install -y curl',
    'COPY --from=build /out/app /usr/local/bin/app',
    'ENV MODE=prod API_TOKEN=x',
    '',
  ].join('\n'),
);

describe('linking an image to its Dockerfile', () => {
  it('finds the final base image through ARG defaults and stage aliases', () => {
    expect(finalBaseImage(model)).toBe('debian:12-slim');
    expect(finalBaseImage(parseDockerfile('FROM node:20 AS a\nFROM a\n'))).toBe(
      'node:20',
    );
    expect(finalBaseImage(parseDockerfile('FROM scratch\n'))).toBeUndefined();
    expect(finalBaseImage(parseDockerfile('FROM $UNSET\n'))).toBeUndefined();
  });

  it.each([
    ['/bin/sh -c apt-get update     && apt-get install -y curl', 6],
    ['RUN /bin/sh -c apt-get update && apt-get install -y curl # buildkit', 6],
    ['|1 BASE=x /bin/sh -c apt-get update && apt-get install -y curl', 6],
    ['/bin/sh -c #(nop) COPY file:0a1b in /usr/local/bin/app ', 8],
    ['COPY /out/app /usr/local/bin/app # buildkit', 8],
  ])('maps the history line %j to line %i', (createdBy, line) => {
    expect(instructionForHistory(model, createdBy)?.line).toBe(line);
  });

  it('does not map lines of earlier stages or unknown commands', () => {
    expect(
      instructionForHistory(model, '/bin/sh -c go build -o /out/app .'),
    ).toBeUndefined();
    expect(instructionForHistory(model, '/bin/sh -c make')).toBeUndefined();
    expect(historyCommand('/bin/sh -c #(nop)  CMD ["app"]')).toBe(
      'CMD ["app"]',
    );
  });

  it('finds the ENV that set a variable, whatever its name holds', () => {
    expect(envInstruction(model, 'API_TOKEN')?.line).toBe(9);
    expect(envInstruction(model, 'TOKEN')).toBeUndefined();
    expect(envInstruction(model, 'API_TOKEN(=1')).toBeUndefined();
  });
});
