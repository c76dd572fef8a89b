import { rule } from './base-image-latest';
import { describeRule } from '../testing';

describeRule(rule, {
  catches: [
    'FROM node:latest',
    'FROM registry.example.com:5000/team/app:latest',
  ],
  passes: [
    'FROM node:20',
    'FROM node:latest@sha256:bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb',
    'FROM ubuntu',
  ],
});
