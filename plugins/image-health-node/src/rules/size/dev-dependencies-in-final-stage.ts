import type { Rule } from '../types';
import { eachCommand, envOf, hasFlag, isCommand } from '../support';

export const rule: Rule = {
  id: 'dev-dependencies-in-final-stage',
  title: 'Dev dependencies installed in the final image',
  category: 'size',
  severity: 'warning',
  equivalents: [],
  description:
    '`npm ci` / `npm install` / `yarn install` in the final stage installs devDependencies (test runners, bundlers, type definitions) unless told not to. Install production dependencies only (`--omit=dev`, `NODE_ENV=production`), and build in an earlier stage.',
  check({ model }) {
    return eachCommand(model, (command, instruction, stage) => {
      if (!stage.final) return undefined;
      const npm =
        isCommand(command, 'npm', ['ci', 'install', 'i']) &&
        command.args.filter(a => !a.startsWith('-')).length === 1;
      const yarn =
        isCommand(command, 'yarn', 'install') ||
        (isCommand(command, 'yarn') &&
          command.args.filter(a => !a.startsWith('-')).length === 0);
      if (!npm && !yarn) return undefined;
      if (hasFlag(command, '--production', '--omit', '--only', '--prod'))
        return undefined;
      if (
        command.args.some(
          a =>
            a === '--omit=dev' ||
            a === '--only=production' ||
            a === '--only=prod',
        )
      )
        return undefined;
      const env = envOf(stage, instruction);
      if (
        env.get('NODE_ENV') === 'production' ||
        command.assignments.includes('NODE_ENV=production')
      )
        return undefined;
      return {
        instruction,
        message: `${command.name} ${command.args.join(
          ' ',
        )} in the final stage also installs devDependencies`,
        summary: npm
          ? 'Use npm ci --omit=dev in the final stage (build in an earlier stage).'
          : 'Use yarn install --production in the final stage (build in an earlier stage).',
      };
    });
  },
};
