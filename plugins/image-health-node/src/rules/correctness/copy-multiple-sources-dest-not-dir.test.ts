import { rule } from './copy-multiple-sources-dest-not-dir';
import { describeRule } from '../testing';

describeRule(rule, {
  catches: [
    'FROM debian:12.5\nCOPY a b /app',
    'FROM debian:12.5\nCOPY ["a", "b", "/app"]',
  ],
  passes: [
    'FROM debian:12.5\nCOPY a b /app/',
    'FROM debian:12.5\nCOPY a /app',
    'FROM debian:12.5\nCOPY a b $DEST',
  ],
});
