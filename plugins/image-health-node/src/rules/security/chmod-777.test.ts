import { rule } from './chmod-777';
import { describeRule, hitsOf } from '../testing';
import { corpusFile } from '../../quality/corpus';

describeRule(rule, {
  catches: [
    'FROM debian:12.5\nRUN chmod 777 /app',
    'FROM debian:12.5\nRUN chmod -R a+w /data',
    'FROM debian:12.5\nCOPY --chmod=777 run.sh /',
  ],
  passes: [
    'FROM debian:12.5\nRUN chmod 755 /app',
    'FROM debian:12.5\nRUN chmod 1777 /tmp',
    'FROM debian:12.5\nRUN chmod +x run.sh',
  ],
});

describe('chmod-777 on the official nginx Dockerfile (issue 13)', () => {
  it('leaves a scratch directory the same RUN removes again alone', () => {
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
