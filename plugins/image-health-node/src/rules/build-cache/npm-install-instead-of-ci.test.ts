import { rule } from './npm-install-instead-of-ci';
import { describeRule } from '../testing';

describeRule(rule, {
  catches: [
    'FROM node:20\nRUN npm install',
    'FROM node:20\nRUN npm i --production',
  ],
  passes: [
    'FROM node:20\nRUN npm ci',
    'FROM node:20\nRUN npm install -g pm2@5.4.0',
    'FROM node:20\nRUN npm install lodash@4.17.21',
  ],
});
