import { rule } from './cd-in-run';
import { describeRule } from '../testing';

// DL3003's documented cases, in our own Dockerfiles.
describeRule(rule, {
  catches: [
    'FROM debian:12.5\nRUN cd /opt',
    'FROM debian:12.5\nRUN cd /tmp && make',
    'FROM debian:12.5\nRUN make -C x && cd /',
    'FROM debian:12.5\nRUN (cd /src && make)',
  ],
  passes: [
    'FROM debian:12.5\nRUN mkdir -p /src/cd && echo cd',
    'FROM debian:12.5\nWORKDIR /opt',
    'FROM debian:12.5\nWORKDIR /tmp\nRUN make',
    'FROM debian:12.5\nRUN echo cd',
  ],
});
