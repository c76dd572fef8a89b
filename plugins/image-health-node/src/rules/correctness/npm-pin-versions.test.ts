import { rule } from './npm-pin-versions';
import { describeRule } from '../testing';

describeRule(rule, {
  catches: [
    'FROM node:20\nRUN npm install express',
    'FROM node:20\nRUN npm i -g @angular/cli',
  ],
  passes: [
    'FROM node:20\nRUN npm install express@4.19.2',
    'FROM node:20\nRUN npm install @angular/cli@17.0.0',
    'FROM node:20\nRUN npm install',
    'FROM node:20\nRUN npm install git+https://github.com/x/y.git',
  ],
});
