import { rule } from './analysis-cap';
import { describeImageRule } from './testing';

describeImageRule(rule, {
  catches: [
    [
      'whose layer expands past maxLayerBytes',
      {
        deepFailure: {
          layer: 0,
          capped: true,
          message:
            'layer expands beyond 2.0 GB (imageHealth.deepAnalysis.maxLayerBytes)',
        },
      },
    ],
  ],
  passes: [
    [
      'whose layer is truncated (another rule)',
      { deepFailure: { layer: 0, capped: false, message: 'unexpected end' } },
    ],
    ['read to the end', { layers: [{ files: { 'app/main': 10 } }] }],
    ['not read deeply', { config: {} }],
  ],
});
