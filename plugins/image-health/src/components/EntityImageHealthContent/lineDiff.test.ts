import { formatDiff, lineDiff } from './lineDiff';
import {
  NODE_NAIVE_DOCKERFILE,
  NODE_SUGGESTED_DOCKERFILE,
} from '../../__testUtils__/reports';

describe('lineDiff', () => {
  it('keeps unchanged lines and marks replaced, moved and added ones', () => {
    const diff = lineDiff(NODE_NAIVE_DOCKERFILE, NODE_SUGGESTED_DOCKERFILE);
    expect(formatDiff(diff).split('\n')).toEqual([
      '- FROM node:20',
      '+ FROM node:20-slim',
      '  WORKDIR /app',
      '+ COPY package.json package-lock.json ./',
      '+ RUN npm ci --omit=dev',
      '  COPY . .',
      '- RUN npm install',
      '+ USER node',
      '  EXPOSE 3000',
      '  CMD ["node", "server.js"]',
    ]);
  });

  it('finds no change between equal files', () => {
    const diff = lineDiff('FROM alpine\n', 'FROM alpine');
    expect(diff).toEqual([{ kind: 'same', text: 'FROM alpine' }]);
  });
});
