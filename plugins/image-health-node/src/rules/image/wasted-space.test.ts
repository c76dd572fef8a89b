import { rule } from './wasted-space';
import { describeImageRule, factsOf } from './testing';

const MB = 1024 * 1024;

describeImageRule(rule, {
  catches: [
    [
      'that deletes a large download in a later layer',
      {
        layers: [
          { files: { 'bin/sh': MB } },
          { files: { 'tmp/src.tar.gz': 40 * MB } },
          { files: { 'tmp/.wh.src.tar.gz': 0 } },
        ],
      },
    ],
    [
      'that overwrites a file with a new copy',
      {
        layers: [
          { files: { 'app/data.bin': 20 * MB } },
          { files: { 'app/data.bin': 20 * MB } },
        ],
      },
    ],
  ],
  passes: [
    ['of one layer', { layers: [{ files: { 'app/main': 20 * MB } }] }],
    [
      'whose later layers only add files',
      {
        layers: [
          { files: { 'bin/sh': MB } },
          { files: { 'app/main': 20 * MB } },
        ],
      },
    ],
  ],
});

it('points at the layer whose bytes a later layer made useless', () => {
  const [hit] = rule.check(
    factsOf({
      layers: [
        { files: { 'bin/sh': MB } },
        { files: { 'tmp/src.tar.gz': 40 * MB } },
        { files: { 'tmp/.wh.src.tar.gz': 0 } },
      ],
    }),
  );
  expect(hit.layer).toBe(1);
  expect(hit.severity).toBe('warning');
});
