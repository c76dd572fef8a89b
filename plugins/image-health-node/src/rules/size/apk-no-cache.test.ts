import { rule } from './apk-no-cache';
import { describeRule } from '../testing';

describeRule(rule, {
  catches: [
    'FROM alpine:3.20\nRUN apk add curl',
    'FROM alpine:3.20\nRUN apk update && apk add --virtual .b gcc',
  ],
  passes: [
    'FROM alpine:3.20\nRUN apk add --no-cache curl',
    'FROM alpine:3.20\nRUN --mount=type=cache,target=/var/cache/apk apk add curl',
    'FROM alpine:3.20\nRUN apk del curl',
  ],
});
