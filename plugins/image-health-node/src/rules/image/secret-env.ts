import type { ImageRule } from './types';

export const rule: ImageRule = {
  id: 'IMG002',
  title: 'Secret-looking environment variable',
  category: 'security',
  severity: 'error',
  equivalents: ['CIS-DI-0010'],
  description:
    'ENV bakes a value whose name looks like a secret (PASSWORD, TOKEN, SECRET, KEY…) into every layer and into `docker inspect`.',
  remediation:
    'Pass secrets at run time (orchestrator secrets, mounted files) or at build time with `RUN --mount=type=secret`; never with ENV or ARG.',
  check({ name, secretEnvNames, envInstruction }) {
    if (secretEnvNames.length === 0) return [];
    // The ENV line that set the first of them, when the Dockerfile is known.
    const instruction = secretEnvNames
      .map(envName => envInstruction(envName))
      .find(Boolean);
    return [
      {
        message: `${name} bakes secret-looking environment variables into its config: ${secretEnvNames.join(
          ', ',
        )}`,
        instruction,
      },
    ];
  },
};
