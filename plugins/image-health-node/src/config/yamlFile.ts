import fs from 'node:fs';
import { CliInputError } from '../cli/io';

/** Reads a YAML (or JSON) file; a file that cannot be read or parsed is an input error naming it. */
export function readYamlFile(file: string, what: string): unknown {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (error) {
    throw new CliInputError(
      `cannot read ${what} ${file}: ${
        (error as NodeJS.ErrnoException).code ?? (error as Error).message
      }`,
    );
  }
  try {
    // Loaded only when a config file is read, to keep start-up fast.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { parse } = require('yaml') as typeof import('yaml');
    return parse(text, { maxAliasCount: 100 });
  } catch (error) {
    throw new CliInputError(
      `${what} ${file} is not valid YAML/JSON: ${
        (error as Error).message.split('\n')[0]
      }`,
    );
  }
}

/** Whether a path is a file that exists (a directory or a dangling link is not). */
export function isFile(file: string): boolean {
  try {
    return fs.statSync(file).isFile();
  } catch {
    return false;
  }
}
