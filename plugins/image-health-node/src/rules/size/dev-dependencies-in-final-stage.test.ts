import { rule } from './dev-dependencies-in-final-stage';
import { describeRule } from '../testing';

describeRule(rule, {
  catches: [
    'FROM node:20-slim\nCOPY package*.json ./\nRUN npm ci',
    'FROM node:20-slim\nRUN yarn install --frozen-lockfile',
  ],
  passes: [
    'FROM node:20-slim\nRUN npm ci --omit=dev',
    'FROM node:20-slim\nENV NODE_ENV=production\nRUN npm ci',
    'FROM node:20 AS b\nRUN npm ci\nFROM node:20-slim\nRUN npm ci --only=production',
    'FROM node:20-slim\nRUN npm install -g pm2@5.4.0',
  ],
});
