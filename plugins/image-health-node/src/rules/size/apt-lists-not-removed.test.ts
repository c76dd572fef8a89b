import { rule } from './apt-lists-not-removed';
import { describeRule } from '../testing';

describeRule(rule, {
  catches: [
    'FROM debian:12.5\nRUN apt-get update && apt-get install -y --no-install-recommends curl',
    'FROM debian:12 AS base\nRUN apt-get update && apt-get install -y curl\nFROM base',
  ],
  passes: [
    'FROM debian:12.5\nRUN apt-get update && apt-get install -y curl && rm -rf /var/lib/apt/lists/*',
    'FROM debian:12 AS build\nRUN apt-get update && apt-get install -y gcc\nFROM debian:12-slim',
    'FROM debian:12.5\nRUN --mount=type=cache,target=/var/lib/apt/lists apt-get update && apt-get install -y curl',
    'FROM debian:12.5\nRUN apt-get install -y ./x.deb',
  ],
});
