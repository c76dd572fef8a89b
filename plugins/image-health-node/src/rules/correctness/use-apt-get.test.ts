import { rule } from './use-apt-get';
import { describeRule } from '../testing';

// DL3027's documented cases, in our own Dockerfiles.
describeRule(rule, {
  catches: [
    'FROM ubuntu:24.04\nRUN apt install python3',
    'FROM debian:12.5\nRUN apt install -y curl',
    'FROM debian:12.5\nRUN apt update',
    'FROM debian:12.5\nONBUILD RUN apt install -y curl',
    // hadolint names the program exec and run run (ShellCheck's getCommandName).
    'FROM debian:12.5\nRUN exec apt install -y curl',
    'FROM debian:12.5\nRUN run apt install -y curl',
  ],
  passes: [
    'FROM debian:12.5\nRUN apt-get install -y curl',
    'FROM debian:12.5\nRUN apt-cache search x',
    // The exec form joined into one line runs bash, not apt.
    'FROM debian:12.5\nRUN ["bash", "-c", "apt install -y curl"]',
  ],
});
