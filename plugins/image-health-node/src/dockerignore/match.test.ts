import { DockerignoreMatcher } from './match';

const ignores = (dockerignore: string, path: string) =>
  new DockerignoreMatcher(dockerignore).ignores(path);

describe('DockerignoreMatcher', () => {
  it('follows the examples of Docker’s .dockerignore documentation', () => {
    expect(ignores('*/temp*', 'somedir/temporary.txt')).toBe(true);
    expect(ignores('*/temp*', 'somedir/temp')).toBe(true);
    expect(ignores('*/temp*', 'temp')).toBe(false);
    expect(ignores('*/*/temp*', 'somedir/subdir/temporary.txt')).toBe(true);
    expect(ignores('*/*/temp*', 'somedir/temporary.txt')).toBe(false);
    expect(ignores('temp?', 'tempa')).toBe(true);
    expect(ignores('temp?', 'temp/a')).toBe(false);
    expect(ignores('**/*.go', 'main.go')).toBe(true);
    expect(ignores('**/*.go', 'cmd/server/main.go')).toBe(true);
    expect(ignores('**/*.go', 'main.goo')).toBe(false);
    expect(ignores('*.md\n!README.md', 'README.md')).toBe(false);
    expect(ignores('*.md\n!README.md', 'CHANGES.md')).toBe(true);
    const readmes = '*.md\n!README*.md\nREADME-secret.md';
    expect(ignores(readmes, 'README-secret.md')).toBe(true);
    expect(ignores(readmes, 'README-public.md')).toBe(false);
  });

  it('excludes what is inside an excluded directory', () => {
    expect(ignores('build', 'build/out.js')).toBe(true);
    expect(ignores('build/', 'build/a/b.js')).toBe(true);
    expect(ignores('build', 'builds/out.js')).toBe(false);
    expect(ignores('**/node_modules', 'node_modules')).toBe(true);
    expect(ignores('**/node_modules', 'web/node_modules/x/index.js')).toBe(
      true,
    );
    expect(ignores('a/**', 'a/x/y')).toBe(true);
    expect(ignores('a/**/b', 'a/b')).toBe(true);
    expect(ignores('a/**/b', 'a/x/y/b')).toBe(true);
    expect(ignores('a/**/b', 'a/x/yb')).toBe(false);
    expect(ignores('**', 'anything/at/all')).toBe(true);
    // Stars pair up from the left: `***x` is `**` then `*x`.
    expect(ignores('***x', 'abx')).toBe(true);
    expect(ignores('***x', 'a/b/cx')).toBe(true);
    expect(ignores('**x', 'abx')).toBe(false);
  });

  it('cleans each line as Docker does', () => {
    expect(ignores('/node_modules/', 'node_modules')).toBe(true);
    expect(ignores('./a/../.env', '.env')).toBe(true);
    expect(ignores('../.env', '.env')).toBe(false);
    expect(ignores('  .git  \r\n', '.git')).toBe(true);
    expect(ignores('# .git', '.git')).toBe(false);
    expect(ignores('.git\n! .git', '.git')).toBe(false);
  });

  it('reads character classes and escapes as Go’s filepath.Match', () => {
    expect(ignores('[a-c]at', 'bat')).toBe(true);
    expect(ignores('[a-c]at', 'dat')).toBe(false);
    expect(ignores('[^a-c]at', 'dat')).toBe(true);
    expect(ignores('[^a-c]at', 'cat')).toBe(false);
    expect(ignores('x[^a]y', 'x/y')).toBe(false);
    expect(ignores('\\*.env', '*.env')).toBe(true);
    expect(ignores('\\*.env', 'a.env')).toBe(false);
    expect(ignores('file[\\]]', 'file]')).toBe(true);
    // Malformed lines, which make Docker refuse the build, match nothing.
    expect(ignores('[a-', 'a')).toBe(false);
    expect(ignores('[]a]', 'a')).toBe(false);
    expect(ignores('trailing\\', 'trailing')).toBe(false);
  });

  it('answers a line of 40 stars then x, which a backtracking glob never finishes', () => {
    const stars = `${'*'.repeat(40)}x`;
    expect(ignores(stars, 'node_modules')).toBe(false);
    expect(ignores(stars, 'x')).toBe(true);
    expect(ignores(stars, 'ab/cx')).toBe(false);
    expect(ignores(`${'**/'.repeat(40)}*x`, `${'a/'.repeat(40)}ab`)).toBe(
      false,
    );
    expect(ignores(`${'?*'.repeat(20)}x`, 'a'.repeat(20))).toBe(false);
  });
});
