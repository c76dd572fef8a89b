/**
 * The report model of Image Health. The HTTP API, the CLI's `--format json`
 * and the frontend all speak these types; they are the contract of
 * DESIGN.md "Report model".
 */

/** How bad a finding is. Ordered from most to least severe. */
export type Severity = 'error' | 'warning' | 'info' | 'style';

export const SEVERITIES: readonly Severity[] = [
  'error',
  'warning',
  'info',
  'style',
];

/** The area of the seed guide a finding belongs to. */
export type FindingCategory =
  | 'size'
  | 'layers'
  | 'base-image'
  | 'security'
  | 'build-cache'
  | 'correctness'
  /** A breach of the organisation's policy (`imageHealth.policy`), not of a rule. */
  | 'policy';

export const FINDING_CATEGORIES: readonly FindingCategory[] = [
  'size',
  'layers',
  'base-image',
  'security',
  'build-cache',
  'correctness',
  'policy',
];

/** What a developer pastes to fix a finding: their own lines, then the fixed lines. */
export interface Remediation {
  summary: string;
  before?: string;
  after?: string;
  docsUrl?: string;
}

export interface Finding {
  ruleId: string;
  /** Peer ids for the same check, e.g. "DL3008", "DS-0029", "CIS-DI-0001". */
  equivalents: string[];
  category: FindingCategory;
  severity: Severity;
  message: string;
  /** Dockerfile location (path or URL) the finding points at. */
  file?: string;
  /** 1-based line numbers in `file`. */
  line?: number;
  endLine?: number;
  /** Layer digest the finding points at, for image findings. */
  layer?: string;
  remediation: Remediation;
}

export interface ParseError {
  message: string;
  line?: number;
}

export interface StageSummary {
  /** 0-based position in the file. */
  index: number;
  name?: string;
  /** The FROM image after ARG substitution, or the stage it builds on. */
  baseImage: string;
  /** 1-based line of the FROM instruction. */
  line: number;
  /** Whether this is the stage that ends up in the built image. */
  final: boolean;
}

export interface DockerfileResult {
  /** Path or URL of the Dockerfile as the user knows it. */
  location: string;
  stages: StageSummary[];
  /** External images the file builds on (stages referring to other stages excluded). */
  baseImages: string[];
  findings: Finding[];
  /** The Dockerfile as it was read; the UI diffs `suggestedDockerfile` against it. */
  content?: string;
  /** The whole Dockerfile with every mechanical fix applied, when any applies. */
  suggestedDockerfile?: string;
  parseErrors: ParseError[];
  /**
   * The final stage's base image and its approximate compressed size, from
   * the analyzer's table of common images; lets a Dockerfile-only entity be
   * judged against its size budget before any image is built.
   */
  finalBaseEstimate?: { image: string; compressedBytes: number };
}

export interface Layer {
  digest: string;
  compressedBytes: number;
  uncompressedBytes?: number;
  /** The history line that made this layer (`created_by`). */
  createdBy: string;
  /** History entries without a filesystem change (ENV, CMD, …). */
  emptyLayer: boolean;
  wastedBytes?: number;
}

export type RootKind = 'explicit' | 'implicit' | 'none';

export interface ImageResult {
  ref: string;
  digest: string;
  platform: string;
  platforms: string[];
  compressedBytes: number;
  uncompressedBytes?: number;
  layers: Layer[];
  user: string;
  userIsRoot: boolean;
  rootKind: RootKind;
  baseImage?: string;
  createdAt?: string;
  findings: Finding[];
  efficiency?: number;
  wastedBytes?: number;
  reclaimableBytes?: number;
  /** From the image config. */
  os?: string;
  architecture?: string;
  /** `80/tcp`, … from EXPOSE. */
  exposedPorts?: string[];
  labels?: Record<string, string>;
  /** Names (never values) of ENV variables that look like secrets. */
  secretEnvNames?: string[];
  /** The HEALTHCHECK test command; absent when the image has none. */
  healthcheck?: string;
  /** Whole days between `createdAt` and the scan. */
  ageDays?: number;
  baseImageDigest?: string;
  /** How the base image was found. */
  baseImageSource?: 'annotation' | 'layers' | 'dockerfile';
  /** Share (0..1) of `compressedBytes` that the base image's layers make up. */
  baseImageShare?: number;
  /** The base image's tag now points to a digest the image was not built on. */
  baseImageOutdated?: boolean;
  /** Deep analysis: the biggest files of the final filesystem. */
  largestFiles?: Array<{ path: string; bytes: number; layer: string }>;
  /** Whether the deep analysis ran, and whether it read every layer. */
  deepAnalysis?: { complete: boolean; files: number; reason?: string };
}

export type Grade = 'A' | 'B' | 'C' | 'D' | 'E' | 'F' | 'N/A';

/** Every grade, best first; `N/A` when nothing could be judged. */
export const GRADES: readonly Grade[] = ['A', 'B', 'C', 'D', 'E', 'F', 'N/A'];

export type ScoreCategoryKey =
  | 'size'
  | 'layers'
  | 'baseImage'
  | 'security'
  | 'buildCache';

export interface CategoryScore {
  /** 0..100, or null when nothing the category judges was available. */
  value: number | null;
  grade: Grade;
  weight: number;
  /** The numbers behind the grade, in words ("182 MB of a 200 MB node budget"). */
  detail: string;
  /** Size category only: the budget, in compressed bytes, the image or its base estimate was judged against. */
  budgetBytes?: number;
}

export interface Score {
  value: number | null;
  grade: Grade;
  categories: Record<ScoreCategoryKey, CategoryScore>;
  /** Why `value` is lower than the categories' weighted mean, when it is (a policy error caps it). */
  cappedBy?: string;
}

export type ReportStatus = 'ok' | 'partial' | 'failed';

/**
 * How an entity's Dockerfiles were found when no `image-health/dockerfile`
 * annotation names them.
 *
 * @public
 */
export interface DockerfileDiscovery {
  /**
   * `search`: the source location was searched, each Dockerfile found is a
   * section of the report. `root`: the source could not be searched (its
   * integration cannot list files), so only its root `Dockerfile` was tried.
   */
  method: 'search' | 'root';
  /** Dockerfiles found, before the limit cut the list (`search` only). */
  found?: number;
  /** What the user should know: the list was cut, or the search was not possible and why. */
  message?: string;
}

export interface Report {
  entityRef: string;
  scannedAt: string;
  status: ReportStatus;
  /** Why the scan failed or is partial, in words a user can act on. */
  error?: string;
  /**
   * When the entity was last checked. Later than `scannedAt` when the last
   * check found nothing changed, or failed and the previous report is shown.
   */
  checkedAt?: string;
  score: Score;
  dockerfiles: DockerfileResult[];
  images: ImageResult[];
  /** Present when the Dockerfiles were found rather than named by an annotation. */
  discovery?: DockerfileDiscovery;
}
