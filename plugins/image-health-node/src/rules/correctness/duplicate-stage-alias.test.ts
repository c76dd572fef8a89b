import { rule } from './duplicate-stage-alias';
import { describeRule } from '../testing';

describeRule(rule, {
  catches: ['FROM a:1 AS x\nFROM b:1 AS x', 'FROM a:1 AS X\nFROM b:1 AS x'],
  passes: ['FROM a:1 AS x\nFROM b:1 AS y'],
});
