/**
 * `.dockerignore` matching as Docker documents it (Go's `filepath.Match` per
 * line, plus `**` for any number of directories and `!` for exceptions), in
 * linear time per line (glob/glob.ts): the file is written by whoever
 * controls the repository.
 */
import { Glob } from '../glob/glob';

interface DockerignoreRule {
  glob: Glob;
  exception: boolean;
}

/** The lines of one `.dockerignore`, read once and asked about many paths. */
export class DockerignoreMatcher {
  private readonly rules: DockerignoreRule[] = [];

  constructor(text: string) {
    for (const raw of text.split('\n')) {
      const line = raw.trim();
      if (!line || line.startsWith('#')) continue;
      const exception = line.startsWith('!');
      const pattern = cleanPattern(exception ? line.slice(1).trim() : line);
      if (pattern === '') continue;
      // A malformed class (`[a-`) can never match: Docker refuses the build.
      const glob = Glob.compile(pattern, { paths: true });
      if (glob) this.rules.push({ glob, exception });
    }
  }

  /**
   * Whether the build context leaves out `path` (relative, `/`-separated): the
   * last line matching it or one of its parent directories decides.
   */
  ignores(path: string): boolean {
    let ignored = false;
    for (const rule of this.rules) {
      if (ignored !== rule.exception) continue; // this line cannot change the answer
      if (rule.glob.matchesPathOrParent(path)) ignored = !rule.exception;
    }
    return ignored;
  }
}

/** Go's `filepath.Clean` as Docker applies it to each line, and the leading `/` dropped. */
function cleanPattern(pattern: string): string {
  const parts: string[] = [];
  for (const part of pattern.split('/')) {
    if (part === '' || part === '.') continue;
    // `..` above the context stays, as in Go, and then matches nothing.
    if (part === '..' && parts.length && parts[parts.length - 1] !== '..')
      parts.pop();
    else parts.push(part);
  }
  return parts.join('/');
}
