import { rule } from './user-root-explicit';
import { describeRule } from '../testing';

// DL3002's documented cases, in our own Dockerfiles.
describeRule(rule, {
  catches: [
    'FROM debian:12.5\nUSER root',
    'FROM debian:12.5\nUSER 0',
    'FROM debian:12.5\nUSER root:root',
    'FROM debian:12.5\nUSER 0:0',
    'FROM debian:12.5\nUSER app\nUSER 0:0',
    'FROM debian:12 AS base\nUSER root\nRUN make\nFROM base\nRUN make install',
    'FROM debian:12 AS base\nUSER root\nRUN make\nFROM scratch\nUSER app\nRUN true',
  ],
  passes: [
    'FROM debian:12.5\nUSER app',
    'FROM debian:12.5\nUSER root\nRUN make\nUSER app',
    'FROM debian:12 AS base\nUSER root\nRUN make\nUSER app\nFROM scratch\nRUN true',
    'FROM debian:12.5\nUSER rootless',
    'FROM debian:12.5\n',
  ],
});
