import { Glob } from './glob';

function text(pattern: string): Glob {
  const glob = Glob.compile(pattern, { paths: false });
  if (!glob) throw new Error(`${pattern} did not compile`);
  return glob;
}

describe('Glob over text (image references)', () => {
  it.each([
    ['*:latest', 'node:latest', true],
    ['*:latest', 'docker.io/library/node:latest', true],
    ['*:latest', 'node:latest-slim', false],
    ['node:16*', 'node:16', true],
    ['node:16*', 'node:16-alpine3.18', true],
    ['node:16*', 'node:18-alpine', false],
    ['node:16*', 'mynode:16', false],
    ['*/node:1?', 'docker.io/library/node:14', true],
    ['*/node:1?', 'docker.io/library/node:140', false],
    ['python:3.[0-8]-*', 'python:3.7-slim', true],
    ['python:3.[0-8]-*', 'python:3.9-slim', false],
    ['ghcr.io/**', 'ghcr.io/acme/base:1', true],
    ['*', '', true],
  ])('"%s" on %s is %s', (pattern, value, expected) => {
    expect(text(pattern).matches(value)).toBe(expected);
  });

  it('answers a pattern of many stars against a long reference that almost matches', () => {
    const glob = text(`${'*a'.repeat(200)}b`);
    expect(glob.matches('a'.repeat(500))).toBe(false);
    expect(glob.matches(`${'a'.repeat(500)}b`)).toBe(true);
  });

  it('refuses a class that is not closed', () => {
    expect(Glob.compile('node:[1-', { paths: false })).toBeNull();
  });
});

describe('Glob over paths', () => {
  it('keeps * and ? inside one directory, as .dockerignore does', () => {
    const glob = Glob.compile('src/*.ts', { paths: true })!;
    expect(glob.matches('src/a.ts')).toBe(true);
    expect(glob.matches('src/deep/a.ts')).toBe(false);
    expect(glob.matchesPathOrParent('src/a.ts/inner')).toBe(true);
  });
});
