import { rule } from './secret-in-env-arg';
import { describeRule, hitsOf } from '../testing';
import { corpusFile } from '../../quality/corpus';

describeRule(rule, {
  catches: [
    'FROM debian:12.5\nENV DB_PASSWORD=hunter2',
    'FROM debian:12.5\nARG GITHUB_TOKEN',
    'FROM debian:12.5\nENV AWS_SECRET_ACCESS_KEY x',
    // Issue 13: a personal access token spliced into a git URL by a RUN.
    'FROM node:20-slim\nARG GITHUB_PAT\nRUN git config --global url."https://${GITHUB_PAT}@github.com/".insteadOf "https://github.com/"',
    'FROM debian:12.5\nARG SSH_KEY\nRUN echo "$SSH_KEY" > /root/.ssh/id_ed25519',
    'FROM debian:12.5\nARG DEPLOY_KEY',
    // An innocent name with a credential in its value.
    'FROM node:20-slim\nARG NPM_REGISTRY=https://ci:s3cr3t@npm.example.invalid/\nRUN npm ci --registry=$NPM_REGISTRY',
  ],
  passes: [
    'FROM debian:12.5\nENV GPG_KEY=ABCDEF',
    'FROM debian:12.5\nARG NODE_VERSION=20',
    'FROM debian:12.5\nENV PASSWORD_FILE=/run/secrets/db',
    'FROM debian:12.5\nENV PATH=/opt/bin:$PATH',
    'FROM debian:12.5\nARG PATTERN=*.log',
    'FROM debian:12.5\nENV SSH_KEY_PATH=/run/secrets/key',
    'FROM debian:12.5\nARG NPM_REGISTRY=https://npm.example.invalid/',
  ],
});

describe('secret-in-env-arg remediation (issue 13)', () => {
  it('moves a secret the container reads at start to run time, not to a build secret', () => {
    const [hit] = hitsOf(
      rule,
      corpusFile(
        'apps/docker/labs/developer-tools/java-debugging/registration-database/Dockerfile',
      ),
    );
    expect(hit.after).toBe(
      '# MYSQL_PASSWORD: set at run time (docker run -e MYSQL_PASSWORD, an orchestrator secret), never in the image',
    );
  });

  it('keeps the build secret for a value a RUN reads', () => {
    const [hit] = hitsOf(
      rule,
      'FROM node:20-slim\nARG NPM_TOKEN\nRUN echo "//npm.example.invalid/:_authToken=${NPM_TOKEN}" > .npmrc && npm ci',
    );
    expect(hit.after).toContain(
      '--mount=type=secret,id=npm_token,env=NPM_TOKEN',
    );
  });
});
