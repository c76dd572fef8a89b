import { rule } from './apt-pin-versions';
import { describeRule } from '../testing';

describeRule(rule, {
  catches: [
    'FROM debian:12.5\nRUN apt-get install -y python',
    'FROM debian:12.5\nRUN apt-get install -y -o Dpkg::Options::=--force-confold curl=7.0 git',
  ],
  passes: [
    'FROM debian:12.5\nRUN apt-get install -y python=2.7',
    'FROM debian:12.5\nRUN apt-get install -y ./pkg.deb',
    'FROM debian:12.5\nRUN apt-get install -y "$PKGS"',
  ],
});
