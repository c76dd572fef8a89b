import { rule } from './base-image-untagged';
import { describeRule } from '../testing';

describeRule(rule, {
  catches: ['FROM ubuntu', 'FROM ghcr.io/acme/api AS build\nFROM scratch'],
  passes: [
    'FROM ubuntu:22.04',
    'FROM scratch',
    'FROM node:20 AS build\nFROM build',
    'FROM ${IMAGE}',
    'FROM alpine@sha256:aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa',
  ],
});
