import { rule } from './copy-whole-filesystem';
import { describeRule } from '../testing';

// DL3067's documented cases.
describeRule(rule, {
  catches: [
    'FROM alpine:3.22 AS build\nFROM scratch\nCOPY --from=build / /',
    'FROM alpine:3.22 AS build\nFROM scratch\nCOPY --from=build "/" "/"',
    'FROM scratch\nCOPY --from=docker.io/tonistiigi/xx:1.6 / /',
  ],
  passes: [
    'FROM alpine:3.22 AS build\nFROM scratch\nCOPY --from=build /app /',
    'FROM alpine:3.22 AS build\nFROM scratch\nCOPY --from=build / /app',
    'FROM scratch\nCOPY / /',
  ],
});
