import type {
  FindingCategory,
  RuleInfo,
  Severity,
} from '@image-health/plugin-image-health-common';
import type { DockerfileModel, Instruction } from '../dockerfile/model';

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
  /** For fixes that are not mechanical: the user's lines and the fixed lines. */
  before?: string;
  after?: string;
}

/** One check: its metadata, and a function from the model to its failures. */
export interface Rule extends RuleInfo {
  category: FindingCategory;
  severity: Severity;
  check(context: RuleContext): RuleHit[];
}
