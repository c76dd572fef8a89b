import { rule } from './maintainer-deprecated';
import { describeRule } from '../testing';

// DL4000 / DS-0022's documented cases, in our own Dockerfiles.
describeRule(rule, {
  catches: [
    'FROM debian:12.5\nMAINTAINER Jane <jane@example.com>',
    'FROM fedora:40\nMAINTAINER ops@example.com',
    'FROM debian:12 AS build\nMAINTAINER ops@example.com\nFROM debian:12-slim',
  ],
  passes: [
    'FROM debian:12.5\nLABEL maintainer="jane@example.com"',
    'FROM fedora:40',
  ],
});
