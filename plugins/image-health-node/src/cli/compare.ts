import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import {
  compareReports,
  formatBytes,
  type Delta,
  type FindingChange,
  type ImageComparison,
  type Report,
  type ReportComparison,
} from '@image-health/plugin-image-health-common';
import { CliInputError, type CliIO } from './io';
import { runScan } from './scan';
import {
  DEEP_LIMIT_OPTIONS,
  DEEP_LIMIT_USAGE,
  deepLimitArgs,
} from './deepAnalysisLimits';

const USAGE = `usage: image-health compare <a> <b> [--deep] [--top N] [--format text|json|markdown] [--platform os/arch] [--insecure-registry host]… [--config file] ${DEEP_LIMIT_USAGE}   (each of a, b: a Dockerfile path or an image reference)`;

const FORMATS = ['text', 'json', 'markdown'] as const;

/**
 * `image-health compare A B`: two Dockerfiles, two images, or one of each,
 * each scanned into a Report exactly as `image-health scan` makes it, then
 * compared: score, sizes, layers added/removed/unchanged, the largest files
 * (with --deep) and the findings fixed and introduced.
 */
export async function runCompare(args: string[], io: CliIO): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args,
      allowPositionals: true,
      options: {
        deep: { type: 'boolean', default: false },
        top: { type: 'string', default: '10' },
        format: { type: 'string', default: 'text' },
        platform: { type: 'string' },
        'insecure-registry': { type: 'string', multiple: true, default: [] },
        config: { type: 'string' },
        ...DEEP_LIMIT_OPTIONS,
        help: { type: 'boolean', short: 'h', default: false },
      },
    });
  } catch (error) {
    throw new CliInputError(`${(error as Error).message}; ${USAGE}`);
  }
  const { values, positionals } = parsed;
  if (values.help) {
    io.stdout(`${USAGE}\n`);
    return 0;
  }
  if (positionals.length !== 2)
    throw new CliInputError(`give exactly two inputs to compare; ${USAGE}`);
  const format = values.format as (typeof FORMATS)[number];
  if (!FORMATS.includes(format))
    throw new CliInputError(
      `--format must be one of ${FORMATS.join(', ')}, not "${values.format}"`,
    );
  const top = Number(values.top);
  if (!Number.isInteger(top) || top < 1)
    throw new CliInputError(
      `--top must be a whole number from 1, not "${values.top}"`,
    );

  const shared = [
    ...(values.deep ? ['--deep'] : []),
    ...(values.platform ? ['--platform', values.platform] : []),
    ...(values['insecure-registry'] as string[]).flatMap(h => [
      '--insecure-registry',
      h,
    ]),
    ...(values.config ? ['--config', values.config] : []),
    ...deepLimitArgs(values),
  ];
  const [before, after] = [
    await scanInput(positionals[0], shared, io),
    await scanInput(positionals[1], shared, io),
  ];
  const comparison = compareReports(before, after);
  if (format === 'json') io.stdout(`${JSON.stringify(comparison, null, 2)}\n`);
  else if (format === 'markdown')
    io.stdout(formatCompareMarkdown(comparison, positionals, top));
  else io.stdout(formatCompareText(comparison, positionals, top));
  return 0;
}

/** One side: a file that exists is a Dockerfile, anything else an image reference. */
async function scanInput(
  input: string,
  shared: string[],
  io: CliIO,
): Promise<Report> {
  const isFile = fs
    .statSync(path.resolve(io.cwd, input), {
      throwIfNoEntry: false,
    })
    ?.isFile();
  let out = '';
  let err = '';
  const code = await runScan(
    [
      isFile ? '--dockerfile' : '--image',
      input,
      '--format',
      'json',
      '--fail-on',
      'none',
      '--entity',
      input,
      ...shared,
    ],
    { cwd: io.cwd, stdout: t => (out += t), stderr: t => (err += t) },
  );
  if (code === 2 || !out)
    throw new CliInputError(
      `${input}: ${err.trim().split('\n')[0] || 'could not be scanned'}`,
    );
  // A partial scan (an image that could not be read) still compares what it has.
  if (err) io.stderr(err);
  return JSON.parse(out) as Report;
}

function signed(delta: number | undefined, bytes = false): string {
  if (delta === undefined) return '';
  const text = bytes ? formatBytes(Math.abs(delta)) : String(Math.abs(delta));
  if (delta === 0) return bytes ? '±0 B' : '±0';
  return `${delta > 0 ? '+' : '-'}${text}`;
}

function bytesDelta(d: Delta): string {
  const side = (n?: number) => (n === undefined ? '—' : formatBytes(n));
  return `${side(d.before)} → ${side(d.after)}${
    d.delta === undefined ? '' : ` (${signed(d.delta, true)})`
  }`;
}

function findingLine(f: FindingChange): string {
  const at = f.file ? ` ${f.file}${f.line ? `:${f.line}` : ''}` : '';
  return `${f.severity} ${f.ruleId}${at}: ${f.message}`;
}

const LAYER_MARK = { added: '+', removed: '-', unchanged: '=' } as const;

function imageText(image: ImageComparison, top: number): string[] {
  const lines = [
    `image: ${image.before?.ref ?? '—'} → ${image.after?.ref ?? '—'}`,
    `  compressed:   ${bytesDelta(image.compressedBytes)}`,
  ];
  if (image.uncompressedBytes.delta !== undefined)
    lines.push(`  uncompressed: ${bytesDelta(image.uncompressedBytes)}`);
  lines.push(
    `  layers:       ${image.layerCount.before ?? '—'} → ${
      image.layerCount.after ?? '—'
    } (${image.layersUnchanged} unchanged, ${image.layersAdded} added, ${
      image.layersRemoved
    } removed)`,
  );
  for (const layer of image.layers)
    lines.push(
      `    ${LAYER_MARK[layer.change]} ${formatBytes(
        layer.compressedBytes,
      ).padStart(9)}  ${layer.createdBy.replace(/\s+/g, ' ').slice(0, 100)}`,
    );
  if (image.wastedBytes.delta !== undefined)
    lines.push(`  wasted:       ${bytesDelta(image.wastedBytes)}`);
  if (image.userIsRoot.before !== image.userIsRoot.after)
    lines.push(
      `  runs as root: ${image.userIsRoot.before ?? '—'} → ${
        image.userIsRoot.after ?? '—'
      }`,
    );
  if (image.largestFiles?.length) {
    lines.push('  largest files:');
    for (const file of image.largestFiles.slice(0, top))
      lines.push(
        `    ${file.change.padEnd(7)} ${file.path} ${
          file.before === undefined ? '' : formatBytes(file.before)
        }${file.before !== undefined && file.after !== undefined ? ' → ' : ''}${
          file.after === undefined ? '' : formatBytes(file.after)
        }`,
      );
  }
  return lines;
}

/** The comparison as a developer reads it in a terminal. */
export function formatCompareText(
  comparison: ReportComparison,
  [a, b]: string[],
  top: number,
): string {
  const { score } = comparison;
  const lines = [
    `compare ${a} → ${b}`,
    `score: ${score.before ?? 'N/A'} (${score.gradeBefore}) → ${
      score.after ?? 'N/A'
    } (${score.gradeAfter})${
      score.delta === undefined ? '' : `, ${signed(score.delta)}`
    }`,
  ];
  for (const image of comparison.images) lines.push(...imageText(image, top));
  lines.push(`findings fixed (${comparison.findingsFixed.length}):`);
  for (const f of comparison.findingsFixed) lines.push(`  ${findingLine(f)}`);
  lines.push(`findings introduced (${comparison.findingsIntroduced.length}):`);
  for (const f of comparison.findingsIntroduced)
    lines.push(`  ${findingLine(f)}`);
  return `${lines.join('\n')}\n`;
}

/** Markdown cells hold user text: pipes and line breaks would end the cell. */
function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\s+/g, ' ');
}

/** The comparison as a pull-request comment. */
export function formatCompareMarkdown(
  comparison: ReportComparison,
  [a, b]: string[],
  top: number,
): string {
  const { score } = comparison;
  const out = [
    `### Image Health: \`${cell(a)}\` → \`${cell(b)}\``,
    '',
    '| | before | after | change |',
    '|---|---|---|---|',
    `| score | ${score.before ?? 'N/A'} (${score.gradeBefore}) | ${
      score.after ?? 'N/A'
    } (${score.gradeAfter}) | ${signed(score.delta)} |`,
  ];
  comparison.images.forEach((image, i) => {
    const name = comparison.images.length > 1 ? ` ${i + 1}` : '';
    const side = (n?: number) => (n === undefined ? '—' : formatBytes(n));
    out.push(
      `| image${name} compressed | ${side(
        image.compressedBytes.before,
      )} | ${side(image.compressedBytes.after)} | ${signed(
        image.compressedBytes.delta,
        true,
      )} |`,
      `| image${name} layers | ${image.layerCount.before ?? '—'} | ${
        image.layerCount.after ?? '—'
      } | ${image.layersAdded} added, ${image.layersRemoved} removed, ${
        image.layersUnchanged
      } unchanged |`,
    );
  });
  out.push(
    `| findings | | | ${comparison.findingsFixed.length} fixed, ${comparison.findingsIntroduced.length} introduced |`,
  );
  const list = (title: string, findings: FindingChange[]) => {
    if (!findings.length) return;
    out.push(
      '',
      `<details><summary>${title} (${findings.length})</summary>`,
      '',
    );
    for (const f of findings.slice(0, 50)) {
      const at = f.file ? ` ${cell(f.file)}${f.line ? `:${f.line}` : ''}` : '';
      out.push(`- ${f.severity} \`${f.ruleId}\`${at}: ${cell(f.message)}`);
    }
    out.push('', '</details>');
  };
  list('Findings introduced', comparison.findingsIntroduced);
  list('Findings fixed', comparison.findingsFixed);
  for (const image of comparison.images) {
    if (!image.largestFiles?.length) continue;
    out.push(
      '',
      '| largest files | change | before | after |',
      '|---|---|---|---|',
    );
    for (const f of image.largestFiles.slice(0, top))
      out.push(
        `| \`${cell(f.path)}\` | ${f.change} | ${
          f.before === undefined ? '' : formatBytes(f.before)
        } | ${f.after === undefined ? '' : formatBytes(f.after)} |`,
      );
  }
  return `${out.join('\n')}\n`;
}
