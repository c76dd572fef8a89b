import { rule } from './multiple-entrypoint';
import { describeRule } from '../testing';

describeRule(rule, {
  catches: ['FROM debian:12.5\nENTRYPOINT a\nENTRYPOINT b'],
  passes: [
    'FROM debian:12.5\nENTRYPOINT ["a"]',
    'FROM a:1 AS x\nENTRYPOINT a\nFROM b:1\nENTRYPOINT b',
  ],
});
