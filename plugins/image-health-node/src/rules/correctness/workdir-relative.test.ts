import { rule } from './workdir-relative';
import { describeRule } from '../testing';

describeRule(rule, {
  catches: ['FROM debian:12.5\nWORKDIR app', 'FROM debian:12.5\nWORKDIR ./src'],
  passes: [
    'FROM debian:12.5\nWORKDIR /app',
    'FROM debian:12.5\nWORKDIR $HOME/app',
    'FROM debian:12.5\nWORKDIR "/app"',
    'FROM debian:12.5\nWORKDIR C:\\\\app',
  ],
});
