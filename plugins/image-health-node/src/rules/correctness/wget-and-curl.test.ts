import { rule } from './wget-and-curl';
import { describeRule, hitsOf } from '../testing';

// DL4001's documented cases, in our own Dockerfiles.
describeRule(rule, {
  catches: [
    'FROM node:20 AS app\nRUN wget https://example.com/a\nRUN curl http://localhost',
    'FROM node:20 AS app\nRUN wget https://example.com/a && curl http://localhost',
    'FROM node:20 AS app\nRUN wget https://example.com/a\nRUN curl http://localhost\nFROM scratch\nRUN curl http://localhost',
  ],
  passes: [
    'FROM node:20 AS app\nRUN wget https://example.com/a',
    'FROM node:20 AS app\nRUN wget https://example.com/a\nFROM scratch\nRUN curl http://localhost',
    'FROM debian:12.5\nRUN apt-get install -y curl wget',
  ],
});

describe('wget-and-curl findings', () => {
  it('reports each RUN that uses either tool once the stage has used both', () => {
    expect(
      hitsOf(
        rule,
        'FROM node:20\nRUN wget https://example.com/a\nRUN curl https://example.com/b\nRUN echo hello',
      ),
    ).toHaveLength(1);
    expect(
      hitsOf(
        rule,
        'FROM node:20\nRUN wget https://example.com/a\nRUN curl https://example.com/b\nRUN echo hello\nRUN wget https://example.com/c',
      ),
    ).toHaveLength(2);
  });
});
