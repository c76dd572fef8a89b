import {
  computeScore,
  type DockerfileResult,
  type ImageResult,
  type Report,
} from '@image-health/plugin-image-health-common';
import { refineBaseImageFindings } from '../baseImages';
import { analyzeWithFixes } from '../dockerfile/analyze';
import {
  redactDockerfileResult,
  redactImageResult,
  redactText,
} from '../secrets';
import type { DockerfileModel } from '../dockerfile/model';
import { parseDockerfile } from '../dockerfile/parse';
import { applyPolicy } from '../policy';
import type {
  DockerfileInput,
  EarlierResult,
  ImageInput,
  ScanInputs,
} from './inputs';
import { linkedDockerfile } from './link';
import {
  applyRuleSettings,
  compileRuleSettings,
  type CompiledRuleSettings,
} from './ruleSettings';
import { scanStatus, type InputOutcome } from './status';

/** A Report and what became of each input, in the order given (before the policy is applied). */
export interface ScanResult {
  report: Report;
  dockerfiles: Array<InputOutcome<DockerfileResult>>;
  images: Array<InputOutcome<ImageResult>>;
}

/** The first line of an error, with any credentials in a URL masked. */
export function describeError(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return text.split('\n')[0].replace(/\/\/[^/@\s]+@/g, '//***@');
}

function failed<R>(
  reason: string,
  earlier?: EarlierResult<R>,
): InputOutcome<R> {
  return earlier
    ? {
        result: earlier.result,
        error: `${reason} (showing the result of ${earlier.scannedAt})`,
      }
    : { error: reason };
}

async function analyze(
  input: DockerfileInput,
  scan: ScanInputs,
  now: Date,
): Promise<{
  outcome: InputOutcome<DockerfileResult>;
  model?: DockerfileModel;
}> {
  if (input.kind === 'unchanged') return { outcome: { result: input.result } };
  if (input.kind === 'unreadable')
    return { outcome: failed(input.error, input.earlier) };
  const settings = scan.rules;
  const analysed = analyzeWithFixes({
    location: input.location,
    content: input.content,
    dockerignore: input.dockerignore,
    ignore: settings?.ignore,
    severity: settings?.severity,
    labelSchema: settings?.labelSchema,
    strictLabels: settings?.strictLabels,
    trustedRegistries: settings?.trustedRegistries,
    disableIgnorePragma: settings?.disableIgnorePragma,
    now,
  });
  const result = scan.baseImages
    ? await refineBaseImageFindings(analysed.result, scan.baseImages)
    : analysed.result;
  // The text as read goes with the result: the UI diffs the suggested Dockerfile
  // against it. Secret values are redacted before anything leaves the engine.
  return {
    outcome: {
      result: redactDockerfileResult({ ...result, content: input.content }),
    },
    model: analysed.model,
  };
}

async function inspect(
  input: ImageInput,
  scan: ScanInputs,
  settings: CompiledRuleSettings,
  dockerfile: { location: string; model: DockerfileModel } | undefined,
): Promise<InputOutcome<ImageResult>> {
  if (input.kind === 'unchanged') return { result: input.result };
  scan.signal?.throwIfAborted();
  const reason = (why: string) => `image ${input.ref}: ${why}`;
  if (input.kind === 'unreadable')
    return failed(reason(input.error), input.earlier);
  if (!scan.inspector)
    return failed(reason('no image inspector was given'), input.earlier);
  try {
    const inspected = await scan.inspector.inspect(input.ref, {
      ...(scan.platform ? { platform: scan.platform } : {}),
      ...(scan.deep !== undefined ? { deep: scan.deep } : {}),
      ...(dockerfile ? { dockerfile } : {}),
    });
    return {
      result: redactImageResult({
        ...inspected,
        findings: applyRuleSettings(inspected.findings, settings),
      }),
    };
  } catch (error) {
    return failed(reason(describeError(error)), input.earlier);
  }
}

/**
 * The one way a Report is made, for the CLI and the backend alike: analyse
 * the Dockerfiles, inspect the images (linked to the Dockerfile they were
 * built from, parsed once), apply the rule settings, then the organisation's
 * policy, then status and score against the size budgets. Results the caller already has (unchanged
 * inputs, earlier results of unreadable ones) go in as they are.
 */
export async function buildReport(scan: ScanInputs): Promise<ScanResult> {
  const settings = compileRuleSettings(scan.rules);
  const scannedAt = scan.scannedAt ?? new Date().toISOString();
  const analysed = await Promise.all(
    scan.dockerfiles.map(input => analyze(input, scan, new Date(scannedAt))),
  );

  const link = linkedDockerfile(scan.dockerfiles);
  const needsLink = scan.images.some(i => i.kind === 'inspect');
  const dockerfile =
    link && needsLink
      ? {
          location: link.location,
          model: analysed[link.index].model ?? parseDockerfile(link.content),
        }
      : undefined;
  const images = await Promise.all(
    scan.images.map(input => inspect(input, scan, settings, dockerfile)),
  );

  const dockerfiles = analysed.map(a => a.outcome);
  const outcomes = [...dockerfiles, ...images];
  const errors = outcomes.flatMap(o => (o.error ? [o.error] : []));
  const judged = applyPolicy(scan.policy, {
    dockerfiles: dockerfiles.flatMap(o => (o.result ? [o.result] : [])),
    models: analysed.flatMap(a => (a.outcome.result ? [a.model] : [])),
    images: images.flatMap(o => (o.result ? [o.result] : [])),
  });
  const dockerfileResults = judged.dockerfiles;
  const imageResults = judged.images;
  const report: Report = {
    entityRef: scan.entityRef,
    scannedAt,
    status: scanStatus(outcomes),
    ...(errors.length ? { error: redactText(errors.join('; ')) } : {}),
    score: computeScore({
      dockerfiles: dockerfileResults,
      images: imageResults,
      budgets: scan.budgets,
      sizeBudget: scan.sizeBudget,
    }),
    dockerfiles: dockerfileResults,
    images: imageResults,
  };
  return { report, dockerfiles, images };
}
