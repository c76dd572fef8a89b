import fs from 'node:fs';
import path from 'node:path';

/**
 * The shared corpus of real Dockerfiles, `../shared/corpus` beside the
 * repository (never copied into it); looked for further up too, so a checkout
 * one directory deeper (a git worktree under `wt/`) finds the same corpus.
 */
// eslint-disable-next-line no-restricted-syntax -- a test helper that reads from the source tree, never bundled
export const CORPUS = corpusDirectory(path.resolve(__dirname, '../../../..'));

function corpusDirectory(repositoryRoot: string): string {
  for (let dir = path.dirname(repositoryRoot); ; dir = path.dirname(dir)) {
    const candidate = path.join(dir, 'shared', 'corpus');
    if (fs.existsSync(candidate) || path.dirname(dir) === dir) return candidate;
  }
}

/** A corpus Dockerfile's text, by its path under the corpus (`apps/docker/…/Dockerfile`). */
export function corpusFile(relative: string): string {
  return fs.readFileSync(path.join(CORPUS, relative), 'utf8');
}

/**
 * The `.dockerignore` beside a corpus Dockerfile, or undefined: the corpus
 * holds Dockerfiles, not whole build contexts, so a missing file proves nothing.
 */
export function corpusDockerignore(relative: string): string | undefined {
  const file = path.join(CORPUS, path.dirname(relative), '.dockerignore');
  return fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : undefined;
}
