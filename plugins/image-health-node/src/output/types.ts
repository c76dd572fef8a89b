import type {
  DockerfileResult,
  FindingCategory,
  ImageResult,
  Report,
  RuleInfo,
  Severity,
} from '@image-health/plugin-image-health-common';

/** Which CLI command produced a result: it decides the shape of `json` and `tty`. */
export type OutputCommand = 'lint' | 'scan' | 'inspect';

/** What every output format writes from: one command's results. */
export interface OutputInput {
  command: OutputCommand;
  dockerfiles: DockerfileResult[];
  images: ImageResult[];
  /** `scan` only: the scored Report (its `dockerfiles` and `images` are the two lists above). */
  report?: Report;
  /** The rule catalogue (SARIF lists it as the tool's rules). */
  rules: RuleInfo[];
  version: string;
  /** Thresholds the result did not meet (`--min-score`, `--min-category`, `--max-size`, dive's), in words. */
  failures: string[];
}

export interface OutputOptions {
  /** ANSI colour in `tty` (only when stdout is a terminal and colour was not turned off). */
  color: boolean;
}

/**
 * A finding or a parse error where a CI system shows it: a file and a line
 * when known. An image finding traced to a Dockerfile instruction carries
 * that Dockerfile's path and line; one that is not has no `file`, only the
 * image reference.
 */
export interface LocatedIssue {
  ruleId: string;
  equivalents: string[];
  category?: FindingCategory;
  severity: Severity;
  message: string;
  fix?: string;
  docsUrl?: string;
  file?: string;
  line?: number;
  endLine?: number;
  /** The image the finding was made on, for image findings. */
  image?: string;
}
