import { rule } from './expose-ssh-port';
import { describeRule } from '../testing';

describeRule(rule, {
  catches: [
    'FROM debian:12.5\nEXPOSE 22',
    'FROM debian:12.5\nEXPOSE 80 22/tcp',
  ],
  passes: ['FROM debian:12.5\nEXPOSE 8080', 'FROM debian:12.5\nEXPOSE 2222'],
});
