import { writeCheckstyle } from './checkstyle';
import { writeCodeClimate } from './codeclimate';
import { writeGithub } from './github';
import { writeGitlabCodeClimate } from './gitlabCodeClimate';
import { writeJson } from './json';
import { writeJunit } from './junit';
import { writeSarif } from './sarif';
import { writeTty } from './tty';
import type { OutputInput, OutputOptions } from './types';

export type { OutputCommand, OutputInput, OutputOptions } from './types';
export { formatDockerfilesText, formatImageText } from './tty';

/** Every format `lint`, `scan` and `inspect` write (hadolint's names where it has one). */
export const OUTPUT_FORMATS = [
  'tty',
  'json',
  'sarif',
  'checkstyle',
  'codeclimate',
  'gitlab_codeclimate',
  'junit',
  'github',
] as const;

export type OutputFormat = (typeof OUTPUT_FORMATS)[number];

const WRITERS: Record<
  OutputFormat,
  (input: OutputInput, options: OutputOptions) => string
> = {
  tty: writeTty,
  json: writeJson,
  sarif: writeSarif,
  checkstyle: writeCheckstyle,
  codeclimate: writeCodeClimate,
  gitlab_codeclimate: writeGitlabCodeClimate,
  junit: writeJunit,
  github: writeGithub,
};

/** A format's name as a user writes it (`text` is the older name of `tty`); undefined if unknown. */
export function outputFormatNamed(name: string): OutputFormat | undefined {
  if (name === 'text') return 'tty';
  return (OUTPUT_FORMATS as readonly string[]).includes(name)
    ? (name as OutputFormat)
    : undefined;
}

/** The one place a format is picked: the text a command prints on stdout. */
export function writeOutput(
  format: OutputFormat,
  input: OutputInput,
  options: OutputOptions,
): string {
  return WRITERS[format](input, options);
}
