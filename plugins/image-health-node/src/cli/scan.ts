import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import {
  computeScore,
  type DockerfileResult,
  type ImageResult,
  type Report,
  type Severity,
} from '@image-health/plugin-image-health-common';
import { analyzeDockerfile } from '../dockerfile/analyze';
import { parseReference } from '../registry/reference';
import { readLintConfig, SEVERITIES, type LintConfig } from './config';
import { formatText } from './format';
import { cliImageInspector, formatInspectText } from './inspect';
import { CliInputError, type CliIO } from './io';
import { readDockerignore } from './lint';

const USAGE =
  'usage: image-health scan --dockerfile <path>… --image <ref>… [--format text|json] [--fail-on error|warning|info|style|none] [--min-score 0-100] [--deep] [--platform os/arch] [--insecure-registry host]… [--config file] [--entity ref]';

/**
 * `image-health scan`: the Dockerfiles and images of one component, linked
 * and scored as one Report (the same model the backend stores).
 */
export async function runScan(args: string[], io: CliIO): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args,
      options: {
        dockerfile: { type: 'string', multiple: true, default: [] },
        image: { type: 'string', multiple: true, default: [] },
        format: { type: 'string', default: 'text' },
        'fail-on': { type: 'string', default: 'error' },
        'min-score': { type: 'string' },
        deep: { type: 'boolean', default: false },
        platform: { type: 'string' },
        'insecure-registry': { type: 'string', multiple: true, default: [] },
        config: { type: 'string' },
        entity: { type: 'string', default: 'component:default/cli' },
        help: { type: 'boolean', short: 'h', default: false },
      },
    });
  } catch (error) {
    throw new CliInputError(`${(error as Error).message}; ${USAGE}`);
  }
  const { values } = parsed;
  if (values.help) {
    io.stdout(`${USAGE}\n`);
    return 0;
  }
  const dockerfiles = values.dockerfile as string[];
  const images = values.image as string[];
  if (dockerfiles.length === 0 && images.length === 0)
    throw new CliInputError(
      `give a --dockerfile, an --image or both; ${USAGE}`,
    );
  if (values.format !== 'text' && values.format !== 'json')
    throw new CliInputError(
      `--format must be text or json, not "${values.format}"`,
    );
  const failOn = values['fail-on'] as Severity | 'none';
  if (failOn !== 'none' && !SEVERITIES.includes(failOn))
    throw new CliInputError(
      `--fail-on must be one of ${SEVERITIES.join(
        ', ',
      )} or none, not "${failOn}"`,
    );
  const minScore =
    values['min-score'] === undefined ? undefined : Number(values['min-score']);
  if (minScore !== undefined && !(minScore >= 0 && minScore <= 100))
    throw new CliInputError(
      `--min-score must be a number from 0 to 100, not "${values['min-score']}"`,
    );
  const config: LintConfig = values.config
    ? await readLintConfig(path.resolve(io.cwd, values.config))
    : { ignore: [], severity: {} };

  const dockerfileResults: DockerfileResult[] = [];
  const contents = new Map<string, string>();
  for (const file of dockerfiles) {
    const absolute = path.resolve(io.cwd, file);
    let content: string;
    try {
      content = fs.readFileSync(absolute, 'utf8');
    } catch (error) {
      throw new CliInputError(
        `cannot read ${file}: ${
          (error as NodeJS.ErrnoException).code ?? (error as Error).message
        }`,
      );
    }
    contents.set(file, content);
    dockerfileResults.push(
      analyzeDockerfile({
        location: file,
        content,
        dockerignore: readDockerignore(absolute),
        ignore: config.ignore,
        severity: config.severity,
      }),
    );
  }

  const imageResults: ImageResult[] = [];
  const errors: string[] = [];
  if (images.length > 0) {
    const refHosts: string[] = [];
    for (const ref of images) {
      let parsedRef;
      try {
        parsedRef = parseReference(ref);
      } catch (error) {
        throw new CliInputError((error as Error).message);
      }
      if (parsedRef.kind === 'registry') refHosts.push(parsedRef.host);
    }
    const inspector = await cliImageInspector({
      refHosts,
      insecureRegistries: values['insecure-registry'] as string[],
      platform: values.platform,
      deep: Boolean(values.deep),
    });
    // The image is linked to the first Dockerfile, as the backend links them,
    // so its findings name the line that caused them.
    const linked = dockerfiles[0];
    try {
      for (const ref of images) {
        try {
          imageResults.push(
            await inspector.inspect(ref, {
              deep: Boolean(values.deep),
              dockerfile: linked
                ? { location: linked, content: contents.get(linked) ?? '' }
                : undefined,
            }),
          );
        } catch (error) {
          errors.push(`${ref}: ${(error as Error).message.split('\n')[0]}`);
        }
      }
    } finally {
      await inspector.close();
    }
  }

  const score = computeScore({
    dockerfiles: dockerfileResults,
    images: imageResults,
  });
  let status: Report['status'] = 'ok';
  if (errors.length > 0)
    status =
      dockerfileResults.length + imageResults.length > 0 ? 'partial' : 'failed';
  const report: Report = {
    entityRef: values.entity as string,
    scannedAt: new Date().toISOString(),
    status,
    ...(errors.length ? { error: errors.join('; ') } : {}),
    score,
    dockerfiles: dockerfileResults,
    images: imageResults,
  };

  if (values.format === 'json') {
    io.stdout(`${JSON.stringify(report, null, 2)}\n`);
  } else {
    io.stdout(formatReportText(report));
  }
  for (const error of errors) io.stderr(`image-health scan: ${error}\n`);

  if (status === 'failed') return 2;
  if (minScore !== undefined && (score.value ?? 0) < minScore) return 1;
  if (failOn === 'none') return 0;
  const threshold = SEVERITIES.indexOf(failOn);
  const findings = [...dockerfileResults, ...imageResults].flatMap(
    r => r.findings,
  );
  return findings.some(f => SEVERITIES.indexOf(f.severity) <= threshold)
    ? 1
    : 0;
}

function formatReportText(report: Report): string {
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
  if (report.dockerfiles.length) text += `\n${formatText(report.dockerfiles)}`;
  for (const image of report.images) text += `\n${formatInspectText(image)}`;
  return text;
}
