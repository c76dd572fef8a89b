import { rule } from './apt-update-alone';
import { describeRule } from '../testing';

describeRule(rule, {
  catches: [
    'FROM debian:12.5\nRUN apt-get update\nRUN apt-get install -y curl',
    'FROM alpine:3\nRUN apk update',
  ],
  passes: [
    'FROM debian:12.5\nRUN apt-get update && apt-get install -y curl',
    'FROM debian:12.5\nRUN apt-get install -y curl',
  ],
});
