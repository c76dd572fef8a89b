import { rule } from './apk-pin-versions';
import { describeRule } from '../testing';

// DL3018's documented cases, in our own Dockerfiles.
describeRule(rule, {
  catches: [
    'FROM alpine:3\nRUN apk add curl',
    'FROM alpine:3\nRUN apk add --no-cache curl=8.5.0-r0 \\\n  jq \\\n  git=2.43.0-r0',
    'FROM alpine:3\nRUN apk add --no-cache ./local-pkg',
    'FROM alpine:3\nONBUILD RUN apk add curl',
  ],
  passes: [
    'FROM alpine:3\nRUN apk add curl=8.5.0-r0',
    'FROM alpine:3\nRUN apk add --no-cache git~2.43',
    'FROM alpine:3\nRUN apk add --no-cache git~=2.43',
    'FROM alpine:3\nRUN apk add --no-cache git=~2.43',
    'FROM alpine:3\nRUN apk add --no-cache "curl>=8.5" "jq<1.8" "git~2.43" "bash=~5.2"',
    'FROM alpine:3\nRUN apk add --no-cache curl=8.5.0-r0 && pip install -r requirements.txt',
    'FROM alpine:3\nRUN apk add --no-cache \\\n  curl=8.5.0-r0 \\\n  jq=1.7.1-r0',
    'FROM alpine:3\nRUN apk add --virtual .build-deps gcc=13.2.1-r0 musl-dev=1.2.4-r2 && apk del .build-deps',
    'FROM alpine:3\nRUN apk add -t .build-deps gcc=13.2.1-r0',
    'FROM alpine:3\nRUN apk add --no-cache --repository https://dl-cdn.alpinelinux.org/alpine/edge/testing flow=0.78.0-r0',
    'FROM alpine:3\nRUN apk add --no-cache --repository=https://dl-cdn.alpinelinux.org/alpine/edge/testing flow=0.78.0-r0',
    'FROM alpine:3\nRUN apk add --no-cache -X https://dl-cdn.alpinelinux.org/alpine/edge/testing flow=0.78.0-r0',
    'FROM alpine:3\nRUN apk add ./tool-1.1.1.apk',
  ],
});
