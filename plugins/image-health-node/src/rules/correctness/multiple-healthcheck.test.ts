import { rule } from './multiple-healthcheck';
import { describeRule } from '../testing';

// DL3012 / DS-0023's documented cases, in our own Dockerfiles.
describeRule(rule, {
  catches: [
    'FROM debian:12.5\nHEALTHCHECK CMD a\nHEALTHCHECK CMD b',
    'FROM busybox:1.36\nHEALTHCHECK CMD a\nHEALTHCHECK NONE\nFROM alpine:3.20\nHEALTHCHECK CMD c',
  ],
  passes: [
    'FROM scratch',
    'FROM debian:12.5\nHEALTHCHECK CMD a',
    'FROM debian:12.5\nHEALTHCHECK NONE',
    'FROM scratch\nHEALTHCHECK CMD a\nFROM scratch\nHEALTHCHECK CMD b',
  ],
});
