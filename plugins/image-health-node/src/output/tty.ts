import type {
  DockerfileResult,
  Finding,
  ImageResult,
  Report,
  Severity,
} from '@image-health/plugin-image-health-common';
import type { OutputInput, OutputOptions } from './types';

const SEVERITY_COLOUR: Record<Severity, string> = {
  error: '31', // red
  warning: '33', // yellow
  info: '36', // cyan
  style: '2', // dim
};

/** A severity word, coloured for a terminal when asked to. */
function severityWord(severity: Severity, color: boolean): string {
  return color
    ? `\u001b[${SEVERITY_COLOUR[severity]}m${severity}\u001b[0m`
    : severity;
}

/**
 * Terminal text cannot carry escape sequences from a Dockerfile or an image
 * (a message quoting an instruction could repaint or clear the user's screen).
 */
function printable(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g, '?');
}

function humanBytes(bytes: number | undefined): string {
  if (bytes === undefined) return '?';
  if (bytes >= 1024 ** 3) return `${(bytes / 1024 ** 3).toFixed(2)} GB`;
  if (bytes >= 1024 ** 2) return `${(bytes / 1024 ** 2).toFixed(1)} MB`;
  if (bytes >= 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${bytes} B`;
}

/** One line per finding, grouped by file, with the fix summary under it. */
export function formatDockerfilesText(
  results: DockerfileResult[],
  color = false,
): string {
  const out: string[] = [];
  for (const result of results) {
    for (const error of result.parseErrors)
      out.push(
        printable(
          `${result.location}:${error.line ?? 1} parse-error ${error.message}`,
        ),
      );
    for (const f of result.findings) {
      const peers = f.equivalents.length
        ? ` (${f.equivalents.join(', ')})`
        : '';
      out.push(
        `${printable(result.location)}:${f.line ?? 1} ${severityWord(
          f.severity,
          color,
        )} ${f.ruleId}${peers}: ${printable(f.message)}`,
      );
      out.push(`    fix: ${printable(f.remediation.summary)}`);
    }
  }
  const total = results.reduce((n, r) => n + r.findings.length, 0);
  out.push(
    `${total} finding${total === 1 ? '' : 's'} in ${results.length} file${
      results.length === 1 ? '' : 's'
    }`,
  );
  return `${out.join('\n')}\n`;
}

/** What the image is: reference, platform, size, user, base image, health check, efficiency. */
function imageSummaryLines(result: ImageResult): string[] {
  const lines: string[] = [];
  lines.push(`${result.ref}`);
  lines.push(`  digest:     ${result.digest}`);
  lines.push(
    `  platform:   ${result.platform}${
      result.platforms.length > 1
        ? ` (also: ${result.platforms
            .filter(p => p !== result.platform)
            .join(', ')})`
        : ''
    }`,
  );
  const fsLayers = result.layers.filter(l => !l.emptyLayer).length;
  lines.push(
    `  size:       ${humanBytes(result.compressedBytes)} compressed${
      result.uncompressedBytes !== undefined
        ? `, ${humanBytes(result.uncompressedBytes)} uncompressed`
        : ''
    }, ${fsLayers} layers (${result.layers.length} history entries)`,
  );
  lines.push(
    `  user:       ${result.user || '(none)'}${
      result.userIsRoot ? ` — root (${result.rootKind})` : ''
    }`,
  );
  if (result.createdAt)
    lines.push(
      `  created:    ${result.createdAt}${
        result.ageDays !== undefined ? ` (${result.ageDays} days ago)` : ''
      }`,
    );
  if (result.baseImage) {
    const share =
      result.baseImageShare !== undefined
        ? `, ${(result.baseImageShare * 100).toFixed(0)}% of the image`
        : '';
    const outdated = result.baseImageOutdated ? ', newer build available' : '';
    lines.push(
      `  base image: ${result.baseImage} (from ${result.baseImageSource}${share}${outdated})`,
    );
  }
  if (result.exposedPorts?.length)
    lines.push(`  ports:      ${result.exposedPorts.join(', ')}`);
  lines.push(`  healthcheck: ${result.healthcheck ?? '(none)'}`);
  if (result.efficiency !== undefined) {
    lines.push(
      `  efficiency: ${(result.efficiency * 100).toFixed(
        2,
      )}%, wasted ${humanBytes(result.wastedBytes)}, reclaimable ${humanBytes(
        result.reclaimableBytes,
      )}`,
    );
  } else if (result.deepAnalysis && !result.deepAnalysis.complete) {
    lines.push(`  deep analysis incomplete: ${result.deepAnalysis.reason}`);
  }
  return lines;
}

/** Each history entry with its size, then the five largest files when they were measured. */
function layerLines(result: ImageResult): string[] {
  const lines = ['layers:'];
  for (const layer of result.layers) {
    const size = layer.emptyLayer
      ? '       -'
      : humanBytes(layer.compressedBytes).padStart(8);
    const created = layer.createdBy.replace(/\s+/g, ' ').slice(0, 100);
    lines.push(
      `  ${size}  ${
        layer.emptyLayer ? '(no files)' : layer.digest.slice(0, 19)
      }  ${created}`,
    );
  }
  if (result.largestFiles?.length) {
    lines.push('largest files:');
    for (const file of result.largestFiles.slice(0, 5))
      lines.push(`  ${humanBytes(file.bytes).padStart(8)}  ${file.path}`);
  }
  return lines;
}

/** Two lines per finding, already printable, the severity coloured when asked to. */
function imageFindingLines(findings: Finding[], color: boolean): string[] {
  const lines: string[] = [];
  for (const f of findings) {
    lines.push(
      `  ${severityWord(f.severity, color)}${' '.repeat(
        Math.max(1, 8 - f.severity.length),
      )}${f.ruleId}  ${printable(f.message)}${
        f.file ? ` (${printable(f.file)}:${f.line})` : ''
      }`,
    );
    lines.push(`          fix: ${printable(f.remediation.summary)}`);
  }
  return lines;
}

/** The ImageResult as a developer reads it in a terminal. */
export function formatImageText(result: ImageResult, color = false): string {
  const lines = [
    ...imageSummaryLines(result),
    ...layerLines(result),
    result.findings.length ? 'findings:' : 'findings: none',
  ];
  // The findings' lines are made printable before the severity is coloured.
  const findingLines = imageFindingLines(result.findings, color);
  return `${[...lines.map(printable), ...findingLines].join('\n')}\n`;
}

function formatReportText(report: Report, color: boolean): string {
  const { score } = report;
  const lines = [
    `score: ${score.value ?? 'N/A'} (${score.grade})${
      report.status !== 'ok' ? `, ${report.status}` : ''
    }`,
  ];
  for (const [name, category] of Object.entries(score.categories)) {
    lines.push(
      `  ${name.padEnd(11)} ${String(category.value ?? 'N/A').padStart(
        3,
      )} ${category.grade.padEnd(3)} ${category.detail}`,
    );
  }
  let text = `${lines.join('\n')}\n`;
  if (report.dockerfiles.length)
    text += `\n${formatDockerfilesText(report.dockerfiles, color)}`;
  for (const image of report.images)
    text += `\n${formatImageText(image, color)}`;
  return text;
}

/** `tty`: what a developer reads in a terminal, each command in its own layout. */
export function writeTty(input: OutputInput, options: OutputOptions): string {
  let text: string;
  if (input.report) text = formatReportText(input.report, options.color);
  else if (input.command === 'inspect')
    text = input.images.map(i => formatImageText(i, options.color)).join('\n');
  else text = formatDockerfilesText(input.dockerfiles, options.color);
  for (const failure of input.failures)
    text += `${severityWord('error', options.color)} threshold: ${printable(
      failure,
    )}\n`;
  return text;
}
