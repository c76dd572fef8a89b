import { rule } from './apt-no-install-recommends';
import { describeRule } from '../testing';

describeRule(rule, {
  catches: [
    'FROM debian:12.5\nRUN apt-get install -y curl',
    'FROM debian:12.5\nRUN apt-get update && apt-get -y install curl git',
  ],
  passes: [
    'FROM debian:12.5\nRUN apt-get install -y --no-install-recommends curl',
    'FROM debian:12.5\nRUN apt-get -o APT::Install-Recommends=false install -y curl',
    'FROM debian:12.5\nRUN apt-get update',
  ],
});
