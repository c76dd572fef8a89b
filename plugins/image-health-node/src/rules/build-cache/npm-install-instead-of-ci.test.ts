import { rule } from './npm-install-instead-of-ci';
import { describeRule, hitsOf } from '../testing';
import { corpusFile } from '../../quality/corpus';

describeRule(rule, {
  catches: [
    // The seed guide's case: the whole context, lockfile included.
    'FROM node:18\nWORKDIR /app\nCOPY . .\nRUN npm install',
    'FROM node:20\nCOPY package.json package-lock.json ./\nRUN npm install',
    'FROM node:20\nCOPY package*.json ./\nRUN npm i --production',
    'FROM node:20 AS deps\nCOPY ["package.json", "npm-shrinkwrap.json", "./"]\nFROM deps\nRUN npm install',
  ],
  passes: [
    'FROM node:20\nCOPY package*.json ./\nRUN npm ci',
    'FROM node:20\nRUN npm install -g pm2@5.4.0',
    'FROM node:20\nCOPY package*.json ./\nRUN npm install lodash@4.17.21',
    // Issue 13: npm ci needs a lockfile; none is copied in before the install.
    'FROM node:20\nRUN npm install',
    'FROM node:20\nCOPY package.json ./\nRUN npm install',
    'FROM node:20\nRUN npm install\nCOPY package-lock.json ./',
  ],
});

describe('npm-install-instead-of-ci on real Dockerfiles', () => {
  it('does not advise npm ci where only package.json is copied in', () => {
    expect(
      hitsOf(
        rule,
        corpusFile(
          'apps/BretFisher/udemy-docker-mastery/dockerfile-assignment-1/answer/Dockerfile',
        ),
      ),
    ).toEqual([]);
  });

  it("keeps the RUN's own flags in the fixed line", () => {
    const [hit] = hitsOf(
      rule,
      'FROM node:20\nCOPY package*.json ./\nRUN --mount=type=cache,target=/root/.npm npm install',
    );
    expect(hit.after).toBe('RUN --mount=type=cache,target=/root/.npm npm ci');
  });
});
