import type { DockerfileModel, Instruction } from '../../dockerfile/model';
import type { Rule } from '../types';
import { keyValues } from '../support';
import { namesASecret, redactText } from '../../secrets';

export const rule: Rule = {
  id: 'secret-in-env-arg',
  title: 'Secret passed through ENV or ARG',
  category: 'security',
  severity: 'error',
  equivalents: ['SecretsUsedInArgOrEnv', 'CIS-DI-0010', 'DL3064'],
  differsFrom: {
    DL3064:
      'hadolint also reports names from a fixed list that are not secrets (AWS_ACCESS_KEY_ID, which identifies a key and is printed in logs, DOCKER_USERNAME, TRAVIS_OS_NAME); only names that say they hold a secret (password, token, secret, API or private key) are reported here.',
  },
  description:
    'ENV values ship in the image config and ARG values in its history: anyone who can pull the image can read them. Use RUN --mount=type=secret at build time and inject runtime secrets at deploy time.',
  docsUrl: 'https://docs.docker.com/build/building/secrets/',
  check({ model }) {
    const hits = [];
    for (const instruction of model.instructions) {
      if (instruction.keyword !== 'ENV' && instruction.keyword !== 'ARG')
        continue;
      for (const [name, value] of keyValues(instruction)) {
        // A credential in the value itself (`https://user:token@host`, a
        // bearer token, a private key) under an innocent name.
        const secretName = namesASecret(name);
        const secretValue =
          !secretName && value !== undefined && redactText(value) !== value;
        if (!secretName && !secretValue) continue;
        // An ENV no RUN reads is for the running container (a database
        // image's MYSQL_PASSWORD): a build secret would not reach it.
        const atRunTime =
          instruction.keyword === 'ENV' &&
          !readByLaterRun(model, instruction, name);
        hits.push({
          instruction,
          message: secretValue
            ? `${instruction.keyword} ${name} has a credential in its value, which goes into the image`
            : `${instruction.keyword} ${name} puts a secret into the image`,
          summary: atRunTime
            ? `The container reads ${name} when it starts: remove it from the Dockerfile and set it at run time (docker run -e ${name}, an orchestrator secret).`
            : 'Pass it with RUN --mount=type=secret,id=… at build time, or as a runtime environment variable from your orchestrator.',
          after: atRunTime
            ? `# ${name}: set at run time (docker run -e ${name}, an orchestrator secret), never in the image`
            : `RUN --mount=type=secret,id=${name.toLowerCase()},env=${name} <command that needs it>`,
        });
      }
    }
    return hits;
  },
};

/** Whether a RUN after `instruction` in its stage names `$name` or `${name}`. */
function readByLaterRun(
  model: DockerfileModel,
  instruction: Instruction,
  name: string,
): boolean {
  const stage = model.stages[instruction.stage];
  return (stage?.instructions ?? []).some(
    i =>
      i.keyword === 'RUN' &&
      i.index > instruction.index &&
      (i.args.includes(`$${name}`) || i.args.includes(`\${${name}}`)),
  );
}
