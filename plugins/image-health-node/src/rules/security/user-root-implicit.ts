import type { Rule } from '../types';
import { argumentsOf } from '../support';
import { baseAvoidsRoot, isWindows, lastUser } from './user';
import { baseFacts, smallerTag } from '../base-image/known-images';
import { fromWithImage, needsGlibc } from '../base-image/images';
import { onSupportedBase } from '../base-image/lifecycle';
import type { BaseFacts } from '../base-image/known-images';
import type {
  DockerfileModel,
  Instruction,
  Stage,
} from '../../dockerfile/model';
import { sourceOf } from '../../dockerfile/model';

export const rule: Rule = {
  id: 'user-root-implicit',
  title: 'No USER: runs as root by default',
  category: 'security',
  severity: 'warning',
  unshipped: 'info',
  // Not DS-0002: Trivy only flags a file with no USER at all (or whose very last USER is root).
  equivalents: ['CIS-DI-0001'],
  description:
    'No USER in the final stage (or the stages it builds on): the container runs as the base image’s user, root for nearly every base. Create and switch to an unprivileged user. Base images known to set their own user cannot be seen from the Dockerfile; `image-health inspect` checks the built image.',
  check({ model, now = new Date() }) {
    const last = lastUser(model);
    if (!last || last.user || isWindows(last.stage)) return [];
    const image = last.stage.image;
    if (baseAvoidsRoot(image)) return [];
    const facts = baseFacts(image.repository, image.tag);
    const stage = last.stage;
    const tail = stage.instructions.filter(
      i => i.keyword === 'CMD' || i.keyword === 'ENTRYPOINT',
    );
    const anchor = tail[0] ?? stage.from;
    // On an ended release, the unprivileged image of its replacement's tag.
    const fix = nonRootFix(
      model,
      image.repository,
      onSupportedBase(last.stage, now).image.tag,
      facts,
    );
    // One list, pushed to: spreading three lists, often empty, made V8
    // recompile this check over and over while warming up.
    const cautions: Caution[] = [];
    rootOnlyPaths(stage, cautions);
    startupCautions(tail, image.repository, cautions);
    volumeCautions(stage, cautions);
    if (image.repository === 'tomcat')
      cautions.push({
        note: 'Tomcat writes logs, work and temp under $CATALINA_HOME: chown them to the user before switching.',
        blocksPaste: true,
      });
    let notes = '';
    for (const caution of cautions)
      notes = notes ? `${notes} ${caution.note}` : caution.note;
    // A switch of user breaks these as pasted: say what to do, paste nothing.
    const noPaste = cautions.some(c => c.blocksPaste);
    return [
      {
        instruction: stage.from,
        message: `the final stage (${image.resolved}) never sets USER, so it runs as root`,
        summary: `${fix.summary}${notes ? ` ${notes}` : ''}`,
        ...(noPaste ? {} : pasteable(model, stage, anchor, fix)),
      },
    ];
  },
};

/** Something an unprivileged user may trip over, and whether it makes a pasted USER line break the image. */
interface Caution {
  note: string;
  blocksPaste: boolean;
}

/** The lines that switch to an unprivileged user, using what the base provides. */
function nonRootFix(
  model: DockerfileModel,
  repository: string,
  tag: string | undefined,
  facts: BaseFacts | undefined,
): { lines: string; summary: string; from?: string } {
  if (repository === 'nginx')
    return {
      // The same smaller tag base-image-heavy names, so the two agree on one FROM.
      from: `nginxinc/nginx-unprivileged:${unprivilegedTag(model, tag)}`,
      lines: '',
      summary: `nginx writes its cache and pid under paths only root may write, so USER alone breaks it: build on nginxinc/nginx-unprivileged:${unprivilegedTag(
        model,
        tag,
      )} (same tags, runs as nginx, listens on 8080: change \`listen 80\` in your config and the published port).`,
    };
  if (
    ['php', 'drupal', 'wordpress'].includes(repository) &&
    /apache|^\d+(\.\d+)*$|^latest$/.test(tag ?? 'latest')
  )
    return {
      lines: 'USER www-data',
      summary:
        'Apache in this image is prepared for www-data (its run, lock and log directories belong to it): switch with USER www-data before CMD/ENTRYPOINT; binding port 80 as www-data needs Docker 20.10+ (or Listen 8080 in ports.conf).',
    };
  if (repository.startsWith('dotnet/'))
    return {
      lines: 'USER $APP_UID',
      summary:
        'Switch to the non-root user the .NET 8+ images provide: USER $APP_UID (before CMD/ENTRYPOINT).',
    };
  if (facts?.nonRootUser)
    return {
      lines: `USER ${facts.nonRootUser}`,
      summary: `Switch to the non-root user the base image provides: USER ${facts.nonRootUser} (before CMD/ENTRYPOINT).`,
    };
  if (facts?.addUser === 'useradd')
    return {
      lines: 'RUN useradd --system --no-log-init --uid 10001 app\nUSER app',
      summary:
        'Create an unprivileged user with useradd and switch to it before CMD/ENTRYPOINT; give it the files it writes (COPY --chown=app).',
    };
  if (facts?.addUser === 'adduser')
    return {
      lines: 'RUN adduser -D -H -u 10001 app\nUSER app',
      summary:
        'Create an unprivileged user with busybox adduser -D and switch to it before CMD/ENTRYPOINT; give it the files it writes (COPY --chown=app).',
    };
  return {
    lines: 'USER 10001:10001',
    summary:
      'Add a USER line with an unprivileged numeric id before CMD/ENTRYPOINT (no user needs to exist for a numeric id); give it the files it writes.',
  };
}

/**
 * What a non-root user will trip over in this stage: a WORKDIR or entrypoint
 * under /root, or a port below 1024 (fine on Docker 20.10+, which lets any
 * user bind them, not on every runtime).
 */
function rootOnlyPaths(stage: Stage, notes: Caution[]): void {
  const underRoot = stage.instructions.some(
    i =>
      (i.keyword === 'WORKDIR' ||
        i.keyword === 'ENTRYPOINT' ||
        i.keyword === 'CMD') &&
      /(^|[\s"'[,])\/root(\/|\b)/.test(i.args),
  );
  if (underRoot)
    notes.push({
      note: 'The WORKDIR or entrypoint is under /root, which an unprivileged user cannot read: move it (e.g. to /app).',
      blocksPaste: true,
    });
  const lowPort = firstLowPort(stage);
  if (lowPort !== undefined)
    notes.push({
      note: `The service listens on port ${lowPort}, below 1024: runtimes other than Docker 20.10+ let only root bind it, so move it to a high port (e.g. 8080).`,
      blocksPaste: false,
    });
}

/** The first port below 1024 the stage EXPOSEs, if any. */
function firstLowPort(stage: Stage): number | undefined {
  for (const instruction of stage.instructions) {
    if (instruction.keyword !== 'EXPOSE') continue;
    for (const word of instruction.words) {
      const port = Number.parseInt(word.value, 10);
      if (port > 0 && port < 1024) return port;
    }
  }
  return undefined;
}

/** Servers that start as root and drop their workers to a user of their own. */
const ROOT_STARTED_SERVERS = [
  'nginx',
  'httpd',
  'apache2-foreground',
  'apachectl',
  'apache2ctl',
];

/** What the start command needs that an unprivileged user may not have. */
function startupCautions(
  start: Instruction[],
  repository: string,
  notes: Caution[],
): void {
  for (const instruction of start) {
    const words = argumentsOf(instruction);
    if (
      repository !== 'nginx' &&
      words.some(w =>
        ROOT_STARTED_SERVERS.includes(w.slice(w.lastIndexOf('/') + 1)),
      )
    )
      notes.push({
        note: 'Its server starts as root and drops its workers to its own user: run it unprivileged with its own configuration (for nginx, the nginxinc/nginx-unprivileged image, listening on 8080).',
        blocksPaste: true,
      });
    if (words.some(w => w === 'ping' || w === 'tcpdump' || w === 'nmap'))
      notes.push({
        note: 'Its command needs raw sockets (ping, tcpdump, nmap), which an unprivileged user gets only from the runtime or a file capability: check it still runs.',
        blocksPaste: true,
      });
    const redirect =
      /(?:^|[^>&0-9])>>?\s*"?(\/(?!dev\/)[^\s";&|]*|[^\s/";&|][^\s";&|]*)/.exec(
        instruction.json ? instruction.json.join(' ') : instruction.args,
      );
    if (redirect)
      notes.push({
        note: `The start command writes ${redirect[1]}: give the user that path (chown in the Dockerfile) before switching.`,
        blocksPaste: true,
      });
  }
}

/** A VOLUME is created owned by root: the user cannot write it unless the Dockerfile gives it away first. */
function volumeCautions(stage: Stage, notes: Caution[]): void {
  const volume = stage.instructions.find(i => i.keyword === 'VOLUME');
  if (!volume) return;
  const path = volume.json ? volume.json[0] : volume.words[0]?.value;
  notes.push({
    note: `The VOLUME ${path} is created owned by root, so the app can write there only if the Dockerfile chowns it first.`,
    blocksPaste: true,
  });
}

/** nginx-unprivileged publishes nginx's tags: the user's, or the alpine one base-image-heavy suggests. */
function unprivilegedTag(
  model: DockerfileModel,
  tag: string | undefined,
): string {
  if (!tag) return 'stable';
  return smallerTag('nginx', tag, !needsGlibc(model))?.tag ?? tag;
}

/** The user's lines and the fixed lines: a new FROM, or the USER lines before the start command. */
function pasteable(
  model: DockerfileModel,
  stage: Stage,
  anchor: Instruction,
  fix: { lines: string; from?: string },
): { before: string; after: string } {
  if (fix.from)
    return {
      before: sourceOf(model, stage.from),
      after: fromWithImage(stage, fix.from),
    };
  const text = sourceOf(model, anchor);
  return {
    before: text,
    after:
      anchor === stage.from
        ? `${text}\n…\n${fix.lines}`
        : `${fix.lines}\n${text}`,
  };
}
