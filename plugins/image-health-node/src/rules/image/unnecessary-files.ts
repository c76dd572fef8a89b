import { formatBytes } from '@image-health/plugin-image-health-common';
import type { ImageRule } from './types';

export const rule: ImageRule = {
  id: 'IMG016',
  title: 'Files the image does not need',
  category: 'size',
  severity: 'info',
  // DKL-LI-0003 ("Only put necessary files"): dockle lists build files (Dockerfile,
  // docker-compose.yml), editor files and IDE folders. Its tmp/ and .cache/ are IMG006's
  // caches here, and .git is IMG009.
  equivalents: ['DKL-LI-0003'],
  description:
    'Desktop and editor leftovers (.DS_Store, vim swap files), IDE folders (.vscode, .idea) and the build’s own files (Dockerfile, docker-compose.yml) were copied in with the build context; nothing in the running container reads them. Files inside node_modules/ or vendor/ are the dependencies’ and are left alone.',
  remediation:
    'List them in .dockerignore (`**/.DS_Store`, `**/*.swp`, `.vscode`, `.idea`, `Dockerfile*`, `docker-compose*`), or COPY only the paths the image needs.',
  check({ name, deep, instructionForLayer }) {
    if (!deep?.complete) return [];
    return deep.files.unnecessaryFiles.map(file => ({
      message: `${name} contains ${file.path} (${formatBytes(
        file.bytes,
      )}), which the running container does not need`,
      layer: file.layer,
      instruction: instructionForLayer(file.layer),
    }));
  },
};
