import { analyzeDockerfile } from '../../dockerfile/analyze';

const ids = (
  content: string,
  options: { enable?: string[]; severity?: Record<string, 'warning'> } = {},
) =>
  analyzeDockerfile({
    location: 'Dockerfile',
    content,
    ...options,
  }).findings.map(f => `${f.ruleId}@${f.line}`);

const withPragma =
  'FROM debian:12.5\n# hadolint ignore=DL3003\nRUN cd /tmp && make\nRUN true';

describe('inline-ignore-pragma (DL1001)', () => {
  it('is off by default, as in hadolint', () => {
    expect(ids(withPragma).filter(id => id.startsWith('inline-'))).toEqual([]);
  });

  it('reports each inline pragma at the instruction it applies to when enabled by id or by a severity override', () => {
    expect(ids(withPragma, { enable: ['DL1001'] })).toContain(
      'inline-ignore-pragma@3',
    );
    expect(
      ids(withPragma, { severity: { 'inline-ignore-pragma': 'warning' } }),
    ).toContain('inline-ignore-pragma@3');
  });

  it('does not report global or stage pragmas, nor other comments', () => {
    const content =
      '# hadolint global ignore=DL3008\n# hadolint shell=bash\n# just a comment\nFROM debian:12.5\n# hadolint stage ignore=DL3003\nRUN cd /tmp';
    expect(
      ids(content, { enable: ['DL1001'] }).filter(id =>
        id.startsWith('inline-'),
      ),
    ).toEqual([]);
  });
});
