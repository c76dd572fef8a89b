import { createHash } from 'crypto';
import { LoggerService } from '@backstage/backend-plugin-api';
import { isError } from '@backstage/errors';
import {
  computeScore,
  DockerfileResult,
  Finding,
  ImageResult,
  Report,
  ReportStatus,
  RuleInfo,
  Score,
  Severity,
  SizeBudgets,
} from '@image-health/plugin-image-health-common';
import type { AnalyzeOptions } from '@image-health/plugin-image-health-node';
import { DockerfileSource, redactUrlCredentials } from './DockerfileSource';
import { DockerfileTarget, ScanTarget } from './targets';

/** The engine functions the scanner calls, from `@image-health/plugin-image-health-node`. */
export interface ScanEngine {
  analyzeDockerfile(options: AnalyzeOptions): DockerfileResult;
  /** Every rule, Dockerfile and image: what `GET /v1/rules` lists. */
  listRules(): RuleInfo[];
  inspector: {
    /** `dockerfile` links image findings to the lines that made them. */
    inspect(
      ref: string,
      options?: { dockerfile?: { location: string; content: string } },
    ): Promise<ImageResult>;
    /** One HEAD request; used for incremental scans when the inspector offers it. */
    resolveDigest?(ref: string): Promise<string>;
  };
}

/** What identifies each scanned input, so an unchanged one can be reused. */
export interface ArtifactFingerprints {
  /** Hash of everything besides the inputs that shapes a result: rules, ignores, severities. */
  settings: string;
  dockerfiles: Record<
    string,
    {
      url: string;
      etag?: string;
      ignoreEtag?: string;
      ignorePresent: boolean;
      hash: string;
    }
  >;
  images: Record<string, ImageFingerprint>;
}

export interface ImageFingerprint {
  digest: string;
  /** Hash of the Dockerfile the result was linked to, if any. */
  dockerfileHash?: string;
}

/** What one scan did with each input; stored on the scan row. */
export type ScanCheck =
  | {
      kind: 'dockerfile';
      location: string;
      url?: string;
      etag?: string;
      hash?: string;
      reused: boolean;
      error?: string;
    }
  | {
      kind: 'image';
      ref: string;
      digest?: string;
      reused: boolean;
      error?: string;
    };

export interface PreviousScan {
  report: Report;
  fingerprints: ArtifactFingerprints;
}

export interface ScanOutcome {
  /** `not-applicable`: the entity has no Dockerfile at its source root and nothing else to scan. */
  status: ReportStatus | 'not-applicable';
  error?: string;
  dockerfiles: DockerfileResult[];
  images: ImageResult[];
  score: Score;
  fingerprints: ArtifactFingerprints;
  checks: ScanCheck[];
  /** Every input was unchanged, so the previous report stands as it is. */
  unchanged: boolean;
}

export interface EntityScannerOptions {
  source: DockerfileSource;
  engine: ScanEngine;
  logger: LoggerService;
  rules: { ignore: string[]; severity: Record<string, Severity> };
  budgets: SizeBudgets;
  /** Anything else that changes image results (platform, deep analysis). */
  imageSettings: unknown;
}

function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

function message(error: unknown): string {
  return redactUrlCredentials(isError(error) ? error.message : String(error));
}

type ArtifactScan<R, F> = {
  result?: R;
  fingerprint?: F;
  check: ScanCheck;
  error?: string;
  /** The default root Dockerfile does not exist: nothing to report. */
  absent?: boolean;
};

/** Scans one entity's Dockerfiles and images, reusing what did not change. */
export class EntityScanner {
  constructor(private readonly options: EntityScannerOptions) {}

  async scan(
    target: ScanTarget,
    previous?: PreviousScan,
  ): Promise<ScanOutcome> {
    const ignore = [
      ...new Set([...this.options.rules.ignore, ...target.ignore]),
    ].sort();
    const severity = this.options.rules.severity;
    const settings = sha256(
      JSON.stringify({
        ignore,
        severity,
        rules: this.options.engine
          .listRules()
          .map(rule => `${rule.id}:${rule.severity}`),
        image: this.options.imageSettings,
      }),
    );
    const comparable =
      previous && previous.fingerprints.settings === settings
        ? previous
        : undefined;

    const dockerfileScans = await Promise.all(
      target.dockerfiles.map(dockerfile =>
        this.scanDockerfile(target, dockerfile, {
          ignore,
          severity,
          comparable,
          previous,
        }),
      ),
    );
    // An image is linked to the entity's (first) Dockerfile, so its findings
    // point at the lines that made its layers.
    const linked = dockerfileScans.find(s => s.result?.content !== undefined);
    const dockerfile = linked?.result
      ? {
          location: linked.result.location,
          content: linked.result.content!,
          hash: sha256(linked.result.content!),
        }
      : undefined;
    const imageScans = await Promise.all(
      target.images.map(ref =>
        this.scanImage(ref, {
          ignore,
          severity,
          comparable,
          previous,
          dockerfile,
        }),
      ),
    );

    const present = dockerfileScans.filter(s => !s.absent);
    const dockerfiles = present.flatMap(s => (s.result ? [s.result] : []));
    const images = imageScans.flatMap(s => (s.result ? [s.result] : []));
    const errors = [...present, ...imageScans].flatMap(s =>
      s.error ? [s.error] : [],
    );
    const checks = [...present, ...imageScans].map(s => s.check);
    const fingerprints: ArtifactFingerprints = {
      settings,
      dockerfiles: {},
      images: {},
    };
    dockerfileScans.forEach((s, i) => {
      if (s.fingerprint && !s.absent) {
        fingerprints.dockerfiles[target.dockerfiles[i].location] =
          s.fingerprint;
      }
    });
    imageScans.forEach((s, i) => {
      if (s.fingerprint) fingerprints.images[target.images[i]] = s.fingerprint;
    });

    // Nothing read now: the scan failed, and the last good report stays as it was.
    let status: ScanOutcome['status'];
    if (present.length === 0 && imageScans.length === 0) {
      status = 'not-applicable';
    } else if (errors.length === 0) {
      status = 'ok';
    } else if ([...present, ...imageScans].some(s => s.result && !s.error)) {
      // Some inputs were read now; the others show their last result.
      status = 'partial';
    } else {
      status = 'failed';
    }

    return {
      status,
      error: errors.length ? errors.join('; ') : undefined,
      dockerfiles,
      images,
      score: computeScore({
        dockerfiles,
        images,
        budgets: this.options.budgets,
      }),
      fingerprints,
      checks,
      unchanged:
        Boolean(previous) &&
        status === 'ok' &&
        checks.length > 0 &&
        checks.every(c => c.reused),
    };
  }

  private async scanDockerfile(
    target: ScanTarget,
    dockerfile: DockerfileTarget,
    context: {
      ignore: string[];
      severity: Record<string, Severity>;
      comparable?: PreviousScan;
      previous?: PreviousScan;
    },
  ): Promise<
    ArtifactScan<DockerfileResult, ArtifactFingerprints['dockerfiles'][string]>
  > {
    const { location, url } = dockerfile;
    const lastResult = context.previous?.report.dockerfiles.find(
      d => d.location === location,
    );
    const failed = (reason: string) => ({
      result: lastResult,
      fingerprint: undefined,
      check: {
        kind: 'dockerfile' as const,
        location,
        url,
        reused: false,
        error: reason,
      },
      error: lastResult
        ? `${reason} (showing the result of ${
            context.previous!.report.scannedAt
          })`
        : reason,
    });
    if (!url) return failed(dockerfile.error ?? `cannot resolve ${location}`);

    const source = this.options.source;
    const ignoreUrl = source.dockerignoreUrl(url);
    const known = context.comparable?.fingerprints.dockerfiles[location];
    const reusable = known && known.url === url ? lastResult : undefined;
    const reuse = () => ({
      result: reusable,
      fingerprint: known,
      check: {
        kind: 'dockerfile' as const,
        location,
        url,
        etag: known!.etag,
        hash: known!.hash,
        reused: true,
      },
    });

    try {
      // Cheapest path first: the source confirms both files are unchanged.
      if (reusable && known!.etag) {
        const read = await source.read(url, { etag: known!.etag });
        if (read.state === 'unchanged') {
          const ignoreRead = await source.read(ignoreUrl, {
            etag: known!.ignoreEtag,
          });
          if (
            ignoreRead.state === 'unchanged' ||
            (ignoreRead.state === 'missing' && !known!.ignorePresent)
          ) {
            return reuse();
          }
        }
      }

      const read = await source.read(url);
      if (read.state === 'missing') {
        if (target.defaultDockerfile) {
          return {
            check: { kind: 'dockerfile', location, url, reused: false },
            absent: true,
          };
        }
        return failed(
          `${location} was not found at ${url}: check the image-health/dockerfile annotation of ${target.entityRef}`,
        );
      }
      if (read.state !== 'read') {
        throw new Error(`${url} answered "not modified" to a plain read`);
      }
      const ignoreRead = await source.read(ignoreUrl);
      const dockerignore =
        ignoreRead.state === 'read' ? ignoreRead.content : null;
      const hash = sha256(
        `${read.content}\u0000${dockerignore ?? '\u0000none'}`,
      );
      const fingerprint = {
        url,
        etag: read.etag,
        ignoreEtag: ignoreRead.state === 'read' ? ignoreRead.etag : undefined,
        ignorePresent: dockerignore !== null,
        hash,
      };
      if (reusable && known!.hash === hash) {
        return {
          ...reuse(),
          fingerprint,
          check: { ...reuse().check, etag: read.etag },
        };
      }

      const result = {
        // The UI diffs the suggested Dockerfile against what was read.
        content: read.content,
        ...this.options.engine.analyzeDockerfile({
          location,
          content: read.content,
          dockerignore,
          ignore: context.ignore,
          severity: context.severity,
        }),
      };
      return {
        result,
        fingerprint,
        check: {
          kind: 'dockerfile',
          location,
          url,
          etag: read.etag,
          hash,
          reused: false,
        },
      };
    } catch (error) {
      return failed(`Dockerfile ${location}: ${message(error)}`);
    }
  }

  private async scanImage(
    ref: string,
    context: {
      ignore: string[];
      severity: Record<string, Severity>;
      comparable?: PreviousScan;
      previous?: PreviousScan;
      dockerfile?: { location: string; content: string; hash: string };
    },
  ): Promise<ArtifactScan<ImageResult, ImageFingerprint>> {
    const lastResult = context.previous?.report.images.find(i => i.ref === ref);
    const known = context.comparable?.fingerprints.images[ref];
    const dockerfileHash = context.dockerfile?.hash;
    const reusable =
      known && known.dockerfileHash === dockerfileHash ? lastResult : undefined;
    const inspector = this.options.engine.inspector;
    try {
      // One HEAD request tells whether the tag still points at what was scanned.
      if (reusable && typeof inspector.resolveDigest === 'function') {
        const digest = await inspector.resolveDigest(ref);
        if (digest === known!.digest) {
          return {
            result: reusable,
            fingerprint: known,
            check: { kind: 'image', ref, digest, reused: true },
          };
        }
      }
      const inspected = await inspector.inspect(
        ref,
        context.dockerfile
          ? {
              dockerfile: {
                location: context.dockerfile.location,
                content: context.dockerfile.content,
              },
            }
          : undefined,
      );
      const result = {
        ...inspected,
        findings: applyRuleSettings(
          inspected.findings,
          context.ignore,
          context.severity,
        ),
      };
      return {
        result,
        fingerprint: { digest: result.digest, dockerfileHash },
        check: { kind: 'image', ref, digest: result.digest, reused: false },
      };
    } catch (error) {
      const reason = `image ${ref}: ${message(error)}`;
      return {
        result: lastResult,
        check: { kind: 'image', ref, reused: false, error: reason },
        error: lastResult
          ? `${reason} (showing the result of ${
              context.previous!.report.scannedAt
            })`
          : reason,
      };
    }
  }
}

/**
 * The analyzer applies ignores and severity overrides to Dockerfile findings
 * itself; image findings get the same treatment here, by our id or a peer's.
 */
export function applyRuleSettings(
  findings: Finding[],
  ignore: string[],
  severity: Record<string, Severity>,
): Finding[] {
  const ignored = new Set(ignore.map(id => id.toUpperCase()));
  const overrides = new Map(
    Object.entries(severity).map(([id, s]) => [id.toUpperCase(), s]),
  );
  return findings
    .filter(
      f =>
        ![f.ruleId, ...f.equivalents].some(id => ignored.has(id.toUpperCase())),
    )
    .map(f => {
      const override = [f.ruleId, ...f.equivalents]
        .map(id => overrides.get(id.toUpperCase()))
        .find(Boolean);
      return override ? { ...f, severity: override } : f;
    });
}
