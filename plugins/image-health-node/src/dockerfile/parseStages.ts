/**
 * The stages of a parsed Dockerfile: each FROM's base image with ARGs
 * substituted, the ARG scope, names and the COPY --from graph, and every
 * RUN's shell read into commands under the stage's SHELL.
 */
import { type DockerfileModel, type Stage } from './model';
import { readRun } from './parseRun';
import { parseImageReference, substitute, unquote } from './values';

export function buildStages(model: DockerfileModel): void {
  const stageVars = model.globalArgs;
  let current: Stage | undefined;
  const shellByStage = new Map<number, string[] | null>();
  // Lower-cased stage name → the first stage of that name, so a file with many stages stays linear.
  const stageByName = new Map<string, number>();
  const stageNamed = (name: string) =>
    stageByName.get(name.toLowerCase()) ?? -1;
  for (const instruction of model.instructions) {
    if (instruction.keyword === 'FROM') {
      const words = instruction.words.map(w => w.value);
      const imageWord = words[0] ?? '';
      const asIndex = words.findIndex(w => w.toLowerCase() === 'as');
      const name = asIndex > 0 ? words[asIndex + 1] : undefined;
      const image = parseImageReference(imageWord, stageVars);
      const index = model.stages.length;
      const baseStage = stageNamed(image.resolved);
      const platform =
        instruction.flags.find(f => f.name === 'platform')?.value ?? undefined;
      current = {
        index,
        name,
        from: instruction,
        image,
        baseStage: baseStage >= 0 ? baseStage : undefined,
        platform,
        instructions: [],
        final: false,
        copiesFrom: [],
        copiesFromImages: [],
      };
      instruction.stage = index;
      model.stages.push(current);
      if (name !== undefined && !stageByName.has(name.toLowerCase()))
        stageByName.set(name.toLowerCase(), index);
      shellByStage.set(
        index,
        baseStage >= 0 ? shellByStage.get(baseStage) ?? null : null,
      );
      continue;
    }
    if (!current) {
      if (instruction.keyword === 'ARG') {
        for (const word of instruction.words) {
          const eq = word.value.indexOf('=');
          if (eq < 0)
            model.globalArgs.set(word.value, model.globalArgs.get(word.value));
          else {
            const value = substitute(
              unquote(word.value.slice(eq + 1)),
              model.globalArgs,
            ).value;
            model.globalArgs.set(word.value.slice(0, eq), value);
          }
        }
      }
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
    if (copyFrom) {
      const resolved = substitute(copyFrom, model.globalArgs).value;
      const byName = stageNamed(resolved);
      const byIndex = /^\d+$/.test(resolved) ? Number(resolved) : -1;
      if (byName >= 0) current.copiesFrom.push(byName);
      else if (byIndex >= 0 && byIndex < model.stages.length)
        current.copiesFrom.push(byIndex);
      else current.copiesFromImages.push(resolved);
    }
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
