import { rule } from './base-image-heavy';
import { describeRule, hitsOf } from '../testing';

describeRule(rule, {
  catches: [
    'FROM node:20\nCMD ["node","index.js"]',
    'FROM python:3.12',
    'FROM ubuntu:22.04\nRUN apt-get update',
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
