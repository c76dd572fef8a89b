import { rule } from './large-files';
import { describeImageRule, factsOf } from './testing';

const MB = 1024 * 1024;

describeImageRule(rule, {
  catches: [
    [
      'with a 60 MB model file',
      { layers: [{ files: { 'app/model.bin': 60 * MB } }] },
    ],
  ],
  passes: [
    ['with a 20 MB binary', { layers: [{ files: { 'app/main': 20 * MB } }] }],
    [
      'whose large file a later layer deleted',
      {
        layers: [
          { files: { 'tmp/big.tar': 60 * MB } },
          { files: { 'tmp/.wh.big.tar': 0 } },
        ],
      },
    ],
  ],
});

it('names every large file with its size', () => {
  const [hit] = rule.check(
    factsOf({
      layers: [{ files: { 'app/a.bin': 60 * MB, 'app/b.bin': 80 * MB } }],
    }),
  );
  expect(hit.message).toMatch(
    /\/app\/b\.bin \(80\.0 MB\), \/app\/a\.bin \(60\.0 MB\)/,
  );
});
