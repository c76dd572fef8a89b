import { LoggerService } from '@backstage/backend-plugin-api';
import {
  DockerfileDiscovery,
  DockerfileResult,
  ImageResult,
  ReportStatus,
  RuleInfo,
  Score,
  Severity,
  SizeBudgets,
} from '@image-health/plugin-image-health-common';
import {
  buildReport,
  describeError,
  linkedDockerfile,
  type BaseImageMeasurer,
  type DockerfileInput,
  type ImagePolicy,
  type ImageReader,
} from '@image-health/plugin-image-health-node';
import { refusalOf } from './dockerfileLocation';
import { DockerfileSearchLimits } from './dockerfileSearch';
import { DockerfileSource, FoundDockerfile } from './DockerfileSource';
import {
  ArtifactFingerprints,
  contentHash,
  contentRead,
  DockerfileRead,
  DockerfileFingerprint,
  DockerfileReads,
  imageChecks,
  ImageRead,
  PreviousScan,
  reusedRead,
  ScanCheck,
  scanFingerprints,
  sha256,
  unreadableRead,
} from './incremental';
import { DockerfileTarget, ScanTarget } from './targets';

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
  /** How the Dockerfiles were found, when no annotation named them. */
  discovery?: DockerfileDiscovery;
}

export interface EntityScannerOptions {
  source: DockerfileSource;
  /** Inspects images, and tells a tag's current digest in one HEAD request. */
  inspector: ImageReader & { resolveDigest(ref: string): Promise<string> };
  /** Measured base-image advice (`imageHealth.baseImages`); estimates without it. */
  baseImages?: BaseImageMeasurer;
  /** Every rule, Dockerfile and image: a changed catalogue invalidates reuse. */
  listRules(): RuleInfo[];
  logger: LoggerService;
  rules: { ignore: string[]; severity: Record<string, Severity> };
  budgets: SizeBudgets;
  /** `imageHealth.policy`: applied to every entity. */
  policy?: ImagePolicy;
  /** Anything else that changes image results (platform, deep analysis). */
  imageSettings: unknown;
  /** Where a source location without a Dockerfile annotation is searched (`imageHealth.dockerfiles.search`). */
  search: DockerfileSearchLimits;
  /** Locations readable beyond the entity's repository (`imageHealth.dockerfiles.allowedLocations`). */
  allowedLocations?: readonly string[];
}

/** The inputs of one scan, as read: what the engine is given and what identifies it. */
interface ScanInputs {
  /** The Dockerfiles read, without a default root Dockerfile that does not exist. */
  dockerfileReads: DockerfileRead[];
  /** What the engine analyses of them. */
  dockerfileInputs: DockerfileInput[];
  /** The hash of the Dockerfile the images are linked to. */
  dockerfileHash?: string;
  imageReads: ImageRead[];
  /** How the Dockerfiles were found, when no annotation named them. */
  discovery?: DockerfileDiscovery;
  search?: ArtifactFingerprints['search'];
}

/**
 * Scans one entity: reads its Dockerfiles through the UrlReader, decides
 * what is unchanged since the last scan, and hands the rest to the engine's
 * scan pipeline, which makes the Report exactly as the CLI does.
 */
export class EntityScanner {
  constructor(private readonly options: EntityScannerOptions) {}

  /** `signal` aborts when the scan's deadline passes: no further input is read. */
  async scan(
    target: ScanTarget,
    previous?: PreviousScan,
    signal?: AbortSignal,
  ): Promise<ScanOutcome> {
    const { ignore, severity, settings } = this.settingsOf(target);
    const comparable =
      previous && previous.fingerprints.settings === settings
        ? previous
        : undefined;

    const inputs = await this.readInputs(target, comparable, previous);

    const scan = await this.judge(target, inputs, { ignore, severity }, signal);
    const { report } = scan;

    const images = imageChecks(
      target.images,
      inputs.imageReads,
      scan.images,
      inputs.dockerfileHash,
    );
    const fingerprints = scanFingerprints(
      settings,
      inputs.dockerfileReads,
      images.fingerprints,
      inputs.search,
    );
    const checks = [
      ...inputs.dockerfileReads.map(read => read.check),
      ...images.checks,
    ];

    const status = outcomeStatus(
      report.status,
      inputs.dockerfileReads.length === 0 && inputs.imageReads.length === 0,
      target.sizeBudgetError,
    );
    return {
      status,
      error: outcomeError(report.error, target.sizeBudgetError),
      dockerfiles: report.dockerfiles,
      images: report.images,
      score: report.score,
      fingerprints,
      checks,
      ...(inputs.discovery ? { discovery: inputs.discovery } : {}),
      unchanged:
        Boolean(previous) &&
        status === 'ok' &&
        checks.length > 0 &&
        checks.every(c => c.reused),
    };
  }

  /**
   * What this scan reads: the entity's Dockerfiles (those absent left out)
   * and its images, each either reused from `comparable` or to be analysed.
   */
  private async readInputs(
    target: ScanTarget,
    comparable: PreviousScan | undefined,
    previous: PreviousScan | undefined,
  ): Promise<ScanInputs> {
    const { reads, discovery, search } = await this.readDockerfiles(
      target,
      comparable,
      previous,
    );
    const present = reads.filter(read => !read.absent);
    const dockerfileInputs = present.flatMap(read =>
      read.input ? [read.input] : [],
    );
    // Image results depend on the Dockerfile they are linked to.
    const linked = linkedDockerfile(dockerfileInputs);
    const dockerfileHash = linked ? sha256(linked.content) : undefined;
    const imageReads = await Promise.all(
      target.images.map(ref =>
        this.prepareImage(ref, dockerfileHash, comparable, previous),
      ),
    );
    return {
      dockerfileReads: present,
      dockerfileInputs,
      dockerfileHash,
      imageReads,
      discovery,
      search,
    };
  }

  /** The engine's report on the inputs, judged by this entity's rules, budgets and policy. */
  private judge(
    target: ScanTarget,
    inputs: ScanInputs,
    rules: EntityScannerOptions['rules'],
    signal: AbortSignal | undefined,
  ) {
    return buildReport({
      entityRef: target.entityRef,
      dockerfiles: inputs.dockerfileInputs,
      images: inputs.imageReads.map(read => read.input),
      rules,
      budgets: this.options.budgets,
      sizeBudget: target.sizeBudget,
      policy: this.options.policy,
      inspector: this.options.inspector,
      baseImages: this.options.baseImages,
      signal,
    });
  }

  /**
   * The rule settings of this entity's scan and a hash of everything besides
   * the inputs that shapes its report: a changed hash invalidates reuse.
   */
  private settingsOf(target: ScanTarget) {
    const ignore = [
      ...new Set([...this.options.rules.ignore, ...target.ignore]),
    ].sort();
    const severity = this.options.rules.severity;
    const settings = sha256(
      JSON.stringify({
        ignore,
        severity,
        rules: this.options
          .listRules()
          .map(rule => `${rule.id}:${rule.severity}`),
        image: this.options.imageSettings,
        policy: this.options.policy,
        sizeBudget: target.sizeBudget,
      }),
    );
    return { ignore, severity, settings };
  }

  /**
   * The entity's Dockerfiles: those its annotation names, or those a search
   * of its source location finds; the root Dockerfile when it cannot be searched.
   */
  private async readDockerfiles(
    target: ScanTarget,
    comparable: PreviousScan | undefined,
    previous: PreviousScan | undefined,
  ): Promise<DockerfileReads> {
    const readNamed = () =>
      Promise.all(
        target.dockerfiles.map(dockerfile =>
          this.readDockerfile(target, dockerfile, comparable, previous),
        ),
      );
    const base = target.searchBase;
    if (!base) return { reads: await readNamed() };

    const last = comparable?.fingerprints.search;
    const searched = await this.options.source.search(
      base,
      this.options.search,
      {
        etag: last?.etag,
        allowed: url => !refusalOf(url, base, this.options.allowedLocations),
      },
    );
    if (searched.state === 'unsearchable') {
      const discovery: DockerfileDiscovery = {
        method: 'root',
        message: `${base} could not be searched for Dockerfiles (${searched.reason}), so only its root Dockerfile was scanned; name the others with the image-health/dockerfile annotation`,
      };
      return { reads: await readNamed(), discovery };
    }
    if (searched.state === 'unchanged') {
      // The repository has not changed since the last search: one request.
      const reads = last!.locations.flatMap(location => {
        const result = previous!.report.dockerfiles.find(
          d => d.location === location,
        );
        const fingerprint = comparable!.fingerprints.dockerfiles[location];
        return result && fingerprint
          ? [reusedRead(location, result, fingerprint)]
          : [];
      });
      if (reads.length === last!.locations.length) {
        return { reads, discovery: last!.discovery, search: last };
      }
      // The last scan's results are incomplete: search again, from scratch.
      return this.readDockerfiles(target, undefined, previous);
    }
    const discovery: DockerfileDiscovery = {
      method: 'search',
      found: searched.found,
      ...(searched.message ? { message: searched.message } : {}),
    };
    const reads = searched.dockerfiles.map(found =>
      this.foundRead(found, comparable, previous),
    );
    return {
      reads,
      discovery,
      ...(searched.etag
        ? {
            search: {
              etag: searched.etag,
              locations: reads.map(read => read.location),
              discovery,
            },
          }
        : {}),
    };
  }

  /** A Dockerfile the search returned, with its text already read. */
  private foundRead(
    found: FoundDockerfile,
    comparable: PreviousScan | undefined,
    previous: PreviousScan | undefined,
  ): DockerfileRead {
    const { location, url, content, dockerignore } = found;
    if (content === undefined) {
      return unreadableRead(
        location,
        url,
        `Dockerfile ${location}: ${found.error}`,
        previous,
      );
    }
    return contentRead(
      location,
      content,
      dockerignore,
      {
        url,
        ignorePresent: dockerignore !== null,
        hash: contentHash(content, dockerignore),
      },
      {
        fingerprint: comparable?.fingerprints.dockerfiles[location],
        result: previous?.report.dockerfiles.find(d => d.location === location),
      },
    );
  }

  private async readDockerfile(
    target: ScanTarget,
    dockerfile: DockerfileTarget,
    comparable: PreviousScan | undefined,
    previous: PreviousScan | undefined,
  ): Promise<DockerfileRead> {
    const { location, url } = dockerfile;
    if (!url) {
      return unreadableRead(
        location,
        url,
        dockerfile.error ?? `cannot resolve ${location}`,
        previous,
      );
    }

    const source = this.options.source;
    const ignoreUrl = source.dockerignoreUrl(url);
    const known = comparable?.fingerprints.dockerfiles[location];
    const reusable =
      known && known.url === url
        ? previous?.report.dockerfiles.find(d => d.location === location)
        : undefined;

    try {
      // Cheapest path first: the source confirms both files are unchanged.
      if (reusable && known!.etag && (await this.bothUnchanged(url, known!))) {
        return reusedRead(location, reusable, known!);
      }

      const read = await source.read(url);
      if (read.state === 'missing') {
        if (target.defaultDockerfile) {
          return {
            location,
            check: { kind: 'dockerfile', location, url, reused: false },
            absent: true,
          };
        }
        return unreadableRead(
          location,
          url,
          `${location} was not found at ${url}: check the image-health/dockerfile annotation of ${target.entityRef}`,
          previous,
        );
      }
      if (read.state !== 'read') {
        throw new Error(`${url} answered "not modified" to a plain read`);
      }
      const ignoreRead = await source.read(ignoreUrl);
      const dockerignore =
        ignoreRead.state === 'read' ? ignoreRead.content : null;
      return contentRead(
        location,
        read.content,
        dockerignore,
        {
          url,
          etag: read.etag,
          ignoreEtag: ignoreRead.state === 'read' ? ignoreRead.etag : undefined,
          ignorePresent: dockerignore !== null,
          hash: contentHash(read.content, dockerignore),
        },
        { fingerprint: known, result: reusable },
      );
    } catch (error) {
      return unreadableRead(
        location,
        url,
        `Dockerfile ${location}: ${describeError(error)}`,
        previous,
      );
    }
  }

  /** Whether the source answers "not modified" for a Dockerfile and its `.dockerignore` (or it still has none). */
  private async bothUnchanged(
    url: string,
    known: DockerfileFingerprint,
  ): Promise<boolean> {
    const { source } = this.options;
    const read = await source.read(url, { etag: known.etag });
    if (read.state !== 'unchanged') return false;
    const ignoreRead = await source.read(source.dockerignoreUrl(url), {
      etag: known.ignoreEtag,
    });
    return (
      ignoreRead.state === 'unchanged' ||
      (ignoreRead.state === 'missing' && !known.ignorePresent)
    );
  }

  /** An image's input: unchanged when one HEAD request finds the digest last scanned. */
  private async prepareImage(
    ref: string,
    dockerfileHash: string | undefined,
    comparable: PreviousScan | undefined,
    previous: PreviousScan | undefined,
  ): Promise<ImageRead> {
    const lastResult = previous?.report.images.find(i => i.ref === ref);
    const earlier = lastResult && {
      result: lastResult,
      scannedAt: previous!.report.scannedAt,
    };
    const known = comparable?.fingerprints.images[ref];
    const reusable =
      known && known.dockerfileHash === dockerfileHash ? lastResult : undefined;
    if (!reusable) return { input: { kind: 'inspect', ref, earlier } };
    try {
      const digest = await this.options.inspector.resolveDigest(ref);
      if (digest === known!.digest) {
        return {
          input: { kind: 'unchanged', result: reusable },
          fingerprint: known,
        };
      }
      return { input: { kind: 'inspect', ref, earlier } };
    } catch (error) {
      return {
        input: {
          kind: 'unreadable',
          ref,
          error: describeError(error),
          earlier,
        },
      };
    }
  }
}

/** A size budget the owner mistyped is said beside the report, which is judged against the language budget. */
function outcomeError(
  reportError: string | undefined,
  sizeBudgetError: string | undefined,
): string | undefined {
  const error = [reportError, sizeBudgetError].filter(Boolean).join('; ');
  return error || undefined;
}

/** Nothing found to scan is not applicable; a mistyped size budget of the entity's own makes an ok report partial. */
function outcomeStatus(
  reportStatus: ReportStatus,
  nothingToScan: boolean,
  sizeBudgetError: string | undefined,
): ScanOutcome['status'] {
  if (nothingToScan) return 'not-applicable';
  return reportStatus === 'ok' && sizeBudgetError ? 'partial' : reportStatus;
}
