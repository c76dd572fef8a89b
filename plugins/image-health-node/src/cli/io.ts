/** Where the CLI writes and reads; tests pass their own. */
export interface CliIO {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  cwd: string;
}

export const processIO: CliIO = {
  stdout: text => process.stdout.write(text),
  stderr: text => process.stderr.write(text),
  cwd: process.cwd(),
};

/** A usage or input problem: exit code 2 with a one-line reason on stderr. */
export class CliInputError extends Error {}
