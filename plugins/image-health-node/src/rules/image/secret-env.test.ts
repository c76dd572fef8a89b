import { rule } from './secret-env';
import { describeImageRule, factsOf } from './testing';

describeImageRule(rule, {
  catches: [
    ['with a password in ENV', { config: { Env: ['DB_PASSWORD=hunter2'] } }],
    ['with an API key in ENV', { config: { Env: ['STRIPE_API_KEY=sk_live'] } }],
  ],
  passes: [
    [
      'with a secret file path',
      { config: { Env: ['DB_PASSWORD_FILE=/run/s'] } },
    ],
    ['with GPG key ids', { config: { Env: ['GPG_KEYS=B42F6819007F00F8'] } }],
    ['with an empty token', { config: { Env: ['TOKEN='] } }],
    ['with plain settings', { config: { Env: ['PATH=/usr/bin', 'PORT=80'] } }],
  ],
});

it('points at the ENV line of the Dockerfile that set it', () => {
  const [hit] = rule.check(
    factsOf({
      config: { Env: ['API_TOKEN=hunter2'] },
      dockerfile: 'FROM alpine:3.20\nENV MODE=prod \\\n    API_TOKEN=hunter2\n',
    }),
  );
  expect(hit.instruction).toMatchObject({ line: 2, endLine: 3 });
  expect(
    rule.check(
      factsOf({
        config: { Env: ['API_TOKEN=x'] },
        dockerfile: 'FROM alpine:3.20\nENV API_TOKEN x\n',
      }),
    )[0].instruction?.line,
  ).toBe(2);
});
