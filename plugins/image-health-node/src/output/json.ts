import type { OutputInput } from './types';

/**
 * `json`: the report model of DESIGN.md, as each command always printed it:
 * `lint` a DockerfileResult per file, `scan` the Report, `inspect` the ImageResult.
 */
export function writeJson(input: OutputInput): string {
  let value: unknown = input.dockerfiles;
  if (input.report) value = input.report;
  else if (input.command === 'inspect') value = input.images[0];
  return `${JSON.stringify(value, null, 2)}\n`;
}
