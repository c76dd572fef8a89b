import { rule } from './ln-bin-sh';
import { describeRule, hitsOf } from '../testing';

// DL4005's documented cases, in our own Dockerfiles.
describeRule(rule, {
  catches: [
    'FROM debian:12.5\nRUN ln -sfv /bin/bash /bin/sh',
    'FROM debian:12.5\nONBUILD RUN ln -sfv /bin/bash /bin/sh',
    'FROM debian:12.5\nRUN rm /bin/sh && ln -s /bin/bash /bin/sh',
    'RUN ln -sf /bin/bash /bin/sh\nFROM debian:12.5',
  ],
  passes: [
    'FROM debian:12.5\nRUN ln -sf /bin/true /sbin/initctl',
    'FROM debian:12.5\nONBUILD RUN ln -sf /bin/true /sbin/initctl',
    'FROM debian:12.5\nRUN ln -s /opt/app/bin/app /usr/local/bin/app && ./configure && run-with /bin/sh',
    'FROM debian:12.5\nSHELL ["/bin/bash", "-c"]\nRUN echo "$BASH_VERSION"',
  ],
});

describe('ln-bin-sh findings', () => {
  it('names the shell the user linked in the SHELL advice', () => {
    const [hit] = hitsOf(
      rule,
      'FROM debian:12.5\nRUN ln -sf /bin/dash /bin/sh',
    );
    expect(hit.summary).toContain('SHELL ["/bin/dash", "-c"]');
  });
});
