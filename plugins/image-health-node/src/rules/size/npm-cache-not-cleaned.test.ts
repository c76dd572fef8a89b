import { rule } from './npm-cache-not-cleaned';
import { describeRule } from '../testing';

describeRule(rule, {
  catches: ['FROM node:20\nRUN npm ci --omit=dev'],
  passes: [
    'FROM node:20\nRUN npm ci --omit=dev && npm cache clean --force',
    'FROM node:20\nRUN --mount=type=cache,target=/root/.npm npm ci',
    'FROM node:20\nRUN npm run build',
  ],
});
