import fs from 'fs';
import path from 'path';

/** The Dockerfile of `examples/<dir>`: the example catalog's real files. */
export function exampleDockerfile(dir: string): string {
  return fs.readFileSync(
    path.resolve(__dirname, '../../../../examples', dir, 'Dockerfile'),
    'utf8',
  );
}
