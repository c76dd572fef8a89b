import type { DockerfileModel, Stage } from '../../dockerfile/model';
import { stageChain } from '../support';

/**
 * What the rules may say about public base images without asking a registry:
 * which tags exist (from each repository's documented tag scheme, as on its
 * Docker Hub page), and what an image has inside (shell, user tools, libc,
 * the user it runs as). A fix names only tags and commands these tables know.
 */

/** Debian and Ubuntu release names the official images use in tags. */
const SUITE = '(?:trixie|bookworm|bullseye|buster|stretch|noble|jammy|focal)';
const VERSION = '\\d+(?:\\.\\d+){0,2}';
const ALPINE = 'alpine(?:3\\.\\d+)?';

/** .NET runtime images: `8.0`, `8.0-alpine`, `8.0-bookworm-slim`, `8.0-noble-chiseled`, `latest`. */
const DOTNET_TAGS = new RegExp(
  `^(?:\\d+\\.\\d+(?:\\.\\d+)?(?:-(?:${ALPINE}|${SUITE}-slim|${SUITE}(?:-chiseled)?))?|latest)$`,
);

/** nginx's tags, which nginxinc/nginx-unprivileged publishes too. */
const NGINX_TAGS = new RegExp(
  `^(?:(?:${VERSION}|stable|mainline)(?:-(?:alpine(?:-slim)?|perl|${SUITE}))?|alpine(?:-slim)?|latest)$`,
);

/**
 * Tag schemes, one pattern per repository. Only the shapes the official
 * images publish: `python:3.12-slim-bookworm` exists, `python:3.12-bookworm-slim`
 * does not; node is the other way round; php has no `-apache-alpine`.
 */
const TAG_SCHEMES: Record<string, RegExp> = {
  node: new RegExp(
    `^(?:(?:${VERSION}|lts|current)(?:-(?:slim|${ALPINE}|${SUITE}(?:-slim)?))?|slim|alpine|${SUITE}(?:-slim)?|latest)$`,
  ),
  python: new RegExp(
    `^(?:${VERSION}(?:-(?:slim(?:-${SUITE})?|${ALPINE}|${SUITE}))?|slim(?:-${SUITE})?|alpine|${SUITE}|latest)$`,
  ),
  ruby: new RegExp(
    `^(?:${VERSION}(?:-(?:slim(?:-${SUITE})?|${ALPINE}|${SUITE}))?|slim(?:-${SUITE})?|alpine|${SUITE}|latest)$`,
  ),
  golang: new RegExp(
    `^(?:${VERSION}(?:-(?:${ALPINE}|${SUITE}))?|alpine|${SUITE}|latest)$`,
  ),
  nginx: NGINX_TAGS,
  'nginxinc/nginx-unprivileged': NGINX_TAGS,
  httpd: new RegExp(`^(?:${VERSION}(?:-(?:alpine|${SUITE}))?|alpine|latest)$`),
  postgres: new RegExp(
    `^(?:${VERSION}(?:-(?:${ALPINE}|${SUITE}))?|alpine|${SUITE}|latest)$`,
  ),
  php: new RegExp(
    `^(?:${VERSION}(?:-(?:cli|fpm|zts|apache)(?:-${SUITE})?|-(?:cli|fpm|zts)-${ALPINE}|-${ALPINE}|-${SUITE})?|cli|fpm|apache|alpine|latest)$`,
  ),
  perl: new RegExp(
    `^(?:${VERSION}(?:-(?:slim(?:-${SUITE})?|${SUITE}))?|slim|latest)$`,
  ),
  debian: new RegExp(
    `^(?:(?:${SUITE}|\\d+(?:\\.\\d+)?|stable|oldstable|testing)(?:-slim)?|latest)$`,
  ),
  ubuntu: new RegExp(`^(?:${SUITE}|\\d\\d\\.\\d\\d|latest|rolling)$`),
  alpine: /^(?:3(?:\.\d+){1,2}|latest|edge)$/,
  'eclipse-temurin': new RegExp(
    `^\\d+(?:\\.[\\w.+]+)?-(?:jdk|jre)(?:-(?:${ALPINE}|${SUITE}|ubi\\d+-minimal))?$`,
  ),
  rockylinux: /^\d+(?:\.\d+)?(?:-minimal)?$/,
  almalinux: /^\d+(?:\.\d+)?(?:-minimal)?$/,
  oraclelinux: /^\d+(?:\.\d+)?(?:-slim)?$/,
  'registry.fedoraproject.org/fedora-minimal': /^\d+$/,
  'gcr.io/distroless/static-debian12': /^(?:latest|nonroot|debug)$/,
  'mcr.microsoft.com/dotnet/runtime': DOTNET_TAGS,
  'mcr.microsoft.com/dotnet/aspnet': DOTNET_TAGS,
  'gcr.io/distroless/cc-debian12': /^(?:latest|nonroot|debug)$/,
};

/** Whether `image` (`repository:tag`, Docker Hub or a registry above) is a tag known to exist. */
export function isKnownTag(image: string): boolean {
  const colon = image.lastIndexOf(':');
  // No tag: `latest`, which the scheme must publish.
  const tagged = colon >= 0 && image.indexOf('/', colon) < 0;
  const repository = (tagged ? image.slice(0, colon) : image).replace(
    /^(?:docker\.io\/)?library\//,
    '',
  );
  const scheme = TAG_SCHEMES[repository];
  return (
    scheme !== undefined &&
    scheme.test(tagged ? image.slice(colon + 1) : 'latest')
  );
}

/** The release suffix of a tag: `bookworm` in `3.12-bookworm`. */
const SUITE_SUFFIX = new RegExp(`^(.*?)-(${SUITE})$`);

/**
 * The smaller tag of the same repository that the tag scheme publishes, or
 * undefined when there is none or it would change the C library (`musl` is
 * offered only when `allowMusl`). `latest` gets none: pinning comes first.
 */
export function smallerTag(
  repository: string,
  tag: string,
  allowMusl: boolean,
): { tag: string; musl: boolean } | undefined {
  if (tag === 'latest') return undefined;
  const suite = SUITE_SUFFIX.exec(tag);
  const version = suite ? suite[1] : tag;
  const glibc = (t: string) => ({ tag: t, musl: false });
  // A tag that names a Debian or Ubuntu release chose that distribution: keep it.
  const musl = (t: string) =>
    allowMusl && !suite ? { tag: t, musl: true } : undefined;
  let candidate: { tag: string; musl: boolean } | undefined;
  switch (repository) {
    case 'node':
      candidate = glibc(suite ? `${version}-${suite[2]}-slim` : `${tag}-slim`);
      break;
    case 'python':
    case 'ruby':
      candidate = glibc(suite ? `${version}-slim-${suite[2]}` : `${tag}-slim`);
      break;
    case 'perl':
      candidate = glibc(suite ? `${version}-slim-${suite[2]}` : `${tag}-slim`);
      break;
    case 'debian':
      candidate = glibc(`${tag}-slim`);
      break;
    case 'golang':
    case 'nginx':
    case 'httpd':
    case 'postgres':
      candidate = musl(`${version}-alpine`);
      break;
    case 'php':
      // Only the CLI, FPM and ZTS variants come in alpine; apache does not.
      candidate = /-(?:cli|fpm|zts)$/.test(version)
        ? musl(`${version}-alpine`)
        : undefined;
      break;
    case 'eclipse-temurin':
      candidate = /-jdk$/.test(version)
        ? glibc(
            `${version.replace(/-jdk$/, '-jre')}${suite ? `-${suite[2]}` : ''}`,
          )
        : undefined;
      break;
    case 'rockylinux':
    case 'almalinux':
      candidate = glibc(`${tag}-minimal`);
      break;
    case 'oraclelinux':
      candidate = glibc(`${tag}-slim`);
      break;
    default:
      candidate = undefined;
  }
  return candidate && isKnownTag(`${repository}:${candidate.tag}`)
    ? candidate
    : undefined;
}

/** What a base image has inside, as far as a fix needs to know. */
export interface BaseFacts {
  /** The POSIX shell at /bin/sh, if any, and whether bash is there too. */
  sh: 'dash' | 'bash' | 'ash' | null;
  bash: boolean;
  /** How to add a user: shadow's `useradd`, busybox `adduser -D`, or not at all. */
  addUser: 'useradd' | 'adduser' | null;
  libc: 'glibc' | 'musl' | null;
  /** The non-root user the image provides (`USER node` works on it), if any. */
  nonRootUser?: string;
  /** The image itself starts as a non-root user. */
  runsAsNonRoot?: boolean;
  /** Starts as root and drops to its own user in the entrypoint (the official database images). */
  dropsPrivileges?: boolean;
}

const DEBIAN: BaseFacts = {
  sh: 'dash',
  bash: true,
  addUser: 'useradd',
  libc: 'glibc',
};
const BUSYBOX_ALPINE: BaseFacts = {
  sh: 'ash',
  bash: false,
  addUser: 'adduser',
  libc: 'musl',
};
const EL: BaseFacts = {
  sh: 'bash',
  bash: true,
  addUser: 'useradd',
  libc: 'glibc',
};
const DISTROLESS: BaseFacts = {
  sh: null,
  bash: false,
  addUser: null,
  libc: 'glibc',
};
const WINDOWS: BaseFacts = { sh: null, bash: false, addUser: null, libc: null };

/** A Windows image's repository or tag: `…/nanoserver`, `ltsc2022-windowsservercore`. */
function isWindowsName(name: string): boolean {
  return (
    name.includes('nanoserver') ||
    name.includes('servercore') ||
    name.includes('windows')
  );
}

/** Facts by repository; the tag decides Alpine or Debian for the language images. */
export function baseFacts(
  repository: string,
  tag: string | undefined,
): BaseFacts | undefined {
  const t = tag ?? 'latest';
  const alpine = /alpine/.test(t) || repository === 'alpine';
  if (isWindowsName(repository) || isWindowsName(t)) return WINDOWS;
  if (repository.startsWith('gcr.io/distroless/'))
    return {
      ...DISTROLESS,
      libc: /static/.test(repository) ? null : 'glibc',
      nonRootUser: 'nonroot',
      ...(/nonroot/.test(t) ? { runsAsNonRoot: true } : {}),
    };
  if (repository === 'busybox')
    return { sh: 'ash', bash: false, addUser: 'adduser', libc: null };
  if (repository === 'alpine') return BUSYBOX_ALPINE;
  if (
    ['debian', 'ubuntu', 'buildpack-deps'].includes(repository) ||
    /^(?:vscode\/)?devcontainers\/|^continuumio\//.test(repository)
  )
    return alpine ? BUSYBOX_ALPINE : DEBIAN;
  if (
    ['rockylinux', 'almalinux', 'oraclelinux', 'centos', 'fedora'].includes(
      repository,
    )
  )
    return /minimal|slim/.test(t) ? { ...EL, addUser: null } : EL;
  const base = alpine ? BUSYBOX_ALPINE : DEBIAN;
  switch (repository) {
    case 'node':
      return { ...base, nonRootUser: 'node' };
    case 'postgres':
    case 'mysql':
    case 'mariadb':
    case 'mongo':
    case 'redis':
    case 'rabbitmq':
    case 'elasticsearch':
    case 'cassandra':
      return { ...base, dropsPrivileges: true };
    case 'python':
    case 'ruby':
    case 'golang':
    case 'php':
    case 'perl':
    case 'nginx':
    case 'httpd':
    case 'eclipse-temurin':
    case 'tomcat':
    case 'drupal':
    case 'wordpress':
      return base;
    default:
      if (
        repository === 'dotnet/aspnet' ||
        repository === 'dotnet/runtime' ||
        repository === 'dotnet/sdk'
      )
        return { ...base, nonRootUser: 'app' };
      return undefined;
  }
}

/**
 * What the stage's image has: the facts of the image at the bottom of its
 * `FROM <stage>` chain, or, for an image the table does not know, what its
 * package manager gives away (apt-get: Debian-like, apk: Alpine, dnf/yum: EL).
 */
export function stageFacts(
  model: DockerfileModel,
  stage: Stage,
): BaseFacts | undefined {
  const chain = stageChain(model, stage);
  const bottom = chain[chain.length - 1];
  const known = baseFacts(bottom.image.repository, bottom.image.tag);
  if (known) return known;
  for (const s of chain)
    for (const instruction of s.instructions)
      for (const command of instruction.shell?.commands ?? []) {
        if (command.program === 'apt-get' || command.program === 'apt')
          return DEBIAN;
        if (command.program === 'apk') return BUSYBOX_ALPINE;
        if (['dnf', 'yum', 'microdnf'].includes(command.program))
          return {
            ...EL,
            addUser: command.program === 'microdnf' ? null : 'useradd',
          };
      }
  return undefined;
}

/**
 * Accounts the base distributions ship in /etc/passwd: Debian and Ubuntu
 * (base-passwd, `ubuntu` since 23.04), Alpine (alpine-baselayout, old and
 * new), busybox and the Enterprise Linux family (setup). One union, so a name
 * any of them has is never called missing.
 */
const SYSTEM_USERS = [
  'root', 'daemon', 'bin', 'sys', 'sync', 'games', 'man', 'lp', 'mail',
  'news', 'uucp', 'proxy', 'www-data', 'backup', 'list', 'irc', 'gnats',
  'nobody', '_apt', 'ubuntu', 'adm', 'shutdown', 'halt', 'operator',
  'postmaster', 'cron', 'ftp', 'sshd', 'at', 'squid', 'xfs', 'cyrus',
  'vpopmail', 'ntp', 'smmsp', 'guest', 'tss', 'systemd-network',
  'systemd-resolve', 'systemd-timesync', 'messagebus', 'nonroot',
]; // prettier-ignore

/** The accounts an official image adds to its distribution's. */
const IMAGE_USERS: Record<string, readonly string[]> = {
  node: ['node'],
  nginx: ['nginx'],
  postgres: ['postgres'],
  mysql: ['mysql'],
  mariadb: ['mysql'],
  mongo: ['mongodb'],
  redis: ['redis'],
  rabbitmq: ['rabbitmq'],
  elasticsearch: ['elasticsearch'],
  cassandra: ['cassandra'],
  'dotnet/aspnet': ['app'],
  'dotnet/runtime': ['app'],
  'dotnet/sdk': ['app'],
};

/**
 * The user names an image's /etc/passwd has, when the tables know the image;
 * undefined for images they do not (which may have any account).
 */
export function knownUsers(
  repository: string,
  tag: string | undefined,
): ReadonlySet<string> | undefined {
  if (repository === 'scratch') return new Set();
  // Dev container images add users per feature: not known.
  if (/^(?:vscode\/)?devcontainers\/|^continuumio\//.test(repository))
    return undefined;
  const facts = baseFacts(repository, tag);
  // Windows images have ContainerUser and ContainerAdministrator instead.
  if (!facts || facts === WINDOWS) return undefined;
  return new Set([...SYSTEM_USERS, ...(IMAGE_USERS[repository] ?? [])]);
}
