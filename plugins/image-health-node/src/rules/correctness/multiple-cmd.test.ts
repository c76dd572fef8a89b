import { rule } from './multiple-cmd';
import { describeRule } from '../testing';

describeRule(rule, {
  catches: ['FROM debian:12.5\nCMD a\nCMD b'],
  passes: [
    'FROM debian:12.5\nCMD ["a"]',
    'FROM a:1 AS x\nCMD a\nFROM b:1\nCMD b',
  ],
});
