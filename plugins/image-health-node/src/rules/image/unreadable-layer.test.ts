import { rule } from './unreadable-layer';
import { describeImageRule } from './testing';

describeImageRule(rule, {
  catches: [
    [
      'whose layer does not match its digest',
      {
        deepFailure: {
          layer: 0,
          capped: false,
          message: 'the blob does not match its digest',
        },
      },
    ],
  ],
  passes: [
    [
      'whose layer hit the size cap (another rule)',
      { deepFailure: { layer: 0, capped: true, message: 'too large' } },
    ],
    ['read to the end', { layers: [{ files: { 'app/main': 10 } }] }],
  ],
});
