import { rule } from './user-root-implicit';
import { describeRule } from '../testing';

describeRule(rule, {
  catches: [
    'FROM debian:12.5\nCMD ["bash"]',
    'FROM node:20 AS b\nUSER node\nFROM node:20-slim',
  ],
  passes: [
    'FROM debian:12.5\nUSER app',
    'FROM debian:12.5\nUSER root',
    'FROM node:20 AS base\nUSER node\nFROM base',
    'FROM mcr.microsoft.com/windows/servercore:ltsc2022',
  ],
});
