import { rule } from './copy-multiple-sources-dest-not-dir';
import { describeRule } from '../testing';

// DL3021 / DS-0011's documented cases, in our own Dockerfiles.
describeRule(rule, {
  catches: [
    'FROM debian:12.5\nCOPY a b /app',
    'FROM debian:12.5\nCOPY foo bar baz',
    'FROM debian:12.5\nCOPY foo bar "baz"',
    'FROM debian:12.5\nCOPY ["a", "b", "/app"]',
    'FROM debian:12.5\nCOPY --chown=root:root --chmod=755 package.json yarn.lock app',
    'FROM debian:12.5\nCOPY a b $DEST',
  ],
  passes: [
    'FROM debian:12.5\nCOPY a b /app/',
    'FROM debian:12.5\nCOPY foo bar baz/',
    'FROM debian:12.5\nCOPY foo bar "baz/"',
    'FROM debian:12.5\nCOPY foo bar',
    'FROM debian:12.5\nCOPY a /app',
    'FROM debian:12.5\nCOPY --chown=root:root --chmod=755 yarn.lock app',
  ],
});
