import type { DockerfileModel } from './model';
import { VARIANT_SIZES } from '../rules/base-image/images';

const MB = 1024 * 1024;

/**
 * The image the final stage ends up on (following `FROM <earlier stage>`)
 * and its approximate compressed size from the analyzer's table, so a
 * Dockerfile whose image was never scanned can still be held against its
 * size budget. Unknown images give no estimate rather than a guess.
 */
export function estimateFinalBase(
  model: DockerfileModel,
): { image: string; compressedBytes: number } | undefined {
  let stage = model.stages.find(s => s.final);
  const seen = new Set<number>();
  while (stage && stage.baseStage !== undefined && !seen.has(stage.baseStage)) {
    seen.add(stage.baseStage);
    stage = model.stages[stage.baseStage];
  }
  if (!stage || stage.image.unresolved || stage.image.registry)
    return undefined;
  const image = stage.image.resolved;
  if (image.toLowerCase() === 'scratch') return { image, compressedBytes: 0 };
  const entry = VARIANT_SIZES[stage.image.repository];
  if (!entry) return undefined;
  const tag = stage.image.tag ?? 'latest';
  const variant = [...entry.variants]
    .sort((a, b) => b.suffix.length - a.suffix.length)
    .find(v => tag.endsWith(v.suffix) || tag.includes(`${v.suffix}-`));
  if (variant) return { image, compressedBytes: variant.size * MB };
  // A tag that names some other small flavour the table does not list.
  if (/(slim|alpine|distroless|minimal|busybox|jre|chiseled)/.test(tag)) {
    return undefined;
  }
  return { image, compressedBytes: entry.full * MB };
}
