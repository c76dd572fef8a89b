import { rule } from './curl-pipe-shell';
import { describeRule } from '../testing';

describeRule(rule, {
  catches: [
    'FROM debian:12.5\nRUN curl -fsSL https://get.example.com | sh',
    'FROM debian:12.5\nRUN wget -qO- https://x.io/install | sudo bash -s --',
  ],
  passes: [
    'FROM debian:12.5\nRUN curl -fsSL https://x.io/a.tgz | tar xz',
    'FROM debian:12.5\nRUN curl -o /tmp/i.sh https://x.io/i.sh && sh /tmp/i.sh',
  ],
});
