import type {
  FindingCategory,
  RuleInfo,
  Severity,
} from '@image-health/plugin-image-health-common';
import type { DockerfileModel, Instruction } from '../dockerfile/model';
import type { LabelType } from './correctness/labelSchema';

/** A replacement of `[start, end)` of the Dockerfile text by `text`. */
export interface Edit {
  start: number;
  end: number;
  text: string;
}

/** What a rule reads: the parsed Dockerfile and what is known around it. */
export interface RuleContext {
  model: DockerfileModel;
  /** The `.dockerignore` text; `null` when known absent, `undefined` when unknown. */
  dockerignore?: string | null;
  /** The scan's clock, for rules that depend on dates (end of life); now when absent. */
  now?: Date;
  /** Labels required, by value type (hadolint's `label-schema`); the label rules are off without it. */
  labelSchema?: Record<string, LabelType>;
  /** With a label schema: labels outside it are reported (hadolint's `strict-labels`). */
  strictLabels?: boolean;
  /** Registries a FROM may pull from (hadolint's `trustedRegistries`); DL3026 is off without them. */
  trustedRegistries?: readonly string[];
}

/** One failure a rule found. */
export interface RuleHit {
  /** The instruction the finding points at (its lines become `before`). */
  instruction?: Instruction;
  message: string;
  /** What to do, in one sentence. */
  summary: string;
  /** Mechanical fix: applied to build `after` and the suggested Dockerfile. */
  edits?: Edit[];
  /**
   * Where the user's own choice goes (`curl=<version>`): shown in `after`,
   * never applied to the suggested Dockerfile.
   */
  placeholders?: Edit[];
  /** For fixes that are not mechanical: the user's lines and the fixed lines. */
  before?: string;
  after?: string;
}

/** One check: its metadata, and a function from the model to its failures. */
export interface Rule extends RuleInfo {
  category: FindingCategory;
  severity: Severity;
  /**
   * What a finding in a stage whose files do not reach the final image
   * becomes (see dockerfile/stages.ts): `silent` for what only costs bytes
   * there (a package cache in a builder is never shipped), `info` with the
   * reason for what matters less there (an unpinned compiler in a builder).
   * A `.devcontainer/` Dockerfile is treated so as a whole: it builds a
   * development environment. Absent: judged the same everywhere.
   */
  unshipped?: 'silent' | 'info';
  /**
   * Off unless asked for (hadolint's severity "ignore"): the rule runs only when
   * the analysis names it in `enable` or overrides its severity.
   */
  optIn?: boolean;
  /**
   * Peer ids (`DL3057`) whose documented behaviour this rule deliberately does not
   * follow in some cases, and why; the catalogue prints it after the description.
   */
  differsFrom?: Record<string, string>;
  check(context: RuleContext): RuleHit[];
}
