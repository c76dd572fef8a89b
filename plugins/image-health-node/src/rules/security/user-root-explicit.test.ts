import { rule } from './user-root-explicit';
import { describeRule } from '../testing';

describeRule(rule, {
  catches: [
    'FROM debian:12.5\nUSER root',
    'FROM debian:12.5\nUSER app\nUSER 0:0',
    'FROM debian:12 AS base\nUSER root\nFROM base',
  ],
  passes: [
    'FROM debian:12.5\nUSER root\nRUN x\nUSER app',
    'FROM debian:12.5\n',
    'FROM debian:12 AS b\nUSER root\nFROM debian:12\nUSER 1000',
  ],
});
