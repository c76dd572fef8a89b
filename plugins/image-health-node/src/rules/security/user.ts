import type {
  DockerfileModel,
  Instruction,
  Stage,
} from '../../dockerfile/model';

/** The last USER of the final stage, following `FROM <stage>` chains. */
export function lastUser(
  model: DockerfileModel,
): { stage: Stage; user?: Instruction } | undefined {
  let stage = model.stages.find(s => s.final);
  const final = stage;
  const seen = new Set<number>();
  while (stage && !seen.has(stage.index)) {
    seen.add(stage.index);
    const users = stage.instructions.filter(i => i.keyword === 'USER');
    if (users.length > 0)
      return { stage: final!, user: users[users.length - 1] };
    stage =
      stage.baseStage !== undefined ? model.stages[stage.baseStage] : undefined;
  }
  return final ? { stage: final } : undefined;
}

export function isRootUser(value: string): boolean {
  const user = value.split(':')[0].replace(/^["']|["']$/g, '');
  return user === 'root' || user === '0';
}

export function isWindows(stage: Stage): boolean {
  return /windows|nanoserver|servercore/.test(
    stage.image.resolved.toLowerCase(),
  );
}
