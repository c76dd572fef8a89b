import { rule } from './cmd-shell-form';
import { describeRule } from '../testing';

describeRule(rule, {
  catches: [
    'FROM debian:12.5\nCMD node index.js',
    'FROM debian:12.5\nENTRYPOINT /docker-entrypoint.sh',
  ],
  passes: [
    'FROM debian:12.5\nCMD ["node", "index.js"]',
    'FROM debian:12.5\nENTRYPOINT ["/entry.sh"]',
  ],
});
