import fs from 'node:fs';
import path from 'node:path';
import type { Finding } from '@image-health/plugin-image-health-common';
import { analyzeDockerfile, type AnalyzeOptions } from '../dockerfile/analyze';
import { parseDockerfile } from '../dockerfile/parse';
import { RULES } from '../rules';
import type { LabelType } from '../rules/correctness/labelSchema';
import hadolintRules from './hadolint-rules.json';

/**
 * hadolint's own spec cases (test/Hadolint/Rule/DL*Spec.hs and PragmaSpec.hs,
 * extracted by scripts/extract-hadolint-spec.mjs into hadolint-spec/*.json),
 * run through our analyzer: one test per case, and a summary that fails when
 * agreement with hadolint falls below 98 % for any DL id we claim. A case we
 * deliberately judge otherwise carries `differs` (why) in its JSON; the rule
 * claiming that DL id must say so in its description, and the test holds the
 * difference (a change of behaviour there must be looked at, not slip by).
 */

interface SpecCase {
  rule: string;
  title: string;
  source: string;
  dockerfile: string;
  /** hadolint's ONBUILD variant: every RUN wrapped in ONBUILD. */
  onbuild?: boolean;
  /** Whether hadolint reports `rule` (at least once; exactly once for ONBUILD). */
  reported?: boolean;
  /** How many times hadolint reports `rule`. */
  count?: number;
  config?: {
    trustedRegistries?: string[];
    labelSchema?: Record<string, LabelType>;
    strictLabels?: boolean;
    disableIgnorePragma?: boolean;
  };
  /** Why we deliberately judge this case otherwise. */
  differs?: string;
}

const DIR = path.join(__dirname, 'hadolint-spec');
const specs = fs
  .readdirSync(DIR)
  .filter(f => f.endsWith('.json'))
  .sort()
  .map(f => ({
    file: f,
    ...(JSON.parse(fs.readFileSync(path.join(DIR, f), 'utf8')) as {
      source: string;
      cases: SpecCase[];
    }),
  }));

/** hadolint's `assertOnBuildChecks`: every RUN instruction becomes `ONBUILD RUN`. */
function wrapRunsInOnbuild(dockerfile: string): string {
  const model = parseDockerfile(dockerfile);
  let out = '';
  let cursor = 0;
  for (const instruction of model.instructions) {
    if (instruction.keyword !== 'RUN') continue;
    out += `${dockerfile.slice(cursor, instruction.start)}ONBUILD `;
    cursor = instruction.start;
  }
  return out + dockerfile.slice(cursor);
}

const claims = (finding: Finding, id: string) =>
  finding.ruleId === id || finding.equivalents.includes(id);

/** How many findings answer to the case's DL id. */
function ourCount(c: SpecCase): number {
  const options: AnalyzeOptions = {
    location: 'Dockerfile',
    content: c.onbuild ? wrapRunsInOnbuild(c.dockerfile) : c.dockerfile,
    ...c.config,
    // hadolint's spec runs its rules that are off by default (severity "ignore") too.
    enable: [c.rule],
  };
  return analyzeDockerfile(options).findings.filter(f => claims(f, c.rule))
    .length;
}

/** Whether our count gives hadolint's verdict on the case. */
function agrees(c: SpecCase, count: number): boolean {
  if (c.count !== undefined) return count === c.count;
  if (!c.reported) return count === 0;
  return c.onbuild ? count === 1 : count > 0;
}

const expectation = (c: SpecCase) =>
  c.count !== undefined
    ? `${c.count}×`
    : `${c.reported ? 'reports' : 'does not report'}`;

const results = specs.flatMap(spec =>
  spec.cases.map(c => ({ spec, c, count: ourCount(c) })),
);

describe("hadolint's spec cases", () => {
  describe.each(specs.map(s => [s.file, s] as const))('%s', (_file, spec) => {
    const own = results.filter(r => r.spec === spec);
    it.each(
      own.map(({ c, count }, i) => [
        `${c.rule} ${expectation(c)}${c.onbuild ? ' (ONBUILD)' : ''}: ${
          c.title
        } #${i}`,
        c,
        count,
      ]),
    )('%s', (_name, c, count) => {
      const detail = `${c.source}\n${c.dockerfile}\nfound ${count}`;
      // A case we deliberately judge otherwise must stay judged otherwise.
      expect({ agrees: agrees(c, count), detail }).toEqual({
        agrees: !c.differs,
        detail,
      });
    });
  });

  it('agrees with hadolint on at least 98 % of the cases of every DL id we claim', () => {
    const claimed = new Set(RULES.flatMap(r => r.equivalents));
    const byId = new Map<string, { agree: number; total: number }>();
    for (const { c, count } of results) {
      if (c.differs) continue;
      const tally = byId.get(c.rule) ?? { agree: 0, total: 0 };
      tally.total++;
      if (agrees(c, count)) tally.agree++;
      byId.set(c.rule, tally);
    }
    const below = [...byId]
      .filter(([id]) => claimed.has(id))
      .filter(([, t]) => t.agree / t.total < 0.98)
      .map(([id, t]) => `${id} ${t.agree}/${t.total}`);
    expect(below).toEqual([]);
  });

  it("every rule of hadolint's current list is claimed by one of ours", () => {
    const claimed = new Set(RULES.flatMap(r => r.equivalents));
    const listed = hadolintRules.rules.map(r => r.id);
    expect(listed.length).toBeGreaterThan(60);
    expect(listed.filter(id => !claimed.has(id))).toEqual([]);
    const withCases = new Set(results.map(r => r.c.rule));
    expect([...withCases].filter(id => !claimed.has(id))).toEqual([]);
  });

  it('a case we deliberately judge otherwise is explained by the rule claiming its DL id', () => {
    const unexplained = results
      .filter(({ c }) => c.differs)
      .filter(
        ({ c }) =>
          !RULES.find(r => r.equivalents.includes(c.rule))?.differsFrom?.[
            c.rule
          ],
      )
      .map(({ c }) => `${c.rule} ${c.source}`);
    expect(unexplained).toEqual([]);
  });
});
