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
  unshipped: 'info',
  equivalents: [],
  description:
    'gcc, make, build-essential, git and -dev headers installed in the final stage and never removed stay in the shipped image. Install them in a build stage, or remove them in the same RUN that used them.',
  check({ model }) {
    const stage = finalStage(model);
    if (!stage) return [];
    const built = installedPackages(stage, isBuildPackage);
    // Most final stages install no build tool: what they remove is then not
    // read (its three passes over the stage were ~5 % of the corpus lint).
    if (built.length === 0) return [];
    const removed = removedPackages(stage);
    const left = built.filter(p => !removed.has(p.name.split('=')[0]));
    const byInstruction = new Map<
      (typeof left)[number]['instruction'],
      string[]
    >();
    for (const p of left) {
      const names = byInstruction.get(p.instruction);
      if (names) names.push(p.name);
      else byInstruction.set(p.instruction, [p.name]);
    }
    return [...byInstruction].map(([instruction, names]) => ({
      instruction,
      message: `build tools stay in the final image: ${names.join(', ')}`,
      summary:
        'Install build tools in a separate build stage, or purge them at the end of the same RUN.',
    }));
  },
};
