import { rule } from './base-image-latest';
import { describeRule } from '../testing';

// DL3007's documented cases, in our own Dockerfiles.
describeRule(rule, {
  catches: [
    'FROM node:latest',
    'FROM debian:latest AS builder',
    'FROM registry.example.com:5000/team/app:latest',
  ],
  passes: [
    'FROM node:20',
    'FROM debian:bookworm AS builder',
    'FROM docker.io/library/debian@sha256:bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb',
    'FROM node:latest@sha256:bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb',
    'FROM ubuntu',
  ],
});
