import { rule } from './npm-cache-not-cleaned';
import { describeRule, hitsOf } from '../testing';

describeRule(rule, {
  catches: [
    'FROM node:20\nRUN npm ci --omit=dev',
    'FROM node:20\nRUN npm install',
    'FROM node:20\nRUN npm i --production',
  ],
  passes: [
    'FROM node:20\nRUN npm ci --omit=dev && npm cache clean --force',
    'FROM node:20\nRUN npm install && npm cache clean --force',
    'FROM node:20\nRUN --mount=type=cache,target=/root/.npm npm ci',
    'FROM node:20\nRUN npm run build',
  ],
});

describe('npm-cache-not-cleaned message', () => {
  it.each([
    ['RUN npm install --omit=dev', 'npm install'],
    ['RUN npm i express', 'npm i'],
    ['RUN npm ci', 'npm ci'],
  ])('names the command the user ran in %j', (run, command) => {
    const [hit] = hitsOf(rule, `FROM node:20\n${run}`);
    expect(hit.message).toBe(
      `${command} without \`npm cache clean --force\` in the same RUN`,
    );
  });

  it('never names npm ci when the user ran npm install', () => {
    const [hit] = hitsOf(rule, 'FROM node:20\nRUN npm install');
    expect(hit.message).not.toContain('npm ci');
    expect(hit.summary).not.toContain('npm ci');
  });
});
