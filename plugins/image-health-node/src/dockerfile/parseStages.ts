/**
 * The stages of a parsed Dockerfile: each FROM's base image with ARGs
 * substituted, the ARG scope, names and the COPY --from graph, and every
 * RUN's shell read into commands under the stage's SHELL.
 */
import { type DockerfileModel, type Instruction, type Stage } from './model';
import { readRun } from './parseRun';
import { parseImageReference, substitute, unquote } from './values';

export function buildStages(model: DockerfileModel): void {
  let current: Stage | undefined;
  const shellByStage = new Map<number, string[] | null>();
  // Lower-cased stage name → the first stage of that name, so a file with many stages stays linear.
  const stageByName = new Map<string, number>();
  const stageNamed = (name: string) =>
    stageByName.get(name.toLowerCase()) ?? -1;
  for (const instruction of model.instructions) {
    if (instruction.keyword === 'FROM') {
      current = stageOf(instruction, model, stageNamed);
      model.stages.push(current);
      const name = current.name;
      if (name !== undefined && !stageByName.has(name.toLowerCase()))
        stageByName.set(name.toLowerCase(), current.index);
      const baseStage = current.baseStage;
      shellByStage.set(
        current.index,
        baseStage !== undefined ? shellByStage.get(baseStage) ?? null : null,
      );
      continue;
    }
    if (!current) {
      if (instruction.keyword === 'ARG') readGlobalArg(instruction, model);
      continue;
    }
    instruction.stage = current.index;
    current.instructions.push(instruction);
    if (instruction.keyword === 'SHELL' && instruction.json) {
      shellByStage.set(current.index, instruction.json);
    }
    const copyFrom =
      instruction.keyword === 'COPY'
        ? instruction.flags.find(f => f.name === 'from')?.value
        : undefined;
    if (copyFrom) addCopySource(current, copyFrom, model, stageNamed);
    if (instruction.keyword === 'RUN') {
      instruction.shell = readRun(
        instruction,
        shellByStage.get(current.index) ?? null,
        current,
        model.escapeChar,
      );
    }
    if (instruction.trigger) instruction.trigger.stage = current.index;
  }
  if (model.stages.length > 0)
    model.stages[model.stages.length - 1].final = true;
}

/** The stage a FROM opens: its base image with global ARGs substituted, its name, the earlier stage it builds on. */
function stageOf(
  from: Instruction,
  model: DockerfileModel,
  stageNamed: (name: string) => number,
): Stage {
  const words = from.words;
  let asIndex = -1;
  for (let i = 0; i < words.length && asIndex < 0; i++)
    if (words[i].value.toLowerCase() === 'as') asIndex = i;
  const image = parseImageReference(words[0]?.value ?? '', model.globalArgs);
  const index = model.stages.length;
  const baseStage = stageNamed(image.resolved);
  from.stage = index;
  return {
    index,
    name: asIndex > 0 ? words[asIndex + 1]?.value : undefined,
    from,
    image,
    baseStage: baseStage >= 0 ? baseStage : undefined,
    platform: from.flags.find(f => f.name === 'platform')?.value ?? undefined,
    instructions: [],
    final: false,
    copiesFrom: [],
    copiesFromImages: [],
  };
}

/** An ARG before the first FROM: its default, with earlier global ARGs substituted, joins the global ARGs. */
function readGlobalArg(instruction: Instruction, model: DockerfileModel): void {
  const globalArgs = model.globalArgs;
  for (const word of instruction.words) {
    const eq = word.value.indexOf('=');
    if (eq < 0) globalArgs.set(word.value, globalArgs.get(word.value));
    else {
      const value = substitute(
        unquote(word.value.slice(eq + 1)),
        globalArgs,
      ).value;
      globalArgs.set(word.value.slice(0, eq), value);
    }
  }
}

/** A `COPY --from=`: an earlier stage by name or index, or else an image. */
function addCopySource(
  stage: Stage,
  copyFrom: string,
  model: DockerfileModel,
  stageNamed: (name: string) => number,
): void {
  const resolved = substitute(copyFrom, model.globalArgs).value;
  const byName = stageNamed(resolved);
  const byIndex = /^\d+$/.test(resolved) ? Number(resolved) : -1;
  if (byName >= 0) stage.copiesFrom.push(byName);
  else if (byIndex >= 0 && byIndex < model.stages.length)
    stage.copiesFrom.push(byIndex);
  else stage.copiesFromImages.push(resolved);
}
