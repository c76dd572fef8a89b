import { rule } from './apt-lists-not-removed';
import { describeRule } from '../testing';

// DL3009's documented cases, in our own Dockerfiles.
describeRule(rule, {
  catches: [
    // The lists stay in the first layer even when a later RUN deletes them.
    'FROM debian:12.5\nRUN apt-get update && apt-get install -y curl\nRUN rm -rf /var/lib/apt/lists/*',
    'FROM debian:12.5\nRUN apt-get update && apt-get install -y --no-install-recommends curl',
    'FROM debian:12 AS base\nRUN apt-get update && apt-get install -y curl\nFROM base',
    'FROM debian:12 AS build\nRUN echo building\nFROM debian:12-slim\nRUN apt-get update && apt-get install -y curl',
    'FROM debian:12 AS base\nRUN apt-get update && apt-get install -y curl\nFROM base AS mid\nFROM alpine:3.20',
    'FROM debian:12.5\nRUN apt update && apt install -y curl',
    'FROM debian:12.5\nRUN aptitude update && aptitude install -y curl',
    'FROM debian:12.5\nRUN apt-get -q update && apt-get install -y curl',
    'FROM debian:12.5\nRUN --mount=type=cache,target=/var/cache/apt rm -f /etc/apt/apt.conf.d/docker-clean && apt-get update && apt-get install -y curl',
    'FROM debian:12.5\nRUN rm -f /etc/apt/apt.conf.d/docker-clean\nRUN --mount=type=cache,target=/var/lib/apt apt-get update && apt-get install -y curl',
    'FROM debian:12.5\nONBUILD RUN apt-get update && apt-get install -y curl',
  ],
  passes: [
    'FROM debian:12.5\nRUN apt-get update && apt-get install -y curl && rm -rf /var/lib/apt/lists/*',
    'FROM debian:12.5\nRUN apt update && apt install -y curl && rm -rf /var/lib/apt/lists/*',
    'FROM debian:12.5\nRUN aptitude update && aptitude install -y curl && rm -rf /var/lib/apt/lists/*',
    'FROM debian:12 AS build\nRUN apt-get update && apt-get install -y gcc\nFROM debian:12-slim\nRUN echo done',
    'FROM debian:12 AS base\nRUN apt-get update && apt-get install -y curl && rm -rf /var/lib/apt/lists/*\nFROM base',
    'FROM debian:12.5\nRUN --mount=type=cache,target=/var/lib/apt/lists apt-get update && apt-get install -y curl',
    'FROM debian:12.5\nRUN --mount=type=cache,target=/var/lib/apt --mount=type=cache,target=/var/cache/apt rm -f /etc/apt/apt.conf.d/docker-clean && apt-get update && apt-get install -y curl',
    'FROM debian:12.5\nRUN rm -f /etc/apt/apt.conf.d/docker-clean\nRUN --mount=type=cache,target=/var/cache/apt --mount=type=cache,target=/var/lib/apt apt-get update && apt-get install -y curl',
    'FROM debian:12.5\nRUN --mount=type=tmpfs,target=/var/cache/apt --mount=type=tmpfs,target=/var/lib/apt apt-get update',
    'FROM debian:12.5\nRUN --mount=type=tmpfs,target=/var/cache/apt --mount=type=cache,target=/var/lib/apt apt-get update',
    'FROM debian:12.5\nRUN --mount=type=cache,target=/var/cache/apt --mount=type=tmpfs,target=/var/lib/apt apt-get update',
    'FROM debian:12.5\nRUN apt-get install -y ./x.deb',
  ],
});
