import type { Rule } from '../types';
import { unquote } from '../../dockerfile/values';

/** System directories a WORKDIR must not be in (Trivy's DS-0030 list). */
const SYSTEM_DIRECTORIES = ['/proc', '/boot', '/dev', '/initrd', '/lost+found'];

function systemDirectoryOf(path: string): string | undefined {
  return SYSTEM_DIRECTORIES.find(
    dir => path === dir || path.startsWith(`${dir}/`),
  );
}

export const rule: Rule = {
  id: 'workdir-system-directory',
  title: 'WORKDIR in a system directory',
  category: 'correctness',
  severity: 'error',
  // DS-0030 ("WORKDIR should not be mounted on system dirs"): trivy-checks' cases in
  // rules/trivyChecks.test.ts. Trivy matches `/proc/…` and leaves `/proc` itself alone;
  // this rule reports both.
  equivalents: ['DS-0030'],
  description:
    'A WORKDIR under /proc, /dev, /boot, /initrd or /lost+found points the build and the container at the kernel’s or the host’s files (/proc and /dev are mounted over at run time), not at the application’s.',
  check({ model }) {
    return model.instructions.flatMap(instruction => {
      if (instruction.keyword !== 'WORKDIR' || instruction.args === '')
        return [];
      const path = unquote(instruction.args.trim());
      const dir = systemDirectoryOf(path);
      if (!dir) return [];
      return [
        {
          instruction,
          message: `WORKDIR ${path} is inside the system directory ${dir}`,
          summary: 'Use a directory of the application, e.g. WORKDIR /app.',
        },
      ];
    });
  },
};
