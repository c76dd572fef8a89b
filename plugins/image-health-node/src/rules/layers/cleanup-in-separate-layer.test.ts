import { rule } from './cleanup-in-separate-layer';
import { describeRule } from '../testing';

describeRule(rule, {
  catches: [
    'FROM debian:12.5\nRUN apt-get update && apt-get install -y curl\nRUN rm -rf /var/lib/apt/lists/*',
    'FROM alpine:3\nRUN apk add gcc\nRUN apk del gcc',
  ],
  passes: [
    'FROM debian:12.5\nRUN apt-get update && apt-get install -y curl && rm -rf /var/lib/apt/lists/*',
    'FROM debian:12.5\nRUN rm -f /etc/motd',
  ],
});
