import { rule } from './no-cache-mount';
import { describeRule } from '../testing';

describeRule(rule, {
  catches: [
    'FROM node:20\nRUN npm ci',
    'FROM debian:12.5\nRUN apt-get install -y curl',
  ],
  passes: [
    'FROM node:20\nRUN --mount=type=cache,target=/root/.npm npm ci',
    'FROM debian:12.5\nRUN echo hi',
  ],
});
