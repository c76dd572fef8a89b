import { rule } from './no-healthcheck';
import { describeRule } from '../testing';

describeRule(rule, {
  catches: [
    'FROM debian:12.5\nCMD ["x"]',
    'FROM a:1 AS b\nHEALTHCHECK CMD true\nFROM c:1',
  ],
  passes: [
    'FROM debian:12.5\nHEALTHCHECK CMD curl -f http://localhost/ || exit 1',
    'FROM a:1 AS b\nHEALTHCHECK CMD true\nFROM b',
  ],
});
