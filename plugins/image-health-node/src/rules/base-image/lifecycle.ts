import type { DockerfileModel, Stage } from '../../dockerfile/model';
import type { RuleHit } from '../types';
import {
  daysLeft,
  lifecycleOf,
  productNotes,
  replacementImage,
  tableNote,
  type BaseImageLifecycle,
  type EndOfLife,
} from './endOfLife';
import { parseImageReference } from '../../dockerfile/values';
import { externalStages, fromWithImage } from './images';
import { stageReaches } from '../../dockerfile/stages';

/** The final stage and the stages it is built `FROM`: their base image ships (dockerfile/stages.ts). */
export function shippedStages(model: DockerfileModel): Set<number> {
  const reach = stageReaches(model);
  const shipped = new Set<number>();
  for (const stage of model.stages)
    if (reach[stage.index] === 'shipped') shipped.add(stage.index);
  return shipped;
}

/** Package managers whose package names change between distribution releases. */
const OS_PACKAGE_MANAGERS = [
  'apt-get',
  'apt',
  'apk',
  'dnf',
  'yum',
  'microdnf',
  'zypper',
];

/** Whether the stage, or a stage built on it, installs distribution packages. */
function installsOsPackages(model: DockerfileModel, stage: Stage): boolean {
  const builtOn = (s: Stage): boolean => {
    for (let b: Stage | undefined = s; b; ) {
      if (b === stage) return true;
      b = b.baseStage === undefined ? undefined : model.stages[b.baseStage];
    }
    return false;
  };
  return model.stages
    .filter(builtOn)
    .some(s =>
      s.instructions.some(i =>
        (i.shell?.commands ?? []).some(c =>
          OS_PACKAGE_MANAGERS.includes(c.program),
        ),
      ),
    );
}

/** One external stage's base image with the cycle (own or distribution) that ends first. */
export interface StageEndOfLife {
  stage: Stage;
  ended: EndOfLife;
  days: number;
  shipped: boolean;
}

/** Every external stage whose base image's cycle is in the end-of-life table. */
export function stageLifecycles(
  model: DockerfileModel,
  now: Date,
): StageEndOfLife[] {
  const shipped = shippedStages(model);
  const out: StageEndOfLife[] = [];
  for (const stage of externalStages(model)) {
    const lifecycle = lifecycleOf(stage.image);
    if (!lifecycle) continue;
    const first = firstEnding(lifecycle, now);
    out.push({
      stage,
      ended: first,
      days: daysLeft(first.eol, now),
      shipped: shipped.has(stage.index),
    });
  }
  return out;
}

/**
 * The cycle a base image is judged by: the product's own when it has ended
 * too (a new version brings a new distribution), otherwise whichever ends first.
 */
function firstEnding(lifecycle: BaseImageLifecycle, now: Date): EndOfLife {
  const own = lifecycle.cycles.find(c => c.product === lifecycle.product);
  return own && daysLeft(own.eol, now) < 0
    ? own
    : [...lifecycle.cycles].sort(
        (a, b) => a.eol.getTime() - b.eol.getTime(),
      )[0];
}

/**
 * The stage as the other advice about its FROM line should read it: on the
 * replacement base-image-end-of-life names when its base is past its end of
 * life, so a slimmer variant, a digest pin or an unprivileged image is
 * suggested on the supported release and no two findings on one FROM line
 * contradict each other (issue 13); otherwise the stage as written.
 */
export function onSupportedBase(stage: Stage, now: Date): Stage {
  if (stage.baseStage !== undefined || stage.image.raw !== stage.image.resolved)
    return stage;
  const lifecycle = lifecycleOf(stage.image);
  if (!lifecycle) return stage;
  const ended = firstEnding(lifecycle, now);
  if (daysLeft(ended.eol, now) >= 0) return stage;
  const replacement = replacementImage(stage.image, lifecycle, ended, now);
  if (!replacement) return stage;
  return {
    ...stage,
    image: parseImageReference(replacement.image, new Map()),
  };
}

/** The finding for a base image at or near its end of life, with the tag to move to. */
export function endOfLifeHit(
  model: DockerfileModel,
  found: StageEndOfLife,
  now: Date,
): RuleHit {
  const { stage, ended, days } = found;
  const lifecycle = lifecycleOf(stage.image)!;
  const date = ended.eol.toISOString().slice(0, 10);
  const what =
    ended.product === lifecycle.product
      ? `${ended.label} ${ended.cycle}`
      : `its ${ended.label} ${ended.cycle} variant`;
  const when =
    days < 0
      ? `reached end of life on ${date}: no more security fixes`
      : `reaches end of life on ${date}, in ${days} days`;
  const replacement = replacementImage(stage.image, lifecycle, ended, now);
  const { upgradeNote, alternative } = productNotes(ended.product);
  let move = `Move to a supported ${ended.label} release`;
  if (replacement)
    move = `Move to ${replacement.image}${
      replacement.until ? ` (supported until ${replacement.until})` : ''
    }`;
  else if (alternative) move = `Move to ${alternative}`;
  // The image word of the FROM line, replaced in the suggested Dockerfile
  // where the user wrote the image out (not through an ARG).
  const word = stage.from.words.find(w => w.value === stage.image.raw);
  // A new release renames packages (buster's `netcat` is virtual on bookworm)
  // and a database's data needs a migration: then the FROM line alone would
  // break the build or the data, so it is advice, not a fix (issue 13).
  const pasteable =
    replacement !== undefined &&
    !upgradeNote &&
    !installsOsPackages(model, stage);
  const edits =
    pasteable && word && stage.image.raw === stage.image.resolved
      ? [{ start: word.start, end: word.end, text: replacement.image }]
      : undefined;
  const caution =
    replacement && !upgradeNote && !pasteable
      ? 'check every package install against the new release first: package names change between releases'
      : undefined;
  return {
    instruction: stage.from,
    edits,
    message: `${stage.image.resolved} is ${what}, which ${when} (${tableNote(
      ended,
    )})`,
    summary: `${move}${upgradeNote ? `; ${upgradeNote}` : ''}${
      caution ? `; ${caution}` : ''
    }.`,
    after: pasteable ? fromWithImage(stage, replacement.image) : undefined,
  };
}
