import type {
  DockerfileModel,
  Instruction,
  Stage,
} from '../../dockerfile/model';
import type { Rule, RuleHit } from '../types';
import { hadolintDocsUrl } from '../peer';
import { keyValues } from '../support';

/** The value types a label schema gives a label (hadolint's `label-schema` config). */
export type LabelType =
  | 'text'
  | 'url'
  | 'spdx'
  | 'hash'
  | 'rfc3339'
  | 'semver'
  | 'email';

export const LABEL_TYPES: readonly LabelType[] = [
  'text',
  'url',
  'spdx',
  'hash',
  'rfc3339',
  'semver',
  'email',
];

/** One `key=value` of a LABEL or ONBUILD LABEL, quotes removed. */
export interface LabelValue {
  key: string;
  value: string;
  instruction: Instruction;
}

function unquote(text: string): string {
  return text.length >= 2 &&
    (text[0] === '"' || text[0] === "'") &&
    text[text.length - 1] === text[0]
    ? text.slice(1, -1)
    : text;
}

/** The LABEL an instruction is: itself, or the trigger of an `ONBUILD LABEL`. */
export function labelInstruction(
  instruction: Instruction,
): Instruction | undefined {
  if (instruction.keyword === 'LABEL') return instruction;
  if (
    instruction.keyword === 'ONBUILD' &&
    instruction.trigger?.keyword === 'LABEL'
  )
    return instruction.trigger;
  return undefined;
}

/** The labels one instruction sets (reported on the instruction itself, an ONBUILD included). */
export function labelsSetBy(instruction: Instruction): LabelValue[] {
  const label = labelInstruction(instruction);
  if (!label) return [];
  return keyValues(label).map(([key, value]) => ({
    key: unquote(key),
    value: value ?? '',
    instruction,
  }));
}

/** Every label the file sets, in file order. */
export function labelValues(model: DockerfileModel): LabelValue[] {
  return model.instructions.flatMap(labelsSetBy);
}

// spdx-license-ids ships the SPDX list as a JSON array (its main is index.json);
// a plain require lets the CLI bundler inline it.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const SPDX_IDS: ReadonlySet<string> = new Set(require('spdx-license-ids'));

/** RFC 3339 date-time: `2026-12-03T08:00:00Z`, `…T08:00:00.5+01:00`. */
const RFC3339 =
  /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])[Tt ]([01]\d|2[0-3]):[0-5]\d:([0-5]\d|60)(\.\d+)?([Zz]|[+-]([01]\d|2[0-3]):[0-5]\d)$/;
/** A git object id: 7 to 40 hex digits (short or full SHA-1), or a full SHA-256. */
const GIT_HASH = /^([0-9a-f]{7,40}|[0-9a-f]{64})$/;
/** The regular expression semver.org publishes with the Semantic Versioning 2.0.0 spec. */
const SEMVER =
  /^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(?:-((?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*)(?:\.(?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*))*))?(?:\+([0-9a-zA-Z-]+(?:\.[0-9a-zA-Z-]+)*))?$/;
/** An address as RFC 5322's addr-spec allows it in practice: one `@`, a dotted domain. */
const EMAIL =
  /^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+$/;

function isUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return url.protocol.length > 1 && (url.host !== '' || url.pathname !== '');
  } catch {
    return false;
  }
}

/** Whether a value has the type the schema gives its label. */
export const LABEL_VALUE_CHECKS: Record<
  Exclude<LabelType, 'text'>,
  (value: string) => boolean
> = {
  url: isUrl,
  spdx: value => SPDX_IDS.has(value),
  hash: value => GIT_HASH.test(value),
  rfc3339: value => value.length <= 64 && RFC3339.test(value),
  semver: value => value.length <= 256 && SEMVER.test(value),
  email: value => value.length <= 254 && EMAIL.test(value),
};

/** A rule over the labels the schema types as `type`: one finding per label whose value is not of it. */
export function labelValueRule(options: {
  id: string;
  hadolint: string;
  type: Exclude<LabelType, 'text'>;
  title: string;
  what: string;
}): Rule {
  const equivalents = [options.hadolint];
  const valid = LABEL_VALUE_CHECKS[options.type];
  return {
    id: options.id,
    title: options.title,
    category: 'correctness',
    severity: 'warning',
    equivalents,
    description: `A label the label schema (\`label-schema\` in .hadolint.yaml, or the lint config) types as \`${options.type}\` must hold ${options.what}.`,
    docsUrl: hadolintDocsUrl(equivalents),
    check({ model, labelSchema }) {
      if (!labelSchema) return [];
      return labelValues(model)
        .filter(l => labelSchema[l.key] === options.type && !valid(l.value))
        .map(l => ({
          instruction: l.instruction,
          message: `label ${l.key}=${JSON.stringify(l.value)} is not ${
            options.what
          }`,
          summary: `Set ${l.key} to ${options.what}.`,
        }));
    },
  };
}

/**
 * Stages that carry a label: set in the stage, or in a stage it is built
 * `FROM` (labels are inherited down that chain).
 */
function stagesWithLabel(model: DockerfileModel, key: string): Set<number> {
  const own = new Set(
    model.stages
      .filter(s =>
        s.instructions.some(i => labelsSetBy(i).some(l => l.key === key)),
      )
      .map(s => s.index),
  );
  const has = new Set<number>();
  for (const stage of model.stages) {
    let current: Stage | undefined = stage;
    const seen = new Set<number>();
    while (current && !seen.has(current.index)) {
      seen.add(current.index);
      if (own.has(current.index)) {
        has.add(stage.index);
        break;
      }
      current =
        current.baseStage === undefined
          ? undefined
          : model.stages[current.baseStage];
    }
  }
  return has;
}

/** Stages that build on or copy from `stage`, directly or through others. */
function descendantsOf(model: DockerfileModel, stage: Stage): Stage[] {
  const found = new Set<number>();
  const queue = [stage.index];
  while (queue.length > 0) {
    const index = queue.shift()!;
    for (const other of model.stages) {
      if (found.has(other.index)) continue;
      if (other.baseStage === index || other.copiesFrom.includes(index)) {
        found.add(other.index);
        queue.push(other.index);
      }
    }
  }
  return [...found].map(i => model.stages[i]);
}

/**
 * DL3049's judgement: a stage lacking a required label is reported unless a
 * stage built on it or copying from it carries the label (the label then
 * reaches what is shipped from it).
 */
export function missingLabelHits(
  model: DockerfileModel,
  key: string,
): RuleHit[] {
  const has = stagesWithLabel(model, key);
  return model.stages
    .filter(
      stage =>
        !has.has(stage.index) &&
        !descendantsOf(model, stage).some(d => has.has(d.index)),
    )
    .map(stage => ({
      instruction: stage.from,
      message: `the stage has no ${key} label, which the label schema requires`,
      summary: `Add LABEL ${key}=<value> to the stage.`,
    }));
}
