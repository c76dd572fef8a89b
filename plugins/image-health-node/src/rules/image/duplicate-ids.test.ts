import { rule } from './duplicate-ids';
import { describeImageRule, factsOf } from './testing';

const PASSWD = 'root:x:0:0:root:/root:/bin/sh\napp:x:1000:1000::/app:/bin/sh\n';
const GROUP = 'root:x:0:\napp:x:1000:\n';

// DKL-LI-0002 ("Be unique UID/GROUPs"): a UID of /etc/passwd (or GID of /etc/group) held twice.
describeImageRule(rule, {
  catches: [
    [
      'with a second UID 0 account',
      {
        layers: [
          { files: { 'etc/passwd': `${PASSWD}toor:x:0:0::/root:/bin/sh\n` } },
        ],
      },
    ],
    [
      'with two groups on one GID',
      { layers: [{ files: { 'etc/group': `${GROUP}staff:x:1000:\n` } }] },
    ],
  ],
  passes: [
    [
      'with unique ids',
      { layers: [{ files: { 'etc/passwd': PASSWD, 'etc/group': GROUP } }] },
    ],
    [
      'whose duplicate a later layer removed',
      {
        layers: [
          { files: { 'etc/passwd': `${PASSWD}toor:x:0:0::/root:/bin/sh\n` } },
          { files: { 'etc/passwd': PASSWD } },
        ],
      },
    ],
    [
      'with comments and blank lines',
      { layers: [{ files: { 'etc/passwd': `# users\n\n${PASSWD}` } }] },
    ],
    ['not read deeply', { config: {} }],
  ],
});

it('lists each shared id with its names', () => {
  const hits = rule.check(
    factsOf({
      layers: [
        {
          files: {
            'etc/passwd': `${PASSWD}toor:x:0:0::/root:/bin/sh\nweb:x:1000:1000::/:/bin/sh\n`,
            'etc/group': `${GROUP}admins:x:0:\n`,
          },
        },
      ],
    }),
  );
  expect(hits.map(h => h.message)).toEqual([
    expect.stringContaining('0 (root, toor); 1000 (app, web)'),
    expect.stringContaining('0 (root, admins)'),
  ]);
});
