import type { DockerfileInput } from './inputs';

/** The text of a Dockerfile input, when it is known (read now, or kept with an earlier result). */
export function dockerfileText(input: DockerfileInput): string | undefined {
  if (input.kind === 'read') return input.content;
  if (input.kind === 'unchanged') return input.result.content;
  return input.earlier?.result.content;
}

/**
 * The Dockerfile an entity's images are linked to, so their findings point
 * at the lines that made their layers: the first one whose text is known.
 * An entity's images are built from its Dockerfile far more often than not;
 * with several, the first listed is the one the annotation names first.
 */
export function linkedDockerfile(
  dockerfiles: DockerfileInput[],
): { index: number; location: string; content: string } | undefined {
  for (let index = 0; index < dockerfiles.length; index++) {
    const input = dockerfiles[index];
    const content = dockerfileText(input);
    if (content === undefined) continue;
    const location =
      input.kind === 'unchanged' ? input.result.location : input.location;
    return { index, location, content };
  }
  return undefined;
}
