import { formatBytes } from '@image-health/plugin-image-health-common';
import { sourceOf } from '../../dockerfile/model';
import type { ImageRule } from './types';

/** What to append to a RUN so the cache never lands in its layer. */
const CACHE_CLEANUP: Record<string, string> = {
  'apt lists': 'rm -rf /var/lib/apt/lists/*',
  'apt archives': 'apt-get clean',
  'apk cache': 'rm -rf /var/cache/apk/*',
  'dnf/yum cache': 'dnf clean all',
  'pip cache': 'rm -rf /root/.cache/pip',
  'npm cache': 'npm cache clean --force',
  'yarn cache': 'yarn cache clean',
  'go build cache': 'go clean -cache',
  'maven repository': 'rm -rf /root/.m2/repository',
  'gradle cache': 'rm -rf /root/.gradle/caches',
};

export const rule: ImageRule = {
  id: 'IMG006',
  title: 'Package-manager cache left in the image',
  category: 'build-cache',
  severity: 'warning',
  equivalents: ['DKL-DI-0005', 'DL3009', 'DL3042', 'DL3019', 'DL3060'],
  description:
    'Package indexes and download caches (apt lists, pip, npm, yarn, apk, go build cache, maven) are shipped in a layer although nothing at run time reads them.',
  remediation:
    'Clean the cache in the same RUN that fills it, or use a cache mount so it never enters a layer.',
  check({ name, deep, dockerfile, instructionForLayer }) {
    if (!deep?.complete) return [];
    return deep.files.caches.map(cache => {
      const instruction = instructionForLayer(cache.layer);
      const cleanup = CACHE_CLEANUP[cache.name];
      const run =
        instruction?.keyword === 'RUN' && dockerfile && cleanup
          ? sourceOf(dockerfile.model, instruction)
          : undefined;
      return {
        message: `${cache.name} left in ${name}: ${formatBytes(
          cache.bytes,
        )} in ${cache.paths.join(', ')} (${
          cache.files
        } files), mostly from layer ${cache.layer + 1}`,
        layer: cache.layer,
        instruction,
        summary: `Remove the ${cache.name} in the same RUN that creates it${
          cleanup ? ` (\`${cleanup}\`)` : ''
        }, or use a cache mount.`,
        ...(run ? { before: run, after: `${run} \\\n    && ${cleanup}` } : {}),
      };
    });
  },
};
