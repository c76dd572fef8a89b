import { rule } from './base-image-heavy';
import { describeRule } from '../testing';

describeRule(rule, {
  catches: ['FROM node:20\nCMD ["node","index.js"]', 'FROM python:3.12'],
  passes: [
    'FROM node:20-alpine',
    'FROM python:3.12-slim',
    'FROM python:3.12 AS build\nFROM python:3.12-slim',
    'FROM ghcr.io/acme/node:20',
  ],
});
