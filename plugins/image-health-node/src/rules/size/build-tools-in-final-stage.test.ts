import { rule } from './build-tools-in-final-stage';
import { describeRule } from '../testing';

describeRule(rule, {
  catches: [
    'FROM debian:12.5\nRUN apt-get update && apt-get install -y --no-install-recommends gcc make',
    'FROM alpine:3.20\nRUN apk add --no-cache build-base git',
    'FROM alpine:3.20\nRUN apk add --no-cache libffi-dev',
  ],
  passes: [
    'FROM debian:12 AS b\nRUN apt-get install -y gcc\nFROM debian:12-slim',
    'FROM alpine:3.20\nRUN apk add --no-cache --virtual .build-deps gcc make && make && apk del .build-deps',
    'FROM debian:12.5\nRUN apt-get install -y gcc && make && apt-get purge -y gcc',
    'FROM debian:12.5\nRUN apt-get install -y curl',
  ],
});
