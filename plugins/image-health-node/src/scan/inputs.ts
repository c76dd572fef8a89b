import type {
  DockerfileResult,
  ImageResult,
  SizeBudgets,
} from '@image-health/plugin-image-health-common';
import type { InspectOptions } from '../image';
import type { BaseImageMeasurer } from '../baseImages';
import type { ImagePolicy } from '../policy';
import type { RuleSettings } from './ruleSettings';

/** A result an earlier scan made, shown while its input cannot be read now. */
export interface EarlierResult<R> {
  result: R;
  /** When that scan ran; the report's error says the result is from then. */
  scannedAt: string;
}

/** One Dockerfile of the entity, as far as the caller got with reading it. */
export type DockerfileInput =
  /** Read now: analysed by the pipeline. */
  | {
      kind: 'read';
      location: string;
      content: string;
      /** The `.dockerignore` beside it: text, `null` when absent, `undefined` when unknown. */
      dockerignore?: string | null;
    }
  /** Unchanged since an earlier scan with the same settings: its result stands. */
  | { kind: 'unchanged'; result: DockerfileResult }
  /** Could not be read; `error` says why in words the owner can act on. */
  | {
      kind: 'unreadable';
      location: string;
      error: string;
      earlier?: EarlierResult<DockerfileResult>;
    };

/** One image of the entity. */
export type ImageInput =
  /** Inspected by the pipeline; `earlier` is shown if that fails. */
  | { kind: 'inspect'; ref: string; earlier?: EarlierResult<ImageResult> }
  /** The tag still points at what an earlier scan with the same settings read. */
  | { kind: 'unchanged'; result: ImageResult }
  | {
      kind: 'unreadable';
      ref: string;
      error: string;
      earlier?: EarlierResult<ImageResult>;
    };

/** What inspects images for the pipeline (an ImageInspector). */
export interface ImageReader {
  inspect(ref: string, options?: InspectOptions): Promise<ImageResult>;
}

/** Everything a Report is made from. */
export interface ScanInputs {
  entityRef: string;
  dockerfiles: DockerfileInput[];
  images: ImageInput[];
  /** `imageHealth.rules` merged with the entity's own ignores. */
  rules?: RuleSettings;
  budgets?: Partial<SizeBudgets>;
  /** The entity's own size budget in bytes, instead of its language's (annotation `image-health/size-budget`). */
  sizeBudget?: number;
  /** The organisation's policy (`imageHealth.policy`, `--policy`): its breaches become `policy` findings. */
  policy?: ImagePolicy;
  /** Needed when an image is to be inspected. */
  inspector?: ImageReader;
  /** Overrides of the inspector's configured platform and deep analysis (the CLI's flags). */
  platform?: string;
  deep?: boolean;
  /** When the scan ran; now when absent. End-of-life rules judge dates against it. */
  scannedAt?: string;
  /**
   * Reads base-image tags and sizes from the registries the operator allows;
   * base-image findings then name measured tags instead of table estimates.
   */
  baseImages?: BaseImageMeasurer;
  /** Aborted when the caller's deadline passes: no further input is analysed or inspected. */
  signal?: AbortSignal;
}
