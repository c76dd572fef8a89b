import fs from 'node:fs';
import { isatty } from 'node:tty';

/** Where the CLI writes and reads; tests pass their own. */
export interface CliIO {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  cwd: string;
  /** The environment (HOME and XDG_CONFIG_HOME locate hadolint's config); process.env when absent. */
  env?: Record<string, string | undefined>;
  /** Whether stdout is a terminal (`tty` output is coloured then). */
  stdoutIsTerminal?: boolean;
}

let stdoutStream = process.platform === 'win32';

/**
 * Writes to file descriptor 1 directly: the first use of `process.stdout`
 * loads Node's stream modules, ~2 ms of `image-health lint`'s start-up.
 * Writing to a file, a terminal or a (blocking) pipe, Node's stdout does the
 * same synchronous write. On any error (a full non-blocking pipe, a closed
 * one) the rest goes through `process.stdout`, which handles or reports it as
 * it always did, and so does every later write, to keep their order. Windows
 * consoles need `process.stdout`'s conversion, so it is used there throughout.
 */
function writeStdout(text: string): void {
  if (!stdoutStream) {
    const bytes = Buffer.from(text);
    let written = 0;
    try {
      while (written < bytes.length)
        written += fs.writeSync(1, bytes, written, bytes.length - written);
      return;
    } catch {
      stdoutStream = true;
      process.stdout.write(bytes.subarray(written));
      return;
    }
  }
  process.stdout.write(text);
}

export const processIO: CliIO = {
  stdout: writeStdout,
  stderr: text => process.stderr.write(text),
  cwd: process.cwd(),
  env: process.env,
  // tty.isatty, not process.stdout.isTTY: the latter loads the stream modules.
  stdoutIsTerminal: isatty(1),
};

/** A usage or input problem: exit code 2 with a one-line reason on stderr. */
export class CliInputError extends Error {}
