import type { Rule } from '../types';
import { eachCommand, isCommand } from '../support';

export const rule: Rule = {
  id: 'npm-install-instead-of-ci',
  title: 'npm install instead of npm ci',
  category: 'build-cache',
  severity: 'warning',
  equivalents: [],
  description:
    '`npm install` may rewrite package-lock.json and resolve newer versions; `npm ci` installs exactly the lockfile, is faster, and fails if the lock and package.json disagree.',
  docsUrl: 'https://docs.npmjs.com/cli/commands/npm-ci',
  check({ model }) {
    return eachCommand(model, (command, instruction) => {
      if (!isCommand(command, 'npm', ['install', 'i'])) return undefined;
      if (command.args.filter(a => !a.startsWith('-')).length !== 1)
        return undefined;
      if (command.args.includes('-g') || command.args.includes('--global'))
        return undefined;
      return {
        instruction,
        message:
          'npm install resolves versions at build time instead of installing the lockfile',
        summary: 'Use npm ci (with package-lock.json copied in).',
        after: `${instruction.keyword} ${instruction.args.replace(
          /\bnpm (install|i)\b/,
          'npm ci',
        )}`,
      };
    });
  },
};
