import type {
  FindingCategory,
  RootKind,
  RuleInfo,
  Severity,
} from '@image-health/plugin-image-health-common';
import type { DockerfileModel, Instruction } from '../../dockerfile/model';
import type { TreeFacts, TreeSummary } from '../../layers/analysis';

/** The Dockerfile an image was built from, as the analyzer parsed it. */
export interface LinkedDockerfile {
  location: string;
  model: DockerfileModel;
}

/** Why deep analysis stopped before the last layer. */
export interface DeepFailure {
  /** Index of the first layer (non-empty layers only) that could not be read. */
  layer: number;
  /** The layer hit a configured limit (imageHealth.deepAnalysis.*), as a decompression bomb or a hostile tar would. */
  capped: boolean;
  message: string;
}

/** What the inspector gathered about one image; the image rules judge it. */
export interface ImageFacts {
  /** The image as messages name it (the reference as given). */
  name: string;
  user: string;
  userIsRoot: boolean;
  rootKind: RootKind;
  /** Names (never values) of ENV variables that look like secrets. */
  secretEnvNames: string[];
  healthcheck?: string;
  baseImage?: string;
  /** The base image's tag now points to a build the image was not made on. */
  baseImageOutdated?: boolean;
  /** Digests of the layers that change the filesystem, in order. */
  layerDigests: string[];
  /** Deep analysis: the merged file tree and what it holds, or why it stopped. */
  deep?:
    | { complete: true; tree: TreeSummary; files: TreeFacts }
    | { complete: false; failure: DeepFailure };
  dockerfile?: LinkedDockerfile;
  /** The instruction of the linked Dockerfile that made a layer, if it can be told. */
  instructionForLayer(layer: number): Instruction | undefined;
  /** The ENV instruction of the linked Dockerfile that sets `name`. */
  envInstruction(name: string): Instruction | undefined;
}

/** One failure an image rule found. */
export interface ImageRuleHit {
  message: string;
  /** Index of the layer (non-empty layers only) the finding is about. */
  layer?: number;
  /** The line of the linked Dockerfile to change. */
  instruction?: Instruction;
  /** When the severity depends on how bad it is. */
  severity?: Severity;
  /** What to do, when more precise than the rule's remediation. */
  summary?: string;
  before?: string;
  after?: string;
}

/** A check of a built image: metadata, a function from facts to failures, remediation. */
export interface ImageRule extends RuleInfo {
  category: FindingCategory;
  severity: Severity;
  /** What to do, in one sentence, when a hit says nothing more precise. */
  remediation: string;
  check(facts: ImageFacts): ImageRuleHit[];
}
