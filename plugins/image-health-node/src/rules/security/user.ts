import type {
  DockerfileModel,
  ImageReference,
  Instruction,
  Stage,
} from '../../dockerfile/model';
import { baseFacts } from '../base-image/known-images';

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

export function isWindows(stage: Stage): boolean {
  return /windows|nanoserver|servercore/.test(
    stage.image.resolved.toLowerCase(),
  );
}

/** As DL3002 reads USER: `root`, `0`, or either with a group (`root:root`, `0:0`). */
export function isRootUser(user: string): boolean {
  return (
    user === 'root' ||
    user === '0' ||
    user.startsWith('root:') ||
    user.startsWith('0:')
  );
}

/**
 * Whether a base image is known not to run its process as root: it sets its
 * own user, or starts as root only to drop to one in its entrypoint (the
 * official database images). Unknown bases are presumed root.
 */
export function baseAvoidsRoot(image: ImageReference): boolean {
  const facts = baseFacts(image.repository, image.tag);
  if (facts?.runsAsNonRoot || facts?.dropsPrivileges) return true;
  return (
    image.resolved.includes('distroless') && image.resolved.includes('nonroot')
  );
}
