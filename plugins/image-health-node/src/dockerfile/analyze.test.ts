import fs from 'node:fs';
import { analyzeDockerfile } from './analyze';
import { listRules } from './ruleCatalogue';

const analyze = (
  content: string,
  more: Partial<Parameters<typeof analyzeDockerfile>[0]> = {},
) => analyzeDockerfile({ location: 'Dockerfile', content, ...more });
const ids = (content: string, more = {}) =>
  analyze(content, more).findings.map(f => f.ruleId);

describe('analyzeDockerfile', () => {
  const aptFile =
    'FROM debian:12.5\nRUN apt-get update && apt-get install -y curl\nUSER app\nHEALTHCHECK CMD ["true"]';

  it('reports findings with the user’s own lines and fixed lines', () => {
    const result = analyze(aptFile);
    const finding = result.findings.find(
      f => f.ruleId === 'apt-no-install-recommends',
    )!;
    expect(finding).toMatchObject({
      equivalents: expect.arrayContaining(['DL3015']),
      category: 'size',
      severity: 'info',
      file: 'Dockerfile',
      line: 2,
      remediation: {
        before: 'RUN apt-get update && apt-get install -y curl',
        after:
          'RUN apt-get update && apt-get install --no-install-recommends -y curl',
      },
    });
    expect(result.suggestedDockerfile).toBe(
      'FROM debian:12.5\nRUN apt-get update && apt-get install --no-install-recommends -y curl \\\n    && rm -rf /var/lib/apt/lists/*\nUSER app\nHEALTHCHECK CMD ["true"]',
    );
    expect(result.stages).toEqual([
      { index: 0, baseImage: 'debian:12.5', line: 1, final: true },
    ]);
    expect(result.baseImages).toEqual(['debian:12.5']);
  });

  it('honours # hadolint ignore= on the line before, by peer id or our id', () => {
    expect(
      ids(
        'FROM debian:12.5\n# hadolint ignore=DL3015,DL3009\nRUN apt-get update && apt-get install -y curl',
      ),
    ).not.toContain('apt-no-install-recommends');
    const ours = ids(
      'FROM debian:12.5\n# image-health ignore=apt-no-install-recommends\nRUN apt-get install -y curl',
    );
    expect(ours).not.toContain('apt-no-install-recommends');
    expect(ours).toContain('apt-pin-versions');
    // Only the next instruction.
    expect(
      ids(
        'FROM debian:12.5\n# hadolint ignore=DL3015\nRUN true\nRUN apt-get install -y curl',
      ),
    ).toContain('apt-no-install-recommends');
  });

  it('reads pragmas as hadolint does: a trailing comment is allowed, a name that is not a rule code voids a hadolint pragma', () => {
    const install = 'RUN apt-get install -y curl';
    expect(
      ids(
        `FROM debian:12.5\n# hadolint ignore=DL3015 # slim enough\n${install}`,
      ),
    ).not.toContain('apt-no-install-recommends');
    expect(
      ids(`FROM debian:12.5\n# hadolint ignore=crazy,DL3015\n${install}`),
    ).toContain('apt-no-install-recommends');
    // Our own pragma takes our ids and any peer's.
    expect(
      ids(
        `FROM debian:12.5\n# image-health ignore=apt-no-install-recommends # slim\n${install}`,
      ),
    ).not.toContain('apt-no-install-recommends');
  });

  it('lets no pragma ignore anything with disableIgnorePragma', () => {
    const content =
      '# hadolint global ignore=DL3008\nFROM debian:12.5\n# hadolint ignore=DL3015\nRUN apt-get install -y curl';
    expect(ids(content)).not.toContain('apt-no-install-recommends');
    expect(ids(content)).not.toContain('apt-pin-versions');
    const strict = ids(content, { disableIgnorePragma: true });
    expect(strict).toContain('apt-no-install-recommends');
    expect(strict).toContain('apt-pin-versions');
  });

  it('honours global and stage pragmas', () => {
    expect(
      ids(
        '# hadolint global ignore=DL3015\nFROM debian:12.5\nRUN apt-get install -y curl',
      ),
    ).not.toContain('apt-no-install-recommends');
    const stage = ids(
      'FROM debian:12.5 AS a\n# hadolint stage ignore=DL3003\nRUN cd /x\nFROM debian:12.5\nRUN cd /y',
    );
    expect(stage.filter(id => id === 'cd-in-run')).toHaveLength(1);
  });

  it('applies config ignore and severity by any id spelling', () => {
    // Trivy spells one check DS022, DS-0022 and AVD-DS-0022.
    const maintainer = 'FROM debian:12.5\nMAINTAINER someone@example.com';
    expect(ids(maintainer)).toContain('maintainer-deprecated');
    expect(ids(maintainer, { ignore: ['DS022'] })).not.toContain(
      'maintainer-deprecated',
    );
    expect(ids(maintainer, { ignore: ['avd-ds-0022'] })).not.toContain(
      'maintainer-deprecated',
    );
    const result = analyze(aptFile, {
      severity: { DL3008: 'error', 'apt-lists-not-removed': 'style' },
    });
    expect(
      result.findings.find(f => f.ruleId === 'apt-pin-versions')!.severity,
    ).toBe('error');
    expect(
      result.findings.find(f => f.ruleId === 'apt-lists-not-removed')!.severity,
    ).toBe('style');
  });

  describe('bad input', () => {
    it('says binary garbage is not a Dockerfile', () => {
      const garbage = String.fromCharCode(
        ...Array.from({ length: 4096 }, (_, i) => (i * 7919) % 256),
      );
      const result = analyze(garbage);
      expect(result.parseErrors[0].message).toMatch(/not text/);
      expect(result.findings).toEqual([]);
    });

    it('flags invalid UTF-8 and still analyses', () => {
      const content = Buffer.from([
        ...Buffer.from('FROM node\nRUN echo '),
        0xc3,
        0x28,
        0x0a,
      ]).toString('utf8');
      const result = analyze(content);
      expect(result.parseErrors[0].message).toMatch(/UTF-8/);
      expect(result.findings.map(f => f.ruleId)).toContain(
        'base-image-untagged',
      );
    });

    it('survives an unterminated heredoc', () => {
      const result = analyze('FROM alpine:3.20\nRUN <<EOF\napk add curl\n');
      expect(result.parseErrors.map(e => e.line)).toEqual([2]);
    });

    it('reads 10,000 continuation lines as one RUN', () => {
      // How time grows with size is measured by bench/lint.bench.mjs, not timed here.
      const content = `FROM debian:12.5\nRUN apt-get update \\\n${'  && echo x \\\n'.repeat(
        10_000,
      )}  && apt-get install -y curl\n`;
      const result = analyze(content);
      expect(result.parseErrors).toEqual([]);
      const lists = result.findings.find(
        f => f.ruleId === 'apt-lists-not-removed',
      );
      expect(lists).toMatchObject({ line: 2, endLine: 10_003 });
    });

    it('refuses a 10 MB file with a clear reason and no findings', () => {
      const line = 'RUN apt-get install -y curl && rm -rf /tmp/*\n';
      const tenMegabytes = `FROM debian:12.5\n${line.repeat(
        Math.ceil(10_000_000 / line.length),
      )}`;
      const result = analyze(tenMegabytes);
      expect(result.parseErrors).toEqual([
        {
          message:
            'the file is 10.0 MB; Dockerfiles over 2 MB are not analysed (is this really a Dockerfile?)',
          line: 1,
        },
      ]);
      expect(result.findings).toEqual([]);
      expect(result.suggestedDockerfile).toBeUndefined();
    });

    it('says a real executable read as UTF-8 is not a Dockerfile', () => {
      // The node binary running this test: ELF bytes, NULs and invalid UTF-8 sequences.
      const executable = fs
        .readFileSync(process.execPath)
        .subarray(0, 1_000_000)
        .toString('utf8');
      const result = analyze(executable);
      expect(result.parseErrors[0].message).toMatch(/not text/);
      expect(result.findings).toEqual([]);
    });
  });
});

describe('fixes shown for a very long instruction', () => {
  it('shows a RUN over 4 kB by the lines each finding edits, so a report stays small however long the RUN (the fuzzer found 18,000 commands in one RUN taking 7 GB)', () => {
    const commands = '\tapt-get install e; \\\n'.repeat(2000);
    const result = analyze(
      `FROM debian:12\nRUN set -eux; \\\n${commands}\ttrue\n`,
    );
    const pins = result.findings.filter(f => f.ruleId === 'apt-pin-versions');
    expect(pins).toHaveLength(101);
    expect(pins[100].message).toMatch(/^1900 more findings of this rule/);
    expect(pins[5].remediation.before).toBe('\tapt-get install e; \\');
    expect(pins[5].remediation.after).toBe('\tapt-get install e=<version>; \\');
    expect(JSON.stringify(result).length).toBeLessThan(8 * 2 ** 20);
  });

  it('still shows a short RUN whole', () => {
    const result = analyze('FROM debian:12\nRUN apt-get install -y curl\n');
    const pin = result.findings.find(f => f.ruleId === 'apt-pin-versions');
    expect(pin?.remediation.before).toBe('RUN apt-get install -y curl');
    expect(pin?.remediation.after).toBe(
      'RUN apt-get install -y curl=<version>',
    );
  });
});

describe('findings of one rule in one file', () => {
  it('lists at most 100, then one finding saying how many more, while the suggested Dockerfile still fixes them all', () => {
    const maintainers = Array.from(
      { length: 150 },
      (_, i) => `MAINTAINER m${i}`,
    ).join('\n');
    const result = analyze(`FROM debian:12.5\n${maintainers}\n`);
    const listed = result.findings.filter(
      f => f.ruleId === 'maintainer-deprecated',
    );
    expect(listed).toHaveLength(101);
    expect(listed[100].message).toMatch(
      /^50 more findings of this rule in this file are not listed \(at most 100 per rule\); the first of them: /,
    );
    expect(listed[100].line).toBe(102);
    expect(result.suggestedDockerfile).not.toMatch(/MAINTAINER/);
    expect(result.suggestedDockerfile).toContain(
      'LABEL org.opencontainers.image.authors="m149"',
    );
  });
});

describe('findings past the cap in a stage that does not ship', () => {
  // A builder installing its toolchain one package per RUN; only its binary ships.
  const installs = Array.from(
    { length: 120 },
    (_, i) => `RUN apt-get install -y --no-install-recommends libtool${i}-dev`,
  ).join('\n');
  const dockerfile = `FROM debian:12.5 AS builder
RUN apt-get update
${installs}
WORKDIR /src
COPY . .
RUN make release

FROM gcr.io/distroless/base-debian12:nonroot
COPY --from=builder /src/out/server /server
ENTRYPOINT ["/server"]
`;
  const pinsOf = (more = {}) =>
    analyze(dockerfile, more).findings.filter(
      f => f.ruleId === 'apt-pin-versions',
    );

  it('reports the "N more" finding as info with the reason, like the hits it stands for', () => {
    const pins = pinsOf();
    expect(pins).toHaveLength(101);
    expect(pins.slice(0, 100).every(f => f.severity === 'info')).toBe(true);
    expect(pins[100]).toMatchObject({
      severity: 'info',
      line: 103,
      message: expect.stringMatching(
        /^20 more findings of this rule in this file are not listed .*libtool100-dev \(stage builder is not in the final image: only the files COPY --from takes out of it are\)$/,
      ),
    });
  });

  it("keeps the operator's severity override on it, still saying why", () => {
    const pins = pinsOf({ severity: { DL3008: 'error' } });
    expect(pins[100].severity).toBe('error');
    expect(pins[100].message).toContain(
      'stage builder is not in the final image',
    );
  });
});

describe('listRules', () => {
  const rules = listRules();

  it('lists every rule once with documented metadata', () => {
    expect(rules.length).toBeGreaterThanOrEqual(50);
    expect(new Set(rules.map(r => r.id)).size).toBe(rules.length);
    for (const rule of rules) {
      expect(rule.id).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
      expect([
        'size',
        'layers',
        'base-image',
        'security',
        'build-cache',
        'correctness',
      ]).toContain(rule.category);
      expect(rule.description.length).toBeGreaterThan(20);
      for (const peer of rule.equivalents)
        expect(peer).toMatch(
          /^(DL\d{4}|DS-\d{4}|CIS-DI-\d{4}|DKL-(?:DI|LI)-\d{4}|[A-Z][A-Za-z]+)$/,
        );
    }
  });

  it('maps a hadolint id to at most one rule', () => {
    const hadolint = rules.flatMap(r =>
      r.equivalents.filter(e => e.startsWith('DL')),
    );
    expect(new Set(hadolint).size).toBe(hadolint.length);
  });
});
