import { rule } from './no-healthcheck';
import { describeRule } from '../testing';

describeRule(rule, {
  catches: [
    'FROM debian:12.5\nCMD ["x"]',
    'FROM busybox:1.36\nRUN true\nFROM alpine:3.20\nCMD ["./app"]',
    'FROM a:1 AS b\nHEALTHCHECK CMD true\nFROM c:1',
  ],
  passes: [
    'FROM debian:12.5\nHEALTHCHECK CMD curl -f http://localhost/ || exit 1',
    'FROM golang:1.22\nCMD ["./app"]\nFROM alpine:3.20\nHEALTHCHECK CMD ["/healthz"]\nCMD ["./app"]',
    'FROM a:1 AS b\nHEALTHCHECK CMD true\nFROM b',
  ],
});
