import type {
  DockerfileResult,
  RuleInfo,
  Severity,
} from '@image-health/plugin-image-health-common';

/** What the analyzer needs besides the Dockerfile's text. */
export interface AnalyzeOptions {
  /** Path or URL of the Dockerfile as the user knows it; copied into findings' `file`. */
  location: string;
  /** The Dockerfile's text. */
  content: string;
  /** The `.dockerignore` beside it: its text, `null` when known to be absent, `undefined` when unknown. */
  dockerignore?: string | null;
  /** Rule ids to skip: our ids or a peer's (`DL3008`, `DS-0029`, …). */
  ignore?: string[];
  /** Severity overrides by our id or a peer's. */
  severity?: Record<string, Severity>;
}

// Placeholder until the analyzer lands (issue 7): parses nothing, finds nothing.
export function analyzeDockerfile(options: AnalyzeOptions): DockerfileResult {
  return {
    location: options.location,
    stages: [],
    baseImages: [],
    findings: [],
    parseErrors: [],
  };
}

/** The rule catalogue, for `GET /v1/rules` and the CLI. */
export function listRules(): RuleInfo[] {
  return [];
}
