import type { Rule } from '../types';
import { argumentsOf } from '../support';

const SECRET_FILES =
  /(^|\/)(id_rsa|id_ed25519|id_ecdsa|\.env|\.npmrc|\.pypirc|\.netrc|\.git-credentials|credentials\.json|[^/]*\.pem|[^/]*\.key|[^/]*\.p12|[^/]*\.pfx)$/i;

export const rule: Rule = {
  id: 'secret-file-copied',
  title: 'Secret file copied into the image',
  category: 'security',
  severity: 'error',
  equivalents: [],
  description:
    'Private keys, .env, .npmrc or .netrc copied into a layer stay readable in the image, even if a later RUN deletes them. Use RUN --mount=type=secret.',
  docsUrl: 'https://docs.docker.com/build/building/secrets/',
  check({ model }) {
    return model.instructions
      .filter(i => i.keyword === 'COPY' || i.keyword === 'ADD')
      .filter(i => !i.flags.some(f => f.name === 'from'))
      .flatMap(instruction => {
        const sources = argumentsOf(instruction, { unquoted: true }).slice(
          0,
          -1,
        );
        const secret = sources.find(s => SECRET_FILES.test(s));
        if (!secret) return [];
        return [
          {
            instruction,
            message: `${secret} is copied into a layer of the image`,
            summary:
              'Mount it only for the step that needs it: RUN --mount=type=secret,id=…,target=…',
            after: `RUN --mount=type=secret,id=${secret
              .split('/')
              .pop()},target=/run/secrets/${secret
              .split('/')
              .pop()} <command that reads it>`,
          },
        ];
      });
  },
};
