import { rule } from './user-root-implicit';
import { describeRule, hitsOf } from '../testing';
import { corpusFile } from '../../quality/corpus';

describeRule(rule, {
  catches: [
    'FROM debian:12.5\nCMD ["bash"]',
    'FROM node:20 AS b\nUSER node\nFROM node:20-slim',
  ],
  passes: [
    'FROM debian:12.5\nUSER app',
    'FROM debian:12.5\nUSER root',
    'FROM node:20 AS base\nUSER node\nFROM base',
    'FROM mcr.microsoft.com/windows/servercore:ltsc2022',
  ],
});

describe('user-root-implicit on real Dockerfiles (issue 13)', () => {
  const hitOf = (file: string) => hitsOf(rule, corpusFile(`apps/${file}`))[0];

  it('leaves database images that drop privileges in their entrypoint alone', () => {
    expect(
      hitOf('testdrivenio/fastapi-tdd-docker/project/db/Dockerfile'),
    ).toBeUndefined();
    expect(
      hitOf(
        'docker/labs/developer-tools/java-debugging/registration-database/Dockerfile',
      ),
    ).toBeUndefined();
  });

  it("uses the base image's own user", () => {
    expect(
      hitOf('docker/labs/developer-tools/nodejs-debugging/app/Dockerfile')
        ?.after,
    ).toContain('USER node');
  });

  it('creates the user with the tool the distribution has', () => {
    expect(hitOf('docker/labs/beginner/flask-app/Dockerfile')?.after).toContain(
      'RUN adduser -D -H -u 10001 app\nUSER app',
    );
    expect(
      hitOf('testdrivenio/django-on-docker/app/Dockerfile')?.after,
    ).toContain('RUN useradd --system --no-log-init --uid 10001 app\nUSER app');
  });

  it('moves nginx to the unprivileged image instead of a USER it cannot run as', () => {
    const hit = hitOf('testdrivenio/django-on-docker/nginx/Dockerfile');
    expect(hit?.after).toBe('FROM nginxinc/nginx-unprivileged:stable-alpine');
    expect(hit?.summary).toContain('8080');
  });

  it('warns when the service listens below 1024 or lives under /root', () => {
    const [hit] = hitsOf(
      rule,
      'FROM python:3.12-slim\nWORKDIR /root/app\nEXPOSE 80\nCMD ["python", "-m", "http.server", "80"]',
    );
    expect(hit.summary).toContain('below 1024');
    expect(hit.summary).toContain('under /root');
  });
});

describe('user-root-implicit where a USER line would break the start (issue 13)', () => {
  it('pastes nothing for a server that starts as root on a plain base', () => {
    const [hit] = hitsOf(
      rule,
      corpusFile(
        'apps/BretFisher/udemy-docker-mastery/dockerfile-sample-1/Dockerfile',
      ),
    );
    expect(hit.after).toBeUndefined();
    expect(hit.summary).toContain('nginx-unprivileged');
  });

  it('pastes nothing for a start command that writes into the image', () => {
    const [hit] = hitsOf(
      rule,
      corpusFile('apps/docker/labs/beginner/static-site/Dockerfile'),
    );
    expect(hit.after).toBeUndefined();
    expect(hit.summary).toContain('writes index.html');
  });
});
