import { rule } from './cd-in-run';
import { describeRule } from '../testing';

describeRule(rule, {
  catches: [
    'FROM debian:12.5\nRUN cd /tmp && make',
    'FROM debian:12.5\nRUN make -C x && cd /',
  ],
  passes: [
    'FROM debian:12.5\nWORKDIR /tmp\nRUN make',
    'FROM debian:12.5\nRUN echo cd',
  ],
});
