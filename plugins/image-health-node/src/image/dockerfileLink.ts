/**
 * Connects an image to the Dockerfile it was built from, read from the
 * analyzer's parsed model: the final base image (fallback for base-image
 * detection), the instruction that made a layer and the ENV that set a
 * variable (so a finding names the line to change).
 */
import type { DockerfileModel, Instruction, Stage } from '../dockerfile/model';
import { unquote } from '../dockerfile/values';

/** The stage the final stage builds on at the bottom of its `FROM <stage>` chain. */
function finalBaseStage(model: DockerfileModel): Stage | undefined {
  let stage = model.stages.find(s => s.final);
  const seen = new Set<number>();
  while (stage && stage.baseStage !== undefined && !seen.has(stage.baseStage)) {
    seen.add(stage.baseStage);
    stage = model.stages[stage.baseStage];
  }
  return stage;
}

/** The image the final stage builds on, global ARG defaults substituted; none for scratch. */
export function finalBaseImage(model: DockerfileModel): string | undefined {
  const image = finalBaseStage(model)?.image;
  if (!image || image.unresolved || !image.resolved) return undefined;
  return image.resolved.toLowerCase() === 'scratch'
    ? undefined
    : image.resolved;
}

function normalizeCommand(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/** The command a history line ran, without the shell and builder decorations. */
export function historyCommand(createdBy: string): string {
  let s = createdBy.trim();
  // Not /\s*# buildkit$/: that is quadratic in a run of spaces, and the image writes this text.
  if (s.endsWith('# buildkit')) s = s.slice(0, -'# buildkit'.length).trimEnd();
  s = s.replace(/^RUN\s+/, '');
  s = s.replace(/^\|\d+(?:\s+\S+=\S*)*\s+/, '');
  s = s.replace(/^\/bin\/sh -c\s+/, '');
  s = s.replace(/^#\(nop\)\s*/, '');
  return normalizeCommand(s);
}

/** The words of an instruction's arguments, quotes removed, exec form included. */
function argumentsOf(instruction: Instruction): string[] {
  return instruction.json ?? instruction.words.map(w => unquote(w.value));
}

/** The instruction of the final stage a history line came from, if it can be told. */
export function instructionForHistory(
  model: DockerfileModel,
  createdBy: string,
): Instruction | undefined {
  const command = historyCommand(createdBy);
  if (!command) return undefined;
  // classic builders and buildah: "COPY file:<hash> in /dest"; BuildKit: "COPY src /dest"
  const copy =
    /^(?:COPY|ADD)\b.*\sin\s+(\S+)\s*$/.exec(command) ??
    /^(?:COPY|ADD)\s.*\s(\S+)\s*$/.exec(command);
  // Only the final stage's instructions can have made the image's own layers.
  const finalStage = model.stages.find(s => s.final);
  for (const instruction of finalStage?.instructions ?? []) {
    if (instruction.keyword === 'RUN') {
      const args = normalizeCommand(
        instruction.json ? instruction.json.join(' ') : instruction.args,
      );
      if (
        args &&
        (command === args || command.endsWith(args) || args.endsWith(command))
      )
        return instruction;
    } else if (
      copy &&
      (instruction.keyword === 'COPY' || instruction.keyword === 'ADD')
    ) {
      const words = argumentsOf(instruction);
      const dest = words[words.length - 1];
      if (
        dest !== undefined &&
        (dest === copy[1] ||
          dest.replace(/\/$/, '') === copy[1].replace(/\/$/, ''))
      )
        return instruction;
    }
  }
  return undefined;
}

/** The ENV instruction that sets `name` (`ENV name=value` or `ENV name value`). */
export function envInstruction(
  model: DockerfileModel,
  name: string,
): Instruction | undefined {
  return model.instructions.find(instruction => {
    if (instruction.keyword !== 'ENV') return false;
    const words = argumentsOf(instruction);
    if (words.length > 0 && !words[0].includes('=')) return words[0] === name;
    return words.some(word => word.startsWith(`${name}=`));
  });
}
