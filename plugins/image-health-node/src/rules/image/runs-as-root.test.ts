import { rule } from './runs-as-root';
import { describeImageRule, factsOf } from './testing';

describeImageRule(rule, {
  catches: [
    ['with no USER', { config: {} }],
    ['as USER root', { config: { User: 'root' } }],
    ['as uid 0 with a group', { config: { User: '0:0' } }],
  ],
  passes: [
    ['as a named user', { config: { User: 'app' } }],
    ['as uid 1000', { config: { User: '1000:1000' } }],
  ],
});

it('says whether root was set or left as the default', () => {
  expect(rule.check(factsOf({ config: {} }))[0].message).toMatch(
    /sets no USER/,
  );
  expect(rule.check(factsOf({ config: { User: '0' } }))[0].message).toMatch(
    /USER is "0" \(uid 0\)/,
  );
});
