import { rule } from './apk-no-cache';
import { describeRule } from '../testing';

// DL3019's documented cases, in our own Dockerfiles.
describeRule(rule, {
  catches: [
    'FROM alpine:3.20\nRUN apk add curl=8.9.1-r0',
    'FROM alpine:3.20\nRUN apk update && apk add --virtual .b gcc',
    'FROM alpine:3.20\nRUN apk add --no-cacher bash',
    'FROM alpine:3.20\nRUN apk upgrade --no-cache && apk add python3',
    'FROM alpine:3.20\nRUN --mount=type=cache,target=/var/cache/foo apk add -U curl',
    'FROM alpine:3.20\nRUN --mount=type=tmpfs,target=/var/cache/foo apk add -U curl',
    'FROM alpine:3.20\nONBUILD RUN apk add curl',
  ],
  passes: [
    'FROM alpine:3.20\nRUN apk add --no-cache curl',
    'FROM alpine:3.20\nRUN apk add bash --no-cache',
    'FROM alpine:3.20\nRUN --mount=type=cache,target=/var/cache/apk apk add -U curl',
    'FROM alpine:3.20\nRUN --mount=type=tmpfs,target=/var/cache/apk apk add -U curl',
    'FROM alpine:3.20\nRUN --mount=type=cache,target=/var/cache/foo apk add --no-cache -U curl',
    'FROM alpine:3.20\nRUN apk del curl',
  ],
});
