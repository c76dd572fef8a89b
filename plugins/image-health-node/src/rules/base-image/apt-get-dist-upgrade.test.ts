import { rule } from './apt-get-dist-upgrade';
import { describeRule, hitsOf } from '../testing';

// Cases as Trivy documents DS-0024 (its check's examples and tests).
describeRule(rule, {
  catches: [
    'FROM debian:9.13\nRUN apt-get update && apt-get dist-upgrade && apt-get -y install curl && apt-get clean',
    'FROM debian\nRUN apt-get update && apt-get dist-upgrade',
    'FROM debian\nRUN apt-get update && apt-get -q dist-upgrade',
    'FROM debian\nRUN apt-get update && apt-get --quiet dist-upgrade',
    'FROM debian:12\nRUN apt-get -y dist-upgrade',
    'FROM debian:12\nRUN apt-get dist-upgrade -y',
  ],
  passes: [
    'FROM debian:9.13\nRUN apt-get update && apt-get install -y curl && apt-get clean',
    'FROM debian\nRUN apt-get update && apt-get upgrade',
    'FROM debian:12\nRUN echo apt-get dist-upgrade',
  ],
});

describe('apt-get-dist-upgrade remediation', () => {
  it('shows the RUN without the upgrade', () => {
    const [hit] = hitsOf(
      rule,
      'FROM debian:12\nRUN apt-get update && apt-get -y dist-upgrade && apt-get install -y curl\n',
    );
    expect(hit.after).toBe('RUN apt-get update && apt-get install -y curl');
  });

  it('drops a trailing upgrade with its operator', () => {
    const [hit] = hitsOf(
      rule,
      'FROM debian:12\nRUN apt-get update \\\n    && apt-get dist-upgrade -y\n',
    );
    expect(hit.after).toBe('RUN apt-get update');
  });
});
