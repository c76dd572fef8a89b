import { rule } from './base-outdated';
import { describeImageRule } from './testing';

describeImageRule(rule, {
  catches: [
    [
      'built on an older build of its base tag',
      { base: { baseImage: 'debian:12-slim', baseImageOutdated: true } },
    ],
  ],
  passes: [
    [
      'built on the current base',
      { base: { baseImage: 'debian:12-slim', baseImageOutdated: false } },
    ],
    ['whose base is unknown', { base: {} }],
  ],
});
