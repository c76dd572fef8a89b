import { rule } from './yarn-cache-not-cleaned';
import { describeRule } from '../testing';

describeRule(rule, {
  catches: ['FROM node:20\nRUN yarn install'],
  passes: [
    'FROM node:20\nRUN yarn install && yarn cache clean',
    'FROM node:20\nRUN yarn build',
  ],
});
