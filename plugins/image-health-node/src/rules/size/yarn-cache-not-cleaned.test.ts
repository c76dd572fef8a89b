import { rule } from './yarn-cache-not-cleaned';
import { describeRule } from '../testing';

// DL3060's documented cases, in our own Dockerfiles.
describeRule(rule, {
  catches: [
    'FROM node:20\nRUN yarn install',
    'FROM node:20\nRUN yarn install --frozen-lockfile',
    'FROM node:20\nRUN yarn cache clean && yarn install',
    'FROM node:20\nRUN --mount=type=cache,target=/var/lib/other yarn install',
    'FROM node:20\nRUN --mount=type=tmpfs,target=/var/lib/other yarn install',
    'FROM node:20 AS deps\nRUN echo hi\nFROM scratch\nRUN yarn install',
    'FROM node:20 AS deps\nRUN yarn install\nFROM deps\nRUN echo hi',
  ],
  passes: [
    'FROM node:20\nRUN echo hi',
    'FROM node:20\nRUN yarn install && yarn cache clean',
    'FROM node:20\nRUN --mount=type=cache,target=/usr/local/share/.cache/yarn yarn install',
    'FROM node:20\nRUN --mount=type=tmpfs,target=/root/.cache/yarn yarn install',
    'FROM node:20 AS deps\nRUN yarn install && yarn cache clean\nFROM deps\nRUN echo hi',
    'FROM node:20 AS deps\nRUN yarn install\nFROM scratch\nRUN echo hi',
    'FROM node:20\nRUN yarn build',
  ],
});
