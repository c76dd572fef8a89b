import { rule } from './base-image-heavy';
import { describeRule, hitsOf } from '../testing';
import { corpusFile } from '../../quality/corpus';
import { isKnownTag } from './known-images';

describeRule(rule, {
  catches: [
    'FROM node:20\nCMD ["node","index.js"]',
    'FROM python:3.12',
    'FROM ubuntu:noble',
    'FROM centos:7',
    'FROM rockylinux:9',
    'FROM almalinux:9.4',
    'FROM oraclelinux:9',
    'FROM fedora:40',
    'FROM debian:12',
  ],
  passes: [
    'FROM node:20-alpine',
    'FROM python:3.12-slim',
    'FROM python:3.12 AS build\nFROM python:3.12-slim',
    'FROM ghcr.io/acme/node:20',
    'FROM ubuntu:22.04 AS build\nFROM alpine:3.20',
    'FROM rockylinux:9-minimal',
    'FROM almalinux:9-minimal',
    'FROM oraclelinux:9-slim',
    'FROM debian:12-slim',
    'FROM alpine:3.20',
    'FROM ubuntu',
    // Issue 13: no musl base for a file that installs Debian packages, no
    // variant the repository does not publish, no size advice on :latest
    // (base-image-latest asks to pin it first).
    'FROM ubuntu:22.04\nRUN apt-get update',
    'FROM php:8.2-apache',
    'FROM nginx:latest',
  ],
});

describe('base-image-heavy remediation', () => {
  it('moves an ubuntu service to a smaller distribution, with the sizes and the catch', () => {
    const [hit] = hitsOf(
      rule,
      'FROM --platform=linux/amd64 ubuntu:22.04 AS runtime\nCMD ["/app"]',
    );
    expect(hit.message).toBe(
      'ubuntu:22.04 is about 29 MB compressed; alpine:3.20 is about 4 MB',
    );
    expect(hit.summary).toContain('about 25 MB smaller');
    expect(hit.summary).toContain('musl libc and apk');
    expect(hit.after).toBe(
      'FROM --platform=linux/amd64 alpine:3.20 AS runtime',
    );
  });

  it('keeps the tag for the -minimal variant of an EL distribution', () => {
    const [hit] = hitsOf(rule, 'FROM rockylinux:9.3\n');
    expect(hit.after).toBe('FROM rockylinux:9.3-minimal');
  });

  it('keeps the release for fedora-minimal', () => {
    const [hit] = hitsOf(rule, 'FROM fedora:40\n');
    expect(hit.after).toBe('FROM registry.fedoraproject.org/fedora-minimal:40');
  });
});

describe('base-image-heavy on real Dockerfiles (issue 13)', () => {
  const suggestion = (file: string) =>
    hitsOf(rule, corpusFile(`apps/${file}`))[0]?.after;

  it('names the slim tag in the order each repository publishes it', () => {
    expect(
      suggestion('devcontainers/images/src/python/.devcontainer/Dockerfile'),
    ).toMatch(/^FROM python:3-slim-trixie$/m);
    expect(
      suggestion(
        'devcontainers/images/src/javascript-node/.devcontainer/Dockerfile',
      ),
    ).toMatch(/^FROM node:24-trixie-slim$/m);
  });

  it('offers no alpine to a file that installs Debian packages', () => {
    // php:5.6-apache has no alpine variant, and the file runs apt-get.
    expect(
      suggestion('docker/labs/security/apparmor/wordpress/Dockerfile'),
    ).toBeUndefined();
    expect(
      suggestion('docker/labs/security/cgroups/cpu-stress/Dockerfile'),
    ).toBeUndefined();
    expect(
      suggestion('devcontainers/images/src/go/.devcontainer/Dockerfile'),
    ).toBeUndefined();
  });

  it('still suggests alpine where nothing needs glibc', () => {
    expect(suggestion('testdrivenio/django-on-docker/nginx/Dockerfile')).toBe(
      'FROM nginx:stable-alpine',
    );
  });

  it('only ever names tags known to exist', () => {
    const images = [
      'BretFisher/udemy-docker-mastery/compose-sample-3/nginx.Dockerfile',
      'devcontainers/images/src/ruby/.devcontainer/Dockerfile',
      'testdrivenio/fastapi-tdd-docker/project/db/Dockerfile',
    ].map(
      file =>
        suggestion(file)
          ?.replace(/^FROM (--\S+ )?/, '')
          .split(' ')[0],
    );
    expect(images).toEqual([
      'nginx:stable-alpine',
      'ruby:4-slim-trixie',
      'postgres:16-alpine',
    ]);
    expect(images.every(image => image && isKnownTag(image))).toBe(true);
  });
});
