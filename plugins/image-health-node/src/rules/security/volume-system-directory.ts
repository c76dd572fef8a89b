import type { Rule } from '../types';
import { argumentsOf } from '../support';

/** Kernel and device filesystems (dockle's DKL-DI-0002 list). */
const SENSITIVE = new Set(['/sys', '/dev', '/proc']);

/** `/dev/` is `/dev` (a loop: a pattern would backtrack on a long run of slashes). */
function withoutTrailingSlashes(path: string): string {
  let end = path.length;
  while (end > 1 && path[end - 1] === '/') end--;
  return path.slice(0, end);
}

export const rule: Rule = {
  id: 'volume-system-directory',
  title: 'VOLUME on /sys, /dev or /proc',
  category: 'security',
  severity: 'warning',
  // DKL-DI-0002 ("Avoid sensitive directory mounting"): dockle reads the image config's
  // Volumes for exactly these paths.
  equivalents: ['DKL-DI-0002'],
  description:
    'A VOLUME on /sys, /dev or /proc asks the runtime to mount a volume over the kernel’s and devices’ filesystems; what the container needs from them is granted by the runtime (devices, capabilities), not declared in the image.',
  check({ model }) {
    return model.instructions.flatMap(instruction => {
      if (instruction.keyword !== 'VOLUME') return [];
      const paths = argumentsOf(instruction, { unquoted: true });
      return paths
        .map(withoutTrailingSlashes)
        .filter(p => SENSITIVE.has(p))
        .map(path => ({
          instruction,
          message: `VOLUME ${path} mounts over the container's ${path}`,
          summary: `Remove ${path} from VOLUME.`,
        }));
    });
  },
};
