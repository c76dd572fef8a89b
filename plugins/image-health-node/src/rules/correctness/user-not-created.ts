import type {
  DockerfileModel,
  Instruction,
  Stage,
} from '../../dockerfile/model';
import type { Rule, RuleHit } from '../types';
import { knownUsers } from '../base-image/known-images';
import { commandsOf, stageChain, argumentsOf } from '../support';

/** Programs that add accounts, and package managers whose packages may (postgresql adds `postgres`). */
const ADDS_USERS = new Set(['useradd', 'adduser', 'usermod', 'newusers']);
const INSTALLS_PACKAGES = new Set([
  'apt-get', 'apt', 'aptitude', 'dpkg', 'apk', 'dnf', 'yum', 'microdnf',
  'zypper', 'rpm', 'tdnf', 'pacman',
]); // prettier-ignore

export const rule: Rule = {
  id: 'user-not-created',
  title: 'USER or --chown names a user the stage does not have',
  category: 'correctness',
  severity: 'error',
  equivalents: [],
  description:
    '`COPY --chown=app` fails the build ("unable to find user app") and `USER app` fails when the container starts, when the image has no such account. Only reported when the base image is one whose accounts are known (official images, scratch) and nothing in the stage or the stages it builds on could have added one: no useradd/adduser, no package installs, no scripts run, no /etc/passwd copied in.',
  check({ model }) {
    const hits: RuleHit[] = [];
    for (const stage of model.stages) {
      // Read once a USER or --chown names someone: most stages name no one.
      let users: Set<string> | undefined | null = null;
      for (const instruction of stage.instructions) {
        const named = namedUser(instruction);
        if (!named) continue;
        if (users === null) users = accountsOf(model, stage);
        if (!users) break;
        if (users.has(named.user)) continue;
        const base = stage.image.raw;
        hits.push({
          instruction,
          message: `${named.where} names user ${named.user}, which ${base} does not have and this stage never creates`,
          summary:
            named.where === 'USER'
              ? `Create ${named.user} before USER (with the distribution's useradd or adduser), use an account the base provides, or a numeric UID.`
              : `Create ${named.user} in an earlier RUN, use an account the base provides, or a numeric UID:GID (--chown=10001:10001).`,
        });
      }
    }
    return hits;
  },
};

/** The user part of `USER name[:group]` or `--chown=name[:group]`, when it is a plain name. */
function namedUser(
  instruction: Instruction,
): { user: string; where: string } | undefined {
  let spec: string | undefined;
  let where: string;
  if (instruction.keyword === 'USER') {
    spec = instruction.words[0]?.value;
    where = 'USER';
  } else if (instruction.keyword === 'COPY' || instruction.keyword === 'ADD') {
    spec = instruction.flags.find(f => f.name === 'chown')?.value ?? undefined;
    where = `${instruction.keyword} --chown`;
  } else return undefined;
  if (!spec) return undefined;
  const user = spec.split(':')[0];
  if (!/^[A-Za-z_][A-Za-z0-9_.-]*$/.test(user)) return undefined;
  return { user, where };
}

/**
 * The accounts the stage certainly has, or undefined when that is not known:
 * the base image's, when the tables know it and nothing in the stage's chain
 * could have added one (the names useradd/adduser add are counted; a package
 * install, a script, a heredoc or a copied /etc makes it unknown).
 */
function accountsOf(
  model: DockerfileModel,
  stage: Stage,
): Set<string> | undefined {
  const chain = stageChain(model, stage);
  const bottom = chain[chain.length - 1];
  if (bottom.baseStage !== undefined || bottom.image.raw.includes('$'))
    return undefined;
  const base = knownUsers(bottom.image.repository, bottom.image.tag);
  if (!base || bottom.image.registry) return undefined;
  const users = new Set(base);
  for (const s of chain)
    for (const instruction of s.instructions) {
      if (instruction.keyword === 'RUN') {
        if (instruction.heredocs.length > 0 || instruction.json)
          return undefined;
        for (const command of commandsOf(instruction)) {
          const program = command.program;
          if (INSTALLS_PACKAGES.has(program)) return undefined;
          if (command.name.includes('/') || /\.(?:sh|bash|py)$/.test(program))
            return undefined;
          if (/^(?:ba|da|a|z)?sh$/.test(program) && command.args.length > 0)
            return undefined;
          if (ADDS_USERS.has(program)) {
            if (command.args.some(a => a.includes('$'))) return undefined;
            for (const arg of command.args) users.add(arg);
          }
          if (command.args.some(a => a.includes('/etc/passwd')))
            return undefined;
        }
      } else if (
        (instruction.keyword === 'COPY' || instruction.keyword === 'ADD') &&
        copiesIntoEtc(instruction)
      )
        return undefined;
    }
  return users;
}

/** `COPY … /etc/passwd`, `COPY … /etc/`, `COPY --from=x / /`: accounts may come with it. */
function copiesIntoEtc(instruction: Instruction): boolean {
  const words = argumentsOf(instruction);
  const destination = words[words.length - 1] ?? '';
  return (
    destination === '/' ||
    destination === '/etc' ||
    destination.startsWith('/etc/') ||
    destination.includes('$')
  );
}
