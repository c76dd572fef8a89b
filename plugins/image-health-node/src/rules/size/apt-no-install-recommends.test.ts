import { rule } from './apt-no-install-recommends';
import { describeRule } from '../testing';

// DL3015's documented cases, in our own Dockerfiles.
describeRule(rule, {
  catches: [
    'FROM debian:12.5\nRUN apt-get install curl',
    'FROM debian:12.5\nRUN apt-get install -y curl',
    'FROM debian:12.5\nRUN apt-get -y install curl',
    'FROM debian:12.5\nRUN apt-get update && apt-get -y install curl git',
    'FROM debian:12.5\nONBUILD RUN apt-get install -y curl',
  ],
  passes: [
    'FROM debian:12.5\nRUN apt-get install --no-install-recommends curl',
    'FROM debian:12.5\nRUN apt-get install -y --no-install-recommends curl',
    'FROM debian:12.5\nRUN apt-get --no-install-recommends install -y curl',
    'FROM debian:12.5\nRUN apt-get install -y tzdata curl --no-install-recommends',
    'FROM debian:12.5\nRUN apt-get -o APT::Install-Recommends=false install curl',
    'FROM debian:12.5\nRUN apt-get update',
  ],
});
