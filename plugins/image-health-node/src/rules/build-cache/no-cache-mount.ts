import type { Rule } from '../types';
import type { ShellCommand } from '../../dockerfile/shell';
import type { DockerfileModel } from '../../dockerfile/model';
import {
  allCommands,
  commandsOf,
  hasCacheMount,
  hasFlag,
  isCommand,
  keyValues,
  runScript,
} from '../support';
import { ECOSYSTEMS } from './dependencies';

const SYSTEM = [
  {
    name: 'apt-get',
    installs: (c: ShellCommand) => isCommand(c, 'apt-get', 'install'),
    cache: '/var/cache/apt',
  },
  {
    // apk keeps packages only where /etc/apk/cache exists: the mount makes it.
    name: 'apk',
    installs: (c: ShellCommand) => isCommand(c, 'apk', 'add'),
    cache: '/etc/apk/cache',
  },
];

/** The first language ecosystem, else system package manager, a RUN installs with (without a closure per RUN). */
function managerInstallingIn(
  commands: readonly ShellCommand[],
): { name: string; cache: string } | undefined {
  for (const ecosystem of ECOSYSTEMS)
    for (const command of commands)
      if (ecosystem.installs(command)) return ecosystem;
  for (const system of SYSTEM)
    for (const command of commands) if (system.installs(command)) return system;
  return undefined;
}

/**
 * How a RUN turns the manager's cache off: a flag to drop for the mount
 * (`--no-cache-dir`), or a command that empties it (`npm cache clean`).
 */
function cacheDisabledBy(
  manager: string,
  commands: readonly ShellCommand[],
  pipCacheOffByEnv: boolean,
): { flag?: string; text: string } | undefined {
  for (const c of commands) {
    if (manager === 'pip' && hasFlag(c, '--no-cache-dir'))
      return { flag: '--no-cache-dir', text: 'pip --no-cache-dir' };
    if (manager === 'apk' && isCommand(c, 'apk') && hasFlag(c, '--no-cache'))
      return { flag: '--no-cache', text: 'apk --no-cache' };
    if (manager === 'composer' && hasFlag(c, '--no-cache'))
      return { flag: '--no-cache', text: 'composer --no-cache' };
    if (
      ['npm', 'yarn', 'pnpm'].includes(c.program) &&
      c.program === manager &&
      c.args[0] === 'cache' &&
      c.args[1] === 'clean'
    )
      return { text: `${manager} cache clean` };
  }
  if (manager === 'pip' && pipCacheOffByEnv)
    return { text: 'PIP_NO_CACHE_DIR' };
  return undefined;
}

/**
 * The user each instruction runs as (by index): the last USER before it in
 * its stage, or the user the stage it is built on ends with. One walk.
 */
function usersAt(model: DockerfileModel): string[] {
  const users: string[] = [];
  const endsAs: string[] = [];
  for (const stage of model.stages) {
    let user =
      stage.baseStage === undefined
        ? 'root'
        : endsAs[stage.baseStage] ?? 'root';
    for (const i of stage.instructions) {
      users[i.index] = user;
      if (i.keyword === 'USER') user = i.args.trim().split(':')[0];
    }
    endsAs[stage.index] = user;
  }
  return users;
}

/**
 * The mount options for a cache under `/root` when the RUN runs as another
 * user: that user's home and uid, which the mount must be owned by; undefined
 * when the uid is not in the Dockerfile (a named user from the base image).
 */
function cacheFor(
  model: DockerfileModel,
  user: string,
  cache: string,
): string | undefined {
  if (user === 'root' || user === '0' || !cache.startsWith('/root/'))
    return `target=${cache}`;
  const uid = /^\d+$/.test(user) ? user : uidCreatedFor(model, user);
  if (!uid) return undefined;
  const home = /^\d+$/.test(user) ? '/tmp' : `/home/${user}`;
  return `target=${home}/${cache.slice('/root/'.length)},uid=${uid}`;
}

/**
 * Where `PIP_NO_CACHE_DIR` is set (ENV or ARG), by stage: the index of the
 * first instruction that sets it, inherited by the stages built on it (-1).
 */
function pipCacheTurnedOff(model: DockerfileModel): Map<number, number> {
  const off = new Map<number, number>();
  for (const stage of model.stages) {
    if (stage.baseStage !== undefined && off.has(stage.baseStage))
      off.set(stage.index, -1);
    for (const i of stage.instructions) {
      if (off.has(stage.index)) break;
      if (
        (i.keyword === 'ENV' || i.keyword === 'ARG') &&
        keyValues(i).some(([name]) => name === 'PIP_NO_CACHE_DIR')
      )
        off.set(stage.index, i.index);
    }
  }
  return off;
}

/** The uids `useradd -u N name` / `adduser -u N name` give users in the Dockerfile, read once per model. */
const uidsByModel = new WeakMap<DockerfileModel, Map<string, string>>();

function uidCreatedFor(
  model: DockerfileModel,
  user: string,
): string | undefined {
  let uids = uidsByModel.get(model);
  if (!uids) {
    uids = new Map();
    for (const [c] of allCommands(model)) {
      if (c.program !== 'useradd' && c.program !== 'adduser') continue;
      const at = c.args.findIndex(a => a === '-u' || a === '--uid');
      const uid = c.args[at + 1] ?? '';
      if (at >= 0 && /^\d+$/.test(uid))
        uids.set(c.args[c.args.length - 1], uid);
    }
    uidsByModel.set(model, uids);
  }
  return uids.get(user);
}

export const rule: Rule = {
  id: 'no-cache-mount',
  title: 'Package downloads without a BuildKit cache mount',
  category: 'build-cache',
  severity: 'info',
  equivalents: [],
  description:
    "With `RUN --mount=type=cache,target=<cache dir>` the package manager keeps its downloads between builds without putting them in the image, so a changed lockfile re-downloads only what changed. Where the RUN turns the cache off (`pip --no-cache-dir`, `apk --no-cache`, `npm cache clean`), the advice is to replace that with the mount; apt gets the whole recipe (both apt directories, `sharing=locked`, the `docker-clean` hook removed); a RUN under another user caches in that user's home.",
  docsUrl: 'https://docs.docker.com/build/cache/optimize/#use-cache-mounts',
  check({ model }) {
    const hits = [];
    let users: string[] | undefined;
    let pipOff: Map<number, number> | undefined;
    for (const instruction of model.instructions) {
      if (instruction.keyword !== 'RUN' || instruction.shell?.kind !== 'posix')
        continue;
      const commands = commandsOf(instruction);
      const manager = managerInstallingIn(commands);
      if (!manager || hasCacheMount(instruction)) continue;
      let pipCacheOffByEnv = false;
      if (manager.name === 'pip') {
        pipOff ??= pipCacheTurnedOff(model);
        pipCacheOffByEnv =
          (pipOff.get(instruction.stage) ?? Infinity) < instruction.index;
      }
      const disabled = cacheDisabledBy(
        manager.name,
        commands,
        pipCacheOffByEnv,
      );
      const script = runScript(model, instruction);
      if (manager.name === 'apt-get') {
        const mounts =
          '--mount=type=cache,target=/var/cache/apt,sharing=locked \\\n    --mount=type=cache,target=/var/lib/apt,sharing=locked';
        hits.push({
          instruction,
          message: 'apt-get downloads packages on every cache miss',
          summary:
            'Mount both apt directories as caches (sharing=locked: apt takes a lock) and remove the docker-clean hook that deletes downloaded packages (needs BuildKit).',
          after: `RUN rm -f /etc/apt/apt.conf.d/docker-clean \\\n    && echo 'Binary::apt::APT::Keep-Downloaded-Packages "true";' > /etc/apt/apt.conf.d/keep-cache\nRUN ${mounts} \\\n    ${script}`,
        });
        continue;
      }
      // Only a cache under /root depends on the user the RUN runs as.
      let user = 'root';
      if (manager.cache.startsWith('/root/')) {
        users ??= usersAt(model);
        user = users[instruction.index] ?? 'root';
      }
      const mount = cacheFor(model, user, manager.cache);
      const replaced =
        disabled?.flag !== undefined
          ? script.replace(` ${disabled.flag}`, '')
          : script;
      // A RUN that empties the cache, or an ENV that turns it off, is the user's to change.
      const pasteable =
        mount !== undefined &&
        (!disabled || (disabled.flag !== undefined && replaced !== script));
      hits.push({
        instruction,
        message: disabled
          ? `${manager.name} downloads packages on every build: ${disabled.text} turns its cache off`
          : `${manager.name} downloads packages on every cache miss`,
        summary: `${
          disabled
            ? `Replace ${disabled.text} with a cache mount`
            : 'Add a cache mount to the RUN'
        }: --mount=type=cache,${
          mount ?? `target=<the user's cache dir>,uid=<the user's uid>`
        } (needs BuildKit; the cache never enters the image).`,
        ...(pasteable
          ? { after: `RUN --mount=type=cache,${mount} ${replaced}` }
          : {}),
      });
    }
    return hits;
  },
};
