import { rule } from './empty-password';
import { describeImageRule, factsOf } from './testing';

/** Alpine 3.5's shadow (CVE-2019-5021: root's field empty) and a hardened one. */
const EMPTY_ROOT = 'root:::0:::::\nbin:!::0:::::\n';
const LOCKED = 'root:*:19000:0:99999:7:::\nbin:!:19000::::::\n';
const HASHED = 'deploy:$6$salt$c2VjcmV0aGFzaA:19000:0:99999:7:::\n';

// DKL-LI-0001 ("Avoid empty password"): an empty second field of /etc/shadow.
describeImageRule(rule, {
  catches: [
    [
      "with root's password empty",
      { layers: [{ files: { 'etc/shadow': EMPTY_ROOT } }] },
    ],
    [
      'whose later layer empties a password',
      {
        layers: [
          { files: { 'etc/shadow': LOCKED } },
          { files: { 'etc/shadow': `${LOCKED}guest::19000::::::\n` } },
        ],
      },
    ],
  ],
  passes: [
    ['with locked accounts', { layers: [{ files: { 'etc/shadow': LOCKED } }] }],
    ['with a password set', { layers: [{ files: { 'etc/shadow': HASHED } }] }],
    [
      'whose later layer locks the account',
      {
        layers: [
          { files: { 'etc/shadow': EMPTY_ROOT } },
          { files: { 'etc/shadow': LOCKED } },
        ],
      },
    ],
    [
      'whose later layer deletes /etc/shadow',
      {
        layers: [
          { files: { 'etc/shadow': EMPTY_ROOT } },
          { files: { 'etc/.wh.shadow': 0 } },
        ],
      },
    ],
    [
      'with an empty field in /etc/passwd only',
      { layers: [{ files: { 'etc/passwd': 'root::0:0::/root:/bin/sh\n' } }] },
    ],
    ['not read deeply', { config: {} }],
  ],
});

it('names the accounts, never a password field', () => {
  const [hit] = rule.check(
    factsOf({
      layers: [{ files: { 'etc/shadow': `${HASHED}root:::0:::::\n` } }],
    }),
  );
  expect(hit.message).toContain('root');
  expect(hit.message).not.toContain('deploy');
  expect(hit.message).not.toContain('$6$');
  expect(hit.layer).toBe(0);
});

it('stays silent on a shadow file too large to read', () => {
  const huge = `root:::0:::::\n${'x:*:1::::::\n'.repeat(30_000)}`;
  expect(
    rule.check(factsOf({ layers: [{ files: { 'etc/shadow': huge } }] })),
  ).toEqual([]);
});
