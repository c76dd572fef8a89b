import { rule } from './sudo-in-run';
import { describeRule } from '../testing';

describeRule(rule, {
  catches: [
    'FROM debian:12.5\nRUN sudo apt-get update',
    'FROM debian:12.5\nRUN echo a && sudo -u app make',
  ],
  passes: [
    'FROM debian:12.5\nRUN apt-get update',
    'FROM debian:12.5\nRUN echo sudo',
  ],
});
