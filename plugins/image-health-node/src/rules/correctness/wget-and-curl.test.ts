import { rule } from './wget-and-curl';
import { describeRule } from '../testing';

describeRule(rule, {
  catches: [
    'FROM debian:12.5\nRUN wget -q https://a/x\nRUN curl -fsO https://a/y',
  ],
  passes: [
    'FROM debian:12.5\nRUN curl -fsO https://a/x\nRUN curl -fsO https://a/y',
  ],
});
