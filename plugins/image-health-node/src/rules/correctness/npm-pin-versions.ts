import { pinRule } from './pinning';
import { isCommand } from '../support';

export const rule = pinRule({
  id: 'npm-pin-versions',
  manager: 'npm',
  equivalents: ['DL3016'],
  example: 'typescript@5.6.3',
  installs: c =>
    isCommand(c, 'npm', ['install', 'i', 'add'])
      ? (c.args.find(a => !a.startsWith('-')) as string)
      : undefined,
  valueFlags: ['--prefix', '--registry', '--cache', '--tag'],
  isPinned: p => {
    // `@scope/name@1.2.3` and `name@1.2.3` are pinned; git, URLs, tarballs and paths are exempt.
    const at = p.lastIndexOf('@');
    if (at > 0) return true;
    return (
      /^(git(\+|:)|https?:|file:|github:)/.test(p) ||
      p.startsWith('.') ||
      p.startsWith('/') ||
      p.startsWith('~') ||
      /\.(tgz|tar\.gz|tar)$/.test(p)
    );
  },
});
