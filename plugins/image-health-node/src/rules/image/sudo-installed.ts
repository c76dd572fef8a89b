import type { ImageRule } from './types';

export const rule: ImageRule = {
  id: 'IMG017',
  title: 'sudo installed in the image',
  category: 'security',
  severity: 'warning',
  // Not DKL-DI-0001: dockle reports a build command that runs sudo (the Dockerfile rule
  // sudo-in-run claims it); this rule reports the program shipped.
  equivalents: [],
  description:
    'sudo in the final image is a ready privilege-escalation path for whoever gets a shell in the container, and containers do not need it: steps that must run as root run under `USER root` at build time.',
  remediation:
    'Do not install sudo (remove it in the RUN that installed it), and run the steps that need root under `USER root` before switching to the service user.',
  check({ name, deep, instructionForLayer }) {
    if (!deep?.complete) return [];
    return deep.files.sudoFiles.map(file => ({
      message: `${name} ships ${file.path}`,
      layer: file.layer,
      instruction: instructionForLayer(file.layer),
    }));
  },
};
