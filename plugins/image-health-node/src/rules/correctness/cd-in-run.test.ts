import { rule } from './cd-in-run';
import { describeRule, hitsOf } from '../testing';
import { corpusFile } from '../../quality/corpus';

// DL3003's documented cases, in our own Dockerfiles.
describeRule(rule, {
  catches: [
    'FROM debian:12.5\nRUN cd /opt',
    'FROM debian:12.5\nRUN cd /tmp && make',
    'FROM debian:12.5\nRUN make -C x && cd /',
    'FROM debian:12.5\nRUN (cd /src && make)',
    'FROM debian:12.5\nRUN ["cd", "/opt"]',
    'FROM debian:12.5\nRUN builtin cd /opt',
  ],
  passes: [
    'FROM debian:12.5\nRUN mkdir -p /src/cd && echo cd',
    'FROM debian:12.5\nWORKDIR /opt',
    'FROM debian:12.5\nWORKDIR /tmp\nRUN make',
    'FROM debian:12.5\nRUN echo cd',
    // hadolint joins the exec form into one line: this one runs sh.
    'FROM debian:12.5\nRUN ["sh", "-c", "cd /src && make"]',
    // DL3003 is not among the rules hadolint applies to ONBUILD triggers.
    'FROM debian:12.5\nONBUILD RUN cd /opt',
  ],
});

describe('cd-in-run on the official nginx Dockerfile (issue 13)', () => {
  it('does not advise a WORKDIR for a directory the RUN makes with mktemp', () => {
    expect(
      hitsOf(
        rule,
        corpusFile(
          'apps/BretFisher/udemy-docker-mastery/dockerfile-sample-1/Dockerfile',
        ),
      ),
    ).toEqual([]);
  });
});
