import { rule } from './maintainer-deprecated';
import { describeRule } from '../testing';

describeRule(rule, {
  catches: ['FROM debian:12.5\nMAINTAINER Jane <jane@example.com>'],
  passes: ['FROM debian:12.5\nLABEL maintainer="jane@example.com"'],
});
