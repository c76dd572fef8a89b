import type {
  DockerfileResult,
  Finding,
  ImageResult,
  Report,
} from '@image-health/plugin-image-health-common';
import { isSecretName } from './names';
import { REDACTED, redactText } from './text';

/**
 * The report with every secret value the scan read replaced by `[redacted]`,
 * before it is stored or printed: a report is shown to every reader of the
 * entity, and a secret baked into an image or written in a Dockerfile must not
 * travel further than it already has. Names stay (`DB_PASSWORD`), so findings
 * still say what to remove.
 */
export function redactReport(report: Report): Report {
  return {
    ...report,
    ...(report.error !== undefined ? { error: redactText(report.error) } : {}),
    dockerfiles: report.dockerfiles.map(redactDockerfileResult),
    images: report.images.map(redactImageResult),
  };
}

export function redactDockerfileResult(
  result: DockerfileResult,
): DockerfileResult {
  return {
    ...result,
    location: redactText(result.location),
    findings: result.findings.map(redactFinding),
    ...optional('content', result.content),
    ...optional('suggestedDockerfile', result.suggestedDockerfile),
    parseErrors: result.parseErrors.map(e => ({
      ...e,
      message: redactText(e.message),
    })),
  };
}

export function redactImageResult(result: ImageResult): ImageResult {
  return {
    ...result,
    layers: result.layers.map(layer => ({
      ...layer,
      createdBy: redactText(layer.createdBy),
    })),
    findings: result.findings.map(redactFinding),
    ...(result.labels ? { labels: redactLabels(result.labels) } : {}),
    ...optional('healthcheck', result.healthcheck),
    ...(result.deepAnalysis?.reason !== undefined
      ? {
          deepAnalysis: {
            ...result.deepAnalysis,
            reason: redactText(result.deepAnalysis.reason),
          },
        }
      : {}),
  };
}

export function redactFinding(finding: Finding): Finding {
  const { remediation } = finding;
  return {
    ...finding,
    message: redactText(finding.message),
    ...optional('file', finding.file),
    remediation: {
      ...remediation,
      summary: redactText(remediation.summary),
      ...optional('before', remediation.before),
      ...optional('after', remediation.after),
    },
  };
}

/** A label whose key looks secret loses its whole value; any other, the secrets inside it. */
export function redactLabels(
  labels: Record<string, string>,
): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(labels))
    out[key] = isSecretName(key) ? REDACTED : redactText(String(value));
  return out;
}

function optional<K extends string>(
  key: K,
  value: string | undefined,
): Partial<Record<K, string>> {
  return value === undefined
    ? {}
    : ({ [key]: redactText(value) } as Record<K, string>);
}
