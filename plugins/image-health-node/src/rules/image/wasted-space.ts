import { formatBytes } from '@image-health/plugin-image-health-common';
import type { ImageRule } from './types';

/** Below this efficiency, or with this much to reclaim, the waste is worth a finding. */
const EFFICIENCY_FLOOR = 0.95;
const RECLAIMABLE_FLOOR = 10 * 1024 * 1024;
/** Below this efficiency the waste is a warning rather than a note. */
const EFFICIENCY_WARNING = 0.9;

export const rule: ImageRule = {
  id: 'IMG008',
  title: 'Space wasted across layers',
  category: 'layers',
  severity: 'warning',
  equivalents: [],
  description:
    "Files written in one layer and overwritten or deleted in a later one still ship in the earlier layer (dive's wasted space).",
  remediation:
    'Create, use and delete temporary files in the same RUN, or build them in another stage and COPY only the result.',
  check({ name, deep, instructionForLayer }) {
    if (!deep?.complete) return [];
    const { tree } = deep;
    const { efficiency, reclaimableBytes, wastedBytes } = tree;
    if (
      wastedBytes === 0 ||
      (efficiency >= EFFICIENCY_FLOOR && reclaimableBytes < RECLAIMABLE_FLOOR)
    )
      return [];
    const top = tree.inefficiencies
      .slice(0, 5)
      .map(
        i =>
          `${i.path} (${formatBytes(i.cumulativeBytes)} in ${
            i.occurrences
          } layers)`,
      )
      .join(', ');
    const worstLayer = tree.layerReclaimableBytes.indexOf(
      Math.max(...tree.layerReclaimableBytes),
    );
    return [
      {
        message: `${name} is ${(efficiency * 100).toFixed(
          1,
        )}% efficient: ${formatBytes(
          wastedBytes,
        )} wasted by dive's measure, ${formatBytes(
          reclaimableBytes,
        )} of it overwritten or deleted copies a better build would not ship; largest: ${top}`,
        severity: efficiency < EFFICIENCY_WARNING ? 'warning' : 'info',
        layer: worstLayer,
        instruction: instructionForLayer(worstLayer),
      },
    ];
  },
};
