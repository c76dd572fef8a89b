import { rule } from './duplicate-stage-alias';
import { describeRule } from '../testing';

// DL3024 / DS-0012's documented cases, in our own Dockerfiles.
describeRule(rule, {
  catches: [
    'FROM node:20 AS foo\nRUN something\nFROM scratch AS foo\nRUN something',
    'FROM a:1 AS x\nFROM b:1 AS x',
    'FROM a:1 AS X\nFROM b:1 AS x',
  ],
  passes: [
    'FROM scratch AS build\nRUN foo\nFROM node:20 AS run\nRUN baz',
    'FROM a:1 AS x\nFROM b:1 AS y',
    'FROM golang:1.22\nFROM golang:1.22',
  ],
});
