import { unquote } from '../../dockerfile/parse';
import type { DockerfileModel } from '../../dockerfile/model';
import { isBroadCopy } from './dependencies';

/** The first COPY/ADD of the whole build context, if any. */
export function broadCopyOf(model: DockerfileModel) {
  return model.instructions.find(
    i =>
      (i.keyword === 'COPY' || i.keyword === 'ADD') &&
      !i.flags.some(f => f.name === 'from') &&
      isBroadCopy((i.json ?? i.words.map(w => unquote(w.value))).slice(0, -1)),
  );
}

/**
 * Whether `.dockerignore` excludes `path`, following its rules: later lines win,
 * `!` re-includes, `**` matches any depth, a pattern excluding a directory excludes its contents.
 */
export function ignores(dockerignore: string, path: string): boolean {
  let ignored = false;
  for (const raw of dockerignore.split(/\r?\n/)) {
    const line = raw.trim();
    if (!line || line.startsWith('#')) continue;
    const negate = line.startsWith('!');
    const pattern = (negate ? line.slice(1) : line)
      .replace(/^\.?\//, '')
      .replace(/\/$/, '');
    if (pattern === '') continue;
    if (matchesPath(pattern, path)) ignored = !negate;
  }
  return ignored;
}

function matchesPath(pattern: string, path: string): boolean {
  const re = new RegExp(
    `^${pattern
      .split('/')
      .map(part =>
        part === '**'
          ? '(?:.*)'
          : part
              .replace(/[.+^${}()|[\]\\]/g, '\\$&')
              .replace(/\*/g, '[^/]*')
              .replace(/\?/g, '[^/]'),
      )
      .join('/')
      .replace(/\(\?:\.\*\)\//g, '(?:.*/)?')}(?:/.*)?$`,
  );
  return re.test(path);
}
