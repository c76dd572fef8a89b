import { rule } from './apk-pin-versions';
import { describeRule } from '../testing';

describeRule(rule, {
  catches: ['FROM alpine:3\nRUN apk add --no-cache curl'],
  passes: [
    'FROM alpine:3\nRUN apk add --no-cache curl=8.5.0-r0',
    'FROM alpine:3\nRUN apk add --no-cache --virtual .deps curl=8.5.0-r0',
  ],
});
