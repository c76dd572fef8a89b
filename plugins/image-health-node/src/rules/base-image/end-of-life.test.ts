import { parseDockerfile } from '../../dockerfile/parse';
import type { Rule } from '../types';
import { rule as endOfLife } from './base-image-end-of-life';
import { rule as nearing } from './base-image-nearing-end-of-life';
import { rule as buildStage } from './build-stage-end-of-life';
import { corpusFile } from '../../quality/corpus';
import { rule as heavy } from './base-image-heavy';
import { rule as notPinned } from './base-image-not-pinned-by-digest';
import { rule as userRootImplicit } from '../security/user-root-implicit';

const NOW = new Date('2026-12-03T12:00:00Z');

function hits(rule: Rule, dockerfile: string, now = NOW) {
  return rule.check({ model: parseDockerfile(dockerfile), now });
}

describe('base-image-end-of-life', () => {
  it.each([
    // The seed guide's own examples.
    ['FROM node:18', 'node:24'],
    ['FROM golang:1.21', 'golang:1.26'],
    ['FROM node:18-alpine', 'node:24-alpine'],
    ['FROM node:hydrogen-slim', 'node:24-slim'],
    ['FROM node:18.20.4-alpine3.19', 'node:24-alpine'],
    ['FROM python:3.8-slim-buster', 'python:3.12-slim'],
    ['FROM docker.io/library/python:3.9', 'docker.io/library/python:3.12'],
    ['FROM debian:buster-slim', 'debian:bookworm-slim'],
    ['FROM debian:10', 'debian:12'],
    ['FROM ubuntu:20.04', 'ubuntu:24.04'],
    ['FROM ubuntu:focal', 'ubuntu:noble'],
    ['FROM alpine:3.16', 'alpine:3.22'],
    [
      'FROM mcr.microsoft.com/dotnet/aspnet:6.0',
      'mcr.microsoft.com/dotnet/aspnet:10.0',
    ],
    [
      'FROM mcr.microsoft.com/dotnet/aspnet:8.0-alpine',
      'mcr.microsoft.com/dotnet/aspnet:10.0-alpine',
    ],
    ['FROM php:7.4-fpm-alpine', 'php:8.3-fpm-alpine'],
    ['FROM ruby:2.7-slim', 'ruby:3.4-slim'],
    ['FROM eclipse-temurin:19-jre', 'eclipse-temurin:21-jre'],
    ['FROM nginx:1.25.3-alpine', 'nginx:stable-alpine'],
    // The distribution variant ended although Python 3.11 did not.
    ['FROM python:3.11-slim-bullseye', 'python:3.11-slim'],
  ])('%s ships an end-of-life base; the fix names %s', (dockerfile, image) => {
    const [hit] = hits(endOfLife, dockerfile);
    expect(hit).toBeDefined();
    expect(hit.after).toBe(`FROM ${image}`);
    expect(hit.message).toMatch(/reached end of life on \d{4}-\d\d-\d\d/);
  });

  it('says a database upgrade needs a data migration, and pastes no FROM that would not start on the old data (issue 13)', () => {
    const [hit] = hits(endOfLife, 'FROM postgres:13');
    expect(hit.summary).toMatch(/pg_upgrade/);
    const [alpine] = hits(endOfLife, 'FROM postgres:12-alpine');
    expect(alpine.summary).toContain('Move to postgres:16-alpine');
    expect(alpine.after).toBeUndefined();
    expect(alpine.edits).toBeUndefined();
  });

  it('pastes no new release over package installs whose names change (issue 13)', () => {
    // python:3.11.4-slim-buster: `apt-get install netcat` fails on bookworm, where netcat is virtual.
    const [hit] = hits(
      endOfLife,
      corpusFile('apps/testdrivenio/django-on-docker/app/Dockerfile'),
    );
    expect(hit.summary).toContain('Move to python:3.11.4-slim');
    expect(hit.summary).toContain('package names change between releases');
    expect(hit.after).toBeUndefined();
    expect(hit.edits).toBeUndefined();
  });

  it('points CentOS users at a RHEL-compatible release, without inventing a tag', () => {
    const [hit] = hits(endOfLife, 'FROM centos:7');
    expect(hit.summary).toMatch(/almalinux:9/);
    expect(hit.after).toBeUndefined();
  });

  it('keeps a Windows variant: no FROM line that would switch to Linux', () => {
    const [hit] = hits(
      endOfLife,
      'FROM mcr.microsoft.com/dotnet/aspnet:6.0-nanoserver-ltsc2022',
    );
    expect(hit).toBeDefined();
    expect(hit.after).toBeUndefined();
  });

  it('judges the stage the final stage builds FROM as shipped', () => {
    const found = hits(
      endOfLife,
      'FROM node:16 AS base\nRUN npm ci\nFROM base\nCMD ["node", "x.js"]',
    );
    expect(found).toHaveLength(1);
    expect(found[0].instruction?.line).toBe(1);
  });

  it('keeps the stage name and platform of the FROM line', () => {
    const [hit] = hits(
      endOfLife,
      'FROM --platform=linux/amd64 node:18 AS runtime',
    );
    expect(hit.after).toBe('FROM --platform=linux/amd64 node:24 AS runtime');
  });

  it.each([
    'FROM node:24',
    'FROM node:lts',
    'FROM node:latest',
    'FROM node',
    'FROM python:3',
    'FROM python:3.13-rc-slim',
    'FROM golang:1.26',
    'ARG V\nFROM node:${V}',
    'FROM mycompany/node:14',
    'FROM ghcr.io/acme/python:3.7',
    'FROM debian:stable-slim',
    'FROM debian:bookworm',
    'FROM nginx:stable',
    'FROM amazoncorretto:8',
    'FROM scratch',
    // A builder on an end-of-life toolchain is build-stage-end-of-life's.
    'FROM golang:1.21 AS build\nRUN go build -o /app\nFROM gcr.io/distroless/static-debian12\nCOPY --from=build /app /app',
  ])('passes %j', dockerfile => {
    expect(hits(endOfLife, dockerfile)).toEqual([]);
  });
});

describe('base-image-nearing-end-of-life', () => {
  it('warns within 90 days of the end and names the days left', () => {
    // PHP 8.2 ends on 2026-12-31.
    const [hit] = hits(nearing, 'FROM php:8.2-apache');
    expect(hit.message).toMatch(
      /reaches end of life on 2026-12-31, in 27 days/,
    );
    expect(hit.after).toBe('FROM php:8.3-apache');
  });

  it('is quiet more than 90 days before the end, and after it (that is an error)', () => {
    expect(hits(nearing, 'FROM php:8.3-apache')).toEqual([]);
    expect(hits(nearing, 'FROM php:8.1-apache')).toEqual([]);
    expect(
      hits(nearing, 'FROM php:8.2', new Date('2026-09-01T00:00:00Z')),
    ).toEqual([]);
  });
});

describe('build-stage-end-of-life', () => {
  it('warns on a builder stage past its end of life', () => {
    const [hit] = hits(
      buildStage,
      'FROM golang:1.21-alpine AS builder\nRUN go build -o /app\nFROM scratch\nCOPY --from=builder /app /app',
    );
    expect(hit.message).toMatch(/golang:1.21-alpine is Go 1.21/);
    expect(hit.after).toBe('FROM golang:1.26-alpine AS builder');
  });

  it('leaves the shipped stage to base-image-end-of-life', () => {
    expect(hits(buildStage, 'FROM node:18')).toEqual([]);
  });
});

describe('advice on an ended base agrees on one release (issue 13)', () => {
  it('names the supported release in the slimmer-variant and digest fixes too', () => {
    const file =
      'FROM node:16\nWORKDIR /app\nCOPY . .\nCMD ["node", "index.js"]';
    expect(hits(endOfLife, file)[0].after).toBe('FROM node:24');
    expect(hits(heavy, file)[0].after).toBe('FROM node:24-slim');
    expect(hits(notPinned, file)[0].after).toBe('FROM node:24@sha256:<digest>');
  });

  it('moves an ended nginx to the unprivileged image of the supported release', () => {
    const file = 'FROM nginx:1.24\nCOPY site /usr/share/nginx/html';
    expect(hits(endOfLife, file)[0].after).toBe('FROM nginx:stable');
    expect(hits(heavy, file)[0].after).toBe('FROM nginx:stable-alpine');
    expect(hits(userRootImplicit, file)[0].after).toBe(
      'FROM nginxinc/nginx-unprivileged:stable-alpine',
    );
  });

  it('leaves a supported base as written', () => {
    const file = 'FROM node:24\nCMD ["node", "index.js"]';
    expect(hits(heavy, file)[0].after).toBe('FROM node:24-slim');
    expect(hits(notPinned, file)[0].after).toBe('FROM node:24@sha256:<digest>');
  });
});
