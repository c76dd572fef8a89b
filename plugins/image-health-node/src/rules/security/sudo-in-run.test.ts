import { rule } from './sudo-in-run';
import { describeRule } from '../testing';

// DL3004's documented cases, in our own Dockerfiles.
describeRule(rule, {
  catches: [
    'FROM debian:12.5\nRUN sudo apt-get update',
    'FROM debian:12.5\nRUN apt-get update && sudo apt-get install -y curl',
    'FROM debian:12.5\nRUN echo a && sudo -u app make',
    'FROM debian:12.5\nRUN make; sudo make install',
    'FROM debian:12.5\nONBUILD RUN sudo make install',
  ],
  passes: [
    'FROM debian:12.5\nRUN apt-get update',
    'FROM debian:12.5\nRUN apt-get install -y sudo',
    'FROM debian:12.5\nRUN echo sudo',
  ],
});
