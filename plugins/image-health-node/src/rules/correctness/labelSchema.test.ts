import { parseDockerfile } from '../../dockerfile/parse';
import type { Rule } from '../types';
import type { LabelType } from './labelSchema';
import { rule as missing } from './label-missing';
import { rule as superfluous } from './label-superfluous';
import { rule as empty } from './label-empty';
import { rule as notUrl } from './label-not-url';
import { rule as notRfc3339 } from './label-not-rfc3339';
import { rule as notSpdx } from './label-not-spdx';
import { rule as notGitHash } from './label-not-git-hash';
import { rule as notSemver } from './label-not-semver';
import { rule as notEmail } from './label-not-email';

function count(
  rule: Rule,
  lines: string[],
  labelSchema: Record<string, LabelType>,
  strictLabels = false,
): number {
  return rule.check({
    model: parseDockerfile(lines.join('\n')),
    labelSchema,
    strictLabels,
  }).length;
}

describe('label-missing (DL3049, its documented cases)', () => {
  const schema: Record<string, LabelType> = { foo: 'text' };
  it.each([
    [['FROM baseimage'], 1],
    [['FROM baseimage', 'LABEL bar="baz"'], 1],
    [['FROM baseimage', 'LABEL foo="bar"'], 0],
    [['FROM baseimage', 'ONBUILD LABEL foo="bar"'], 0],
    [['FROM stage1', 'FROM stage2'], 2],
    [['FROM stage1', 'LABEL bar="baz"', 'FROM stage2', 'LABEL buzz="fuzz"'], 2],
    [['FROM baseimage', 'LABEL foo="bar"', 'FROM newimage'], 1],
    [['FROM baseimage', 'FROM newimage', 'LABEL foo="bar"'], 1],
    [
      ['FROM baseimage', 'LABEL baz="bar"', 'FROM newimage', 'LABEL foo="bar"'],
      1,
    ],
    [['FROM baseimage as base', 'FROM base'], 2],
    [['FROM baseimage as base', 'FROM base', 'LABEL foo="bar"'], 0],
    [
      [
        'FROM baseimage as base',
        'FROM anotherimage',
        'LABEL foo="bar"',
        'COPY --from=base /bar /baz',
      ],
      0,
    ],
    [['FROM baseimage as base', 'FROM anotherimage', 'LABEL foo="bar"'], 1],
    [['FROM baseimage as base', 'LABEL foo="bar"', 'FROM base'], 0],
    [
      [
        'FROM baseimage as base',
        'FROM newimage',
        'LABEL foo="bar"',
        'COPY --from=base /bar /baz',
        '',
        'FROM newimage',
        'COPY --from=base /bar /baz',
      ],
      1,
    ],
    [
      [
        'FROM baseimage as base',
        'FROM base',
        'LABEL foo="bar"',
        '',
        'FROM base',
      ],
      1,
    ],
    [
      [
        'FROM baseimage as base',
        'FROM base',
        '',
        'FROM base',
        'LABEL foo="bar"',
      ],
      1,
    ],
  ])('%j: %d finding(s)', (lines, n) => {
    expect(count(missing, lines, schema)).toBe(n);
  });

  it('is off without a label schema', () => {
    expect(missing.check({ model: parseDockerfile('FROM baseimage') })).toEqual(
      [],
    );
  });
});

describe('label-superfluous (DL3050, its documented cases)', () => {
  const schema: Record<string, LabelType> = { required: 'text' };
  it.each([
    [[''], 0],
    [['LABEL required="foo"'], 0],
    [['LABEL other="bar"'], 1],
    [['LABEL required="foo" other="bar"'], 1],
    [['ONBUILD LABEL other="bar"'], 1],
  ])('%j: %d finding(s)', (lines, n) => {
    expect(count(superfluous, lines, schema, true)).toBe(n);
  });

  it('needs strict-labels', () => {
    expect(count(superfluous, ['LABEL other="bar"'], schema, false)).toBe(0);
  });
});

describe('label value types', () => {
  it.each<[Rule, LabelType, string[], string[]]>([
    [empty, 'text', ['""', "''"], ['"x"', 'x']],
    [
      notUrl,
      'url',
      ['"not a url"', '"example.com/x"', '""'],
      ['"https://github.com/acme/api"', '"http://localhost:8080/"'],
    ],
    [
      notRfc3339,
      'rfc3339',
      ['"2026-12-03"', '"03.12.2026 08:00"', '"2026-13-01T00:00:00Z"'],
      ['"2026-12-03T08:00:00Z"', '"2026-12-03T08:00:00.123+01:00"'],
    ],
    [
      notSpdx,
      'spdx',
      ['"Apache 2"', '"MIT License"', '"proprietary"'],
      ['"Apache-2.0"', '"MIT"', '"GPL-3.0-only"'],
    ],
    // DL3055's documented cases.
    [
      notGitHash,
      'hash',
      ['"not-git-hash"', '"2dbfae"'],
      ['"2dbfae9"', '"43c572f1272b6b3171dd1db9e41b7027128ce080"'],
    ],
    [
      notSemver,
      'semver',
      ['"v1.2.3"', '"1.2"', '"01.2.3"'],
      ['"1.2.3"', '"1.0.0-rc.1+build.5"'],
    ],
    [
      notEmail,
      'email',
      ['"platform team"', '"a@b"', '"@acme.com"'],
      ['"platform@acme.com"', '"first.last+docker@mail.acme.co.uk"'],
    ],
  ])('%s', (rule, type, bad, good) => {
    const schema = { 'org.example.field': type };
    for (const value of bad)
      expect(
        count(rule, [`FROM x`, `LABEL org.example.field=${value}`], schema),
      ).toBe(1);
    for (const value of good)
      expect(
        count(rule, [`FROM x`, `LABEL org.example.field=${value}`], schema),
      ).toBe(0);
    // Other labels and other types are not this rule's.
    expect(count(rule, ['FROM x', 'LABEL other=nonsense'], schema)).toBe(0);
  });
});
