import { rule } from './no-healthcheck';
import { describeImageRule } from './testing';

describeImageRule(rule, {
  catches: [
    ['without a HEALTHCHECK', { config: {} }],
    ['with HEALTHCHECK NONE', { config: { Healthcheck: { Test: ['NONE'] } } }],
  ],
  passes: [
    [
      'with a shell HEALTHCHECK',
      { config: { Healthcheck: { Test: ['CMD-SHELL', 'curl -f localhost'] } } },
    ],
    [
      'with an exec HEALTHCHECK',
      { config: { Healthcheck: { Test: ['CMD', '/app/health'] } } },
    ],
  ],
});
