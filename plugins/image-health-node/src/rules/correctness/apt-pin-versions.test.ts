import { rule } from './apt-pin-versions';
import { describeRule, hitsOf, shownAfter } from '../testing';
import { corpusFile } from '../../quality/corpus';

// DL3008's documented cases, in our own Dockerfiles.
describeRule(rule, {
  catches: [
    'FROM debian:12.5\nRUN apt-get update && apt-get install python3',
    'FROM debian:12.5\nRUN apt-get install -y -o Dpkg::Options::=--force-confold curl=7.0 git',
    'FROM debian:12.5\nRUN apt-get install -y "$PKGS"',
    'FROM debian:12.5\nONBUILD RUN apt-get install -y curl',
  ],
  passes: [
    // hadolint matches command names as written.
    'FROM debian:12.5\nRUN /usr/bin/apt-get install -y curl',
    'FROM debian:12.5\nRUN apt-get install -y python3=3.11.2-1',
    'FROM debian:12.5\nRUN apt-get update \\\n && apt-get -yqq --no-install-recommends install nodejs=18.19.0 \\\n && rm -rf /var/lib/apt/lists/*',
    'FROM debian:12.5\nRUN apt-get update && apt-get install --no-install-recommends -y \\\n  python3-demjson=2.2.4* \\\n  wget=1.21.3* \\\n  git=1:2.39.2* \\\n  ruby=1:3.1.*',
    'FROM debian:12.5\nRUN apt-get -y --no-install-recommends install nodejs=18.19.0',
    'FROM debian:12.5\nRUN apt-get install ./wkhtmltox_0.12.6-1.bookworm_amd64.deb',
    'FROM debian:12.5\nRUN apt-get install -y /tmp/pkg.deb',
    'FROM debian:12.5\nRUN apt-get install -y nginx/bookworm-backports',
    'FROM debian:12.5\nRUN set -e && \\\n echo "deb http://deb.example.invalid/debian bookworm-backports main" > /etc/apt/sources.list.d/backports.list && \\\n apt-get update && \\\n apt-get install -y --no-install-recommends -t bookworm-backports openjdk-17-jdk=17.0.9+9-1~bpo12+1 && \\\n rm -rf /var/lib/apt/lists/*',
    'FROM debian:12.5\nRUN apt-get install -y --target-release bookworm-backports curl=7.88.1-10',
  ],
});

describe('apt-pin-versions on a real Dockerfile', () => {
  it('shows each package with the version pattern apt-get accepts, and how to find the version', () => {
    const dockerfile = corpusFile(
      'apps/testdrivenio/fastapi-tdd-docker/project/Dockerfile',
    );
    const [hit] = hitsOf(rule, dockerfile);
    expect(shownAfter(dockerfile, hit)).toContain(
      'netcat-traditional=<version> gcc=<version> postgresql=<version>',
    );
    expect(hit.summary).toContain('apt-cache policy netcat-traditional');
    // A placeholder is for the reader: never applied to the suggested Dockerfile.
    expect(hit.edits).toBeUndefined();
  });
});

describe('apt-pin-versions on the official nginx Dockerfile (issue 13)', () => {
  it('reads $nginxPackages as the pinned list the RUN assigns, and build dependencies purged in the same RUN as never shipped', () => {
    expect(
      hitsOf(
        rule,
        corpusFile(
          'apps/BretFisher/udemy-docker-mastery/dockerfile-sample-1/Dockerfile',
        ),
      ).map(h => h.message),
    ).toEqual([
      // gnupg1 is purged again; ca-certificates stays.
      'apt-get installs unpinned: ca-certificates',
      'apt-get installs unpinned: gettext-base, curl',
    ]);
  });
});
