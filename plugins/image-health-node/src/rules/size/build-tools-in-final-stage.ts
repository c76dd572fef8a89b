import type { Rule } from '../types';
import {
  installedPackages,
  isBuildPackage,
  removedPackages,
} from './build-steps';
import { finalStage } from '../support';

export const rule: Rule = {
  id: 'build-tools-in-final-stage',
  title: 'Build tools left in the final image',
  category: 'size',
  severity: 'warning',
  equivalents: [],
  description:
    'gcc, make, build-essential, git and -dev headers installed in the final stage and never removed stay in the shipped image. Install them in a build stage, or remove them in the same RUN that used them.',
  check({ model }) {
    const stage = finalStage(model);
    if (!stage) return [];
    const removed = removedPackages(stage);
    const left = installedPackages(stage).filter(
      p => isBuildPackage(p.name) && !removed.has(p.name.split('=')[0]),
    );
    const byInstruction = new Map<
      (typeof left)[number]['instruction'],
      string[]
    >();
    for (const p of left)
      byInstruction.set(p.instruction, [
        ...(byInstruction.get(p.instruction) ?? []),
        p.name,
      ]);
    return [...byInstruction].map(([instruction, names]) => ({
      instruction,
      message: `build tools stay in the final image: ${names.join(', ')}`,
      summary:
        'Install build tools in a separate build stage, or purge them at the end of the same RUN.',
    }));
  },
};
