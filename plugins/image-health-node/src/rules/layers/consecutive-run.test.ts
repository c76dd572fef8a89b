import { rule } from './consecutive-run';
import { describeRule } from '../testing';

describeRule(rule, {
  catches: [
    'FROM debian:12.5\nRUN /foo.sh\nRUN /bar.sh',
    'FROM debian:12.5\nRUN a\n# comment\nRUN b',
  ],
  passes: [
    'FROM debian:12.5\nRUN /foo.sh\nWORKDIR /\nRUN /bar.sh',
    'FROM debian:12.5\nRUN --mount=type=cache,target=/x a\nRUN b',
    'FROM debian:12.5\nRUN a && b && c\nRUN d',
    'FROM debian:12.5\nRUN a',
  ],
});
