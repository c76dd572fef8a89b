import { rule } from './base-image-not-pinned-by-digest';
import { describeRule } from '../testing';

describeRule(rule, {
  catches: ['FROM node:20-slim', 'FROM golang:1.22 AS b\nFROM alpine:3.20'],
  passes: [
    'FROM node:20-slim@sha256:cccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccc',
    'FROM scratch',
    'FROM alpine:3.20@sha256:dddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddd AS x\nFROM x',
  ],
});
