import { rule } from './copy-from-own-stage';
import { describeRule } from '../testing';

// DL3023 / DS-0006's documented cases, in our own Dockerfiles.
describeRule(rule, {
  catches: [
    'FROM node:20 AS foo\nCOPY --from=foo bar .',
    'FROM debian:12 AS build\nCOPY --from=build /a /b',
    'FROM golang:1.22 AS Builder\nCOPY --from=builder /src /src',
  ],
  passes: [
    'FROM debian:12 AS build\nFROM debian:12 AS run\nCOPY --from=build /a /b',
    'FROM scratch AS build\nRUN foo\nFROM node:20 AS run\nCOPY --from=build foo .\nRUN baz',
    'FROM golang:1.22\nCOPY --from=golang:1.22 /usr/local/go /go',
  ],
});
