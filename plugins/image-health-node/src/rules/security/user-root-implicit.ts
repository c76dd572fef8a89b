import type { Rule } from '../types';
import { isWindows, lastUser } from './user';
import { sourceOf } from '../../dockerfile/model';

export const rule: Rule = {
  id: 'user-root-implicit',
  title: 'No USER: runs as root by default',
  category: 'security',
  severity: 'warning',
  // Not DS-0002: Trivy only flags a file with no USER at all (or whose very last USER is root).
  equivalents: ['CIS-DI-0001'],
  description:
    'No USER in the final stage (or the stages it builds on): the container runs as the base image’s user, root for nearly every base. Create and switch to an unprivileged user. Base images known to set their own user cannot be seen from the Dockerfile; `image-health inspect` checks the built image.',
  check({ model }) {
    const last = lastUser(model);
    if (!last || last.user || isWindows(last.stage)) return [];
    if (
      last.stage.image.resolved.includes('distroless') &&
      last.stage.image.resolved.includes('nonroot')
    )
      return [];
    const tail = last.stage.instructions.filter(
      i => i.keyword === 'CMD' || i.keyword === 'ENTRYPOINT',
    );
    const anchor = tail[0] ?? last.stage.from;
    const text = sourceOf(model, anchor);
    return [
      {
        instruction: last.stage.from,
        message: `the final stage (${last.stage.image.resolved}) never sets USER, so it runs as root`,
        summary:
          'Add a USER line with an unprivileged user before CMD/ENTRYPOINT.',
        before: text,
        after:
          anchor === last.stage.from
            ? `${text}\n…\nUSER 10001:10001`
            : `USER 10001:10001\n${text}`,
      },
    ];
  },
};
