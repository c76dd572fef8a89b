import type { Rule } from '../types';
import { fromWithImage, lighterVariant } from './images';
import { onSupportedBase } from './lifecycle';

export const rule: Rule = {
  id: 'base-image-heavy',
  title: 'Heavy base image where a slim variant exists',
  category: 'base-image',
  severity: 'warning',
  unshipped: 'info',
  equivalents: [],
  description:
    'The full Debian-based language images carry compilers, headers and docs a service does not run with, and full distribution images (ubuntu, centos, Rocky/Alma/Oracle Linux, fedora) carry tools a service does not need. Their -slim / -alpine / -minimal variants, or a smaller distribution, are several times smaller (sizes from a table kept with the analyzer).',
  check({ model, now = new Date() }) {
    return model.stages
      .filter(s => s.final && s.baseStage === undefined)
      .flatMap(stage => {
        // On an ended release, the slimmer variant of its replacement.
        const lighter = lighterVariant(model, onSupportedBase(stage, now));
        if (!lighter) return [];
        return [
          {
            instruction: stage.from,
            message: `${stage.image.resolved} is about ${lighter.full} MB compressed; ${lighter.image} is about ${lighter.size} MB`,
            summary: `Build on ${lighter.image} (about ${
              lighter.full - lighter.size
            } MB smaller${
              lighter.caveat ? `; ${lighter.caveat}` : ''
            }); add back only the packages you need.`,
            after: fromWithImage(stage, lighter.image),
          },
        ];
      });
  },
};
