import { rule } from './multiple-healthcheck';
import { describeRule } from '../testing';

describeRule(rule, {
  catches: ['FROM debian:12.5\nHEALTHCHECK CMD a\nHEALTHCHECK CMD b'],
  passes: ['FROM debian:12.5\nHEALTHCHECK CMD a'],
});
