import type { DockerfileModel, Stage } from './model';

/**
 * How much of a stage's filesystem ends up in the image the build outputs:
 * - `shipped`: all of it: the final stage and the stages it builds on
 *   (`FROM builder`), or a stage copied whole (`COPY --from=x / /`);
 * - `copied`: only the paths a shipped stage (or a stage it copies from)
 *   takes with `COPY --from`: its packages, caches and tools stay behind;
 * - `unused`: nothing: no path leads from it to the final stage (a `dev` or
 *   `test` target built only with `--target`).
 */
export type StageReach = 'shipped' | 'copied' | 'unused';

/** Every stage's reach, by stage index; read once per model. */
export function stageReaches(model: DockerfileModel): StageReach[] {
  if (model.stageReach) return model.stageReach;
  const reach: StageReach[] = model.stages.map(() => 'unused');
  const final = model.stages.find(s => s.final);
  // Shipped: walk FROM <stage> edges down from the final stage, then also the
  // stages copied whole by a shipped one (and what they build on).
  const ship = (start: Stage | undefined) => {
    for (let s = start; s && reach[s.index] !== 'shipped'; ) {
      reach[s.index] = 'shipped';
      s = s.baseStage !== undefined ? model.stages[s.baseStage] : undefined;
    }
  };
  ship(final);
  for (let changed = true; changed; ) {
    changed = false;
    for (const stage of model.stages) {
      if (reach[stage.index] !== 'shipped') continue;
      for (const whole of wholeCopies(model, stage)) {
        if (reach[whole] === 'shipped') continue;
        ship(model.stages[whole]);
        changed = true;
      }
    }
  }
  // Copied: reachable from a shipped stage through COPY --from and FROM edges.
  const pending = model.stages.filter(s => reach[s.index] === 'shipped');
  while (pending.length > 0) {
    const stage = pending.pop()!;
    const next = [...stage.copiesFrom];
    if (stage.baseStage !== undefined) next.push(stage.baseStage);
    for (const index of next) {
      if (reach[index] !== 'unused') continue;
      reach[index] = 'copied';
      pending.push(model.stages[index]);
    }
  }
  model.stageReach = reach;
  return reach;
}

/** Stages this one copies with `/` as a source: their whole filesystem. */
function wholeCopies(model: DockerfileModel, stage: Stage): number[] {
  const whole: number[] = [];
  for (const instruction of stage.instructions) {
    if (instruction.keyword !== 'COPY') continue;
    const from = instruction.flags.find(f => f.name === 'from')?.value;
    if (!from) continue;
    const sources = instruction.json
      ? instruction.json.slice(0, -1)
      : instruction.words.slice(0, -1).map(w => w.value);
    if (!sources.some(s => s === '/' || s === '/.')) continue;
    const source = copySourceStage(model, from, stage.index);
    if (source) whole.push(source.index);
  }
  return whole;
}

/**
 * The stage a `COPY --from=<from>` of stage `before` copies from: an earlier
 * stage by its name (any case) or its index; undefined for an image. (The
 * parser resolves `Stage.copiesFrom` as it reads, before later stages exist.)
 */
export function copySourceStage(
  model: DockerfileModel,
  from: string,
  before: number,
): Stage | undefined {
  const lower = from.toLowerCase();
  const stage =
    model.stages.find(s => s.name?.toLowerCase() === lower) ??
    (/^\d+$/.test(from) ? model.stages[Number(from)] : undefined);
  return stage && stage.index < before ? stage : undefined;
}

/**
 * Why a finding about this stage's packages or files matters less, or
 * undefined when the stage ships: one sentence a reader can check.
 */
export function unshippedReason(
  model: DockerfileModel,
  stage: Stage,
): string | undefined {
  const reach = stageReaches(model)[stage.index];
  if (reach === 'shipped') return undefined;
  const label = stage.name ? `stage ${stage.name}` : `stage ${stage.index}`;
  if (reach === 'copied')
    return `${label} is not in the final image: only the files COPY --from takes out of it are`;
  if (reach === 'unused')
    return `${label} is not part of the final image: no later stage builds on it or copies from it`;
  return undefined;
}

/**
 * Why a whole Dockerfile is not a shipped image, if it is not: a dev container
 * definition (`.devcontainer/`) builds the environment a developer works in;
 * it runs as the user devcontainer.json names and carries compilers on purpose.
 */
export function developmentEnvironmentReason(
  location: string,
): string | undefined {
  return /(^|[\\/])\.devcontainer[\\/]/.test(location)
    ? 'a .devcontainer/ Dockerfile builds a development environment, not an image that ships'
    : undefined;
}
