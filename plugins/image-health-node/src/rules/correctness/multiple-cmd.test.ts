import { rule } from './multiple-cmd';
import { describeRule } from '../testing';

// DL4003 / DS-0016's documented cases, in our own Dockerfiles.
describeRule(rule, {
  catches: [
    'FROM debian:12.5\nCMD a\nCMD b',
    'FROM debian:12.5\nCMD bash\nRUN make\nCMD other',
    'FROM debian:12 AS one\nCMD bash\nRUN make\nCMD other\nFROM debian:12 AS two\nCMD other',
    'FROM golang:1.22\nCMD ["./app"]\nCMD ["./apps"]\nFROM alpine:3.20\nCMD ["./app"]',
  ],
  passes: [
    'CMD /bin/true',
    'FROM debian:12.5\nCMD ["a"]',
    'FROM a:1 AS x\nCMD a\nFROM b:1\nCMD b',
    'FROM debian:12 AS one\nCMD bash\nRUN make\nFROM debian:12 AS two\nCMD other',
  ],
});
