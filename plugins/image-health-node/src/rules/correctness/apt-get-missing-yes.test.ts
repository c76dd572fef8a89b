import { rule } from './apt-get-missing-yes';
import { describeRule } from '../testing';

// DL3014's documented cases, in our own Dockerfiles.
describeRule(rule, {
  catches: [
    'FROM debian:12.5\nRUN apt-get install curl',
    'FROM debian:12.5\nRUN apt-get update && apt-get install --no-install-recommends curl',
    'FROM debian:12.5\nRUN apt-get install -q curl',
    'FROM debian:12.5\nRUN apt-get install --quiet curl',
    'FROM debian:12.5\nRUN apt-get -o Dpkg::Options::=--force-confold install curl',
    'FROM debian:12.5\nONBUILD RUN apt-get install curl',
    // hadolint names the program exec and command run (ShellCheck's getCommandName).
    'FROM debian:12.5\nRUN exec apt-get install curl',
    'FROM debian:12.5\nRUN command apt-get install curl',
    // The exec form's items joined into one shell line (language-docker's ParseRunSpec).
    'FROM debian:12.5\nRUN ["apt-get", "install", "curl"]',
    'FROM debian:12.5\nONBUILD RUN ["apt-get", "install", "curl"]',
  ],
  passes: [
    'FROM debian:12.5\nRUN apt-get install -y curl',
    'FROM debian:12.5\nRUN apt-get install -yq curl',
    'FROM debian:12.5\nRUN apt-get -y install curl',
    'FROM debian:12.5\nRUN apt-get --yes install curl',
    'FROM debian:12.5\nRUN apt-get install --yes curl',
    'FROM debian:12.5\nRUN apt-get --assume-yes install curl',
    'FROM debian:12.5\nRUN apt-get -qy install curl',
    'FROM debian:12.5\nRUN apt-get install tzdata curl -y',
    'FROM debian:12.5\nRUN apt-get install -qq curl',
    'FROM debian:12.5\nRUN apt-get -qq install curl',
    'FROM debian:12.5\nRUN apt-get install -q -q curl',
    'FROM debian:12.5\nRUN apt-get install -q=2 curl',
    'FROM debian:12.5\nRUN apt-get install --quiet --quiet curl',
    'FROM debian:12.5\nRUN apt-get update',
    // Joined into one line, this exec form runs sh (apt-get is one of its arguments).
    'FROM debian:12.5\nRUN ["/bin/sh", "-c", "apt-get install curl"]',
    // `command -v` asks where a program is; it runs nothing.
    'FROM debian:12.5\nRUN command -v apt-get install',
  ],
});
