import { rule } from './use-apt-get';
import { describeRule } from '../testing';

describeRule(rule, {
  catches: [
    'FROM debian:12.5\nRUN apt install -y curl',
    'FROM debian:12.5\nRUN apt update',
  ],
  passes: [
    'FROM debian:12.5\nRUN apt-get install -y curl',
    'FROM debian:12.5\nRUN apt-cache search x',
  ],
});
