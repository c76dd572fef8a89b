import { rule } from './package-cache';
import { describeImageRule, factsOf } from './testing';

const APT_RUN = 'apt-get update && apt-get install -y curl';

describeImageRule(rule, {
  catches: [
    [
      'with apt lists',
      { layers: [{ files: { 'var/lib/apt/lists/deb_Packages': 4_000_000 } }] },
    ],
    [
      'with a pip cache',
      { layers: [{ files: { 'root/.cache/pip/http/a/b': 900_000 } }] },
    ],
    [
      'with an npm cache in a user home',
      { layers: [{ files: { 'home/node/.npm/_cacache/index': 2_000 } }] },
    ],
  ],
  passes: [
    [
      'whose apt lists were removed in the same layer (an empty directory)',
      { layers: [{ files: { 'var/lib/apt/lists': { type: 'dir' } } }] },
    ],
    [
      'whose pip cache a later layer deleted',
      {
        layers: [
          { files: { 'root/.cache/pip/http/a': 900_000 } },
          { files: { 'root/.cache/.wh.pip': 0 } },
        ],
      },
    ],
    ['with application files', { layers: [{ files: { 'app/main': 9_000 } }] }],
  ],
});

it('appends the cleanup to the RUN that filled the cache', () => {
  const [hit] = rule.check(
    factsOf({
      layers: [
        {
          createdBy: `RUN /bin/sh -c ${APT_RUN} # buildkit`,
          files: { 'var/lib/apt/lists/deb_Packages': 4_000_000 },
        },
      ],
      dockerfile: `FROM debian:12-slim\nRUN apt-get update \\\n    && apt-get install -y curl\n`,
    }),
  );
  expect(hit.instruction).toMatchObject({ line: 2, endLine: 3 });
  expect(hit.before).toBe(
    'RUN apt-get update \\\n    && apt-get install -y curl',
  );
  expect(hit.after).toBe(
    `${hit.before} \\\n    && rm -rf /var/lib/apt/lists/*`,
  );
});
