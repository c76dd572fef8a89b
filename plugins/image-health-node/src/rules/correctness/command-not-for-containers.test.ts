import { rule } from './command-not-for-containers';
import { describeRule, hitsOf } from '../testing';

// DL3001's documented cases, in our own Dockerfiles.
describeRule(rule, {
  catches: [
    'FROM debian:12.5\nRUN top -b -n 1',
    'FROM debian:12.5\nONBUILD RUN top -b -n 1',
    'FROM debian:12.5\nRUN service nginx start',
    'FROM debian:12.5\nRUN apt-get update && ps aux',
    'FROM debian:12.5\nRUN free -m',
    'FROM debian:12.5\nRUN kill -9 1',
    'FROM debian:12.5\nRUN mount -t tmpfs none /mnt',
    'FROM debian:12.5\nRUN shutdown -h now',
    'FROM debian:12.5\nRUN ssh git@example.com true',
    'FROM debian:12.5\nRUN vim /etc/hosts',
    'FROM debian:12.5\nRUN echo "$(ps -ef)" > /tmp/ps.txt',
    'RUN top -b -n 1\nFROM debian:12.5',
    // Like ShellCheck, exec and busybox name the program they run.
    'FROM debian:12.5\nRUN exec top -b -n 1',
    'FROM busybox:1.36\nRUN busybox ps',
  ],
  passes: [
    'FROM debian:12.5\nRUN apt-get install -y ssh vim procps',
    'FROM debian:12.5\nRUN echo top',
    'FROM debian:12.5\nRUN /usr/bin/top -b -n 1',
    'FROM debian:12.5\nRUN ssh-keygen -A',
    'FROM debian:12.5\nRUN pkill -f nginx || true',
    'FROM debian:12.5\nCMD ["top"]',
    // The command is sudo; what it runs is its argument.
    'FROM debian:12.5\nRUN sudo service nginx start',
    'FROM debian:12.5\nRUN command -v ps',
    // Named in hadolint's message, absent from its check.
    'FROM debian:12.5\nRUN ifconfig',
  ],
});

describe('command-not-for-containers findings', () => {
  it('reports a RUN once, with advice for the first such command', () => {
    const hits = hitsOf(
      rule,
      'FROM debian:12.5\nRUN service ssh start && ps aux',
    );
    expect(hits).toHaveLength(1);
    expect(hits[0].summary).toContain('CMD or ENTRYPOINT');
  });
});
