import fs from 'node:fs';
import path from 'node:path';
import type { Finding } from '@image-health/plugin-image-health-common';
import { analyzeDockerfile } from '../dockerfile/analyze';
import { parseDockerfile } from '../dockerfile/parse';
import type { DockerfileModel } from '../dockerfile/model';
import { isKnownTag, stageFacts } from '../rules/base-image/known-images';
import { CORPUS, corpusDockerignore, corpusFile } from './corpus';
import labels from './precision-set.json';

/**
 * The labelled precision set (QUALITY.md): real Dockerfiles from the shared
 * corpus, every error and warning judged by hand, every fix judged. The test
 * keeps the judged behaviour and the targets; a new finding must be judged
 * (add it to precision-set.json) before it may ship.
 */

type Verdict = 'right' | 'wrong' | 'noise';
type FixVerdict = 'builds' | 'template' | 'unverified' | 'breaks' | 'none';
interface Judged {
  file: string;
  rule: string;
  line: number;
  verdict: Verdict;
  reason: string;
  fix?: FixVerdict;
  fixReason?: string;
}

const set = labels as {
  judged: string;
  files: string[];
  findings: Judged[];
  gone: Judged[];
};

const JUDGED_ON = new Date(`${set.judged}T12:00:00Z`);

const key = (file: string, rule: string, line?: number) =>
  `${file} ${rule} ${line ?? '-'}`;
const isReported = (f: Finding) =>
  f.severity === 'error' || f.severity === 'warning';

const analysed = set.files.map(file => {
  const content = corpusFile(file);
  return {
    file,
    content,
    result: analyzeDockerfile({
      location: file,
      content,
      dockerignore: corpusDockerignore(file),
      // The end-of-life rules judge by date: the set is judged as of its day.
      now: JUDGED_ON,
    }),
  };
});
const reported = new Map<string, Finding>();
for (const { file, result } of analysed)
  for (const finding of result.findings.filter(isReported))
    reported.set(key(file, finding.ruleId, finding.line), finding);

describe('the labelled precision set', () => {
  it('holds at least 60 corpus Dockerfiles', () => {
    expect(set.files.length).toBeGreaterThanOrEqual(60);
    for (const file of set.files)
      expect(fs.existsSync(path.join(CORPUS, file))).toBe(true);
  });

  it('still reports every finding judged right', () => {
    const missing = set.findings
      .filter(j => j.verdict === 'right')
      .map(j => key(j.file, j.rule, j.line))
      .filter(k => !reported.has(k));
    expect(missing).toEqual([]);
  });

  it('never reports again, as error or warning, a finding judged wrong or noise and since fixed', () => {
    const back = set.gone
      .map(j => key(j.file, j.rule, j.line))
      .filter(k => reported.has(k));
    expect(back).toEqual([]);
  });

  it('has a verdict for every error and warning it reports', () => {
    const judged = new Set(set.findings.map(j => key(j.file, j.rule, j.line)));
    expect([...reported.keys()].filter(k => !judged.has(k))).toEqual([]);
  });

  it('meets the targets: ≥ 90 % right, ≤ 5 % noise, no fix that breaks', () => {
    const total = set.findings.length;
    const count = (v: Verdict) =>
      set.findings.filter(j => j.verdict === v).length;
    expect(count('right') / total).toBeGreaterThanOrEqual(0.9);
    expect(count('noise') / total).toBeLessThanOrEqual(0.05);
    expect(set.findings.filter(j => j.fix === 'breaks')).toEqual([]);
  });

  it('judges a fix for every finding that has one', () => {
    for (const j of set.findings) {
      const finding = reported.get(key(j.file, j.rule, j.line));
      if (!finding) continue;
      const hasFix = finding.remediation.after !== undefined;
      expect(`${key(j.file, j.rule, j.line)} ${j.fix !== 'none'}`).toBe(
        `${key(j.file, j.rule, j.line)} ${hasFix}`,
      );
    }
  });
});

/** Every Dockerfile of the shared corpus's applications, for the mechanical checks. */
function appDockerfiles(dir = path.join(CORPUS, 'apps'), found: string[] = []) {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) appDockerfiles(full, found);
    else if (/Dockerfile/i.test(entry.name))
      found.push(path.relative(CORPUS, full));
  }
  return found;
}

/** The image a `FROM` line names (flags and `AS name` dropped). */
function imageOfFrom(line: string): string | undefined {
  const words = line
    .trim()
    .split(/\s+/)
    .filter(w => !w.startsWith('--'));
  return words[0]?.toUpperCase() === 'FROM' ? words[1] : undefined;
}

function stageAtLine(model: DockerfileModel, line: number) {
  return model.stages.filter(s => s.from.line <= line).pop();
}

describe('fixes checked mechanically on every application Dockerfile of the corpus', () => {
  const files = appDockerfiles().map(file => {
    const content = corpusFile(file);
    return {
      file,
      model: parseDockerfile(content),
      result: analyzeDockerfile({
        location: file,
        content,
        dockerignore: corpusDockerignore(file),
        now: JUDGED_ON,
      }),
    };
  });

  it('reads over 200 of them', () => {
    expect(files.length).toBeGreaterThan(200);
  });

  it('every suggested Dockerfile parses', () => {
    const broken = files
      .filter(f => f.result.suggestedDockerfile !== undefined)
      .filter(
        f => parseDockerfile(f.result.suggestedDockerfile!).parseErrors.length,
      )
      .map(f => f.file);
    expect(broken).toEqual([]);
  });

  it('every base image a fix names is one the file had or a tag known to exist', () => {
    const unknown: string[] = [];
    for (const { file, model, result } of files) {
      const own = new Set(
        model.stages.flatMap(s => [s.image.raw, s.image.resolved]),
      );
      const texts = [
        ...result.findings.map(f => f.remediation.after ?? ''),
        result.suggestedDockerfile ?? '',
      ];
      for (const text of texts)
        for (const line of text.split('\n')) {
          const image = imageOfFrom(line);
          // `<version>`: a template the user completes; a stage name is no image.
          if (!image || image.includes('<') || own.has(image)) continue;
          if (model.stages.some(s => s.name === image)) continue;
          if (!isKnownTag(image)) unknown.push(`${file}: ${image}`);
        }
    }
    expect(unknown).toEqual([]);
  });

  it('every command a fix adds exists in the base of its stage', () => {
    const missing: string[] = [];
    for (const { file, model, result } of files) {
      for (const finding of result.findings) {
        const after = finding.remediation.after;
        if (!after || finding.line === undefined) continue;
        const stage = stageAtLine(model, finding.line);
        if (!stage) continue;
        const facts = stageFacts(model, stage);
        const needs: Array<[boolean, string]> = [
          [/^RUN useradd /m.test(after), 'useradd'],
          [/^RUN adduser /m.test(after), 'adduser'],
          [/^SHELL \["\/bin\/bash"/m.test(after), 'bash'],
          [/^SHELL \["\/bin\/ash"/m.test(after), 'ash'],
        ];
        for (const [added, tool] of needs) {
          if (!added) continue;
          const has = {
            bash: facts?.bash,
            ash: facts?.sh === 'ash',
            useradd: facts?.addUser === 'useradd',
            adduser: facts?.addUser === 'adduser',
          }[tool];
          if (!has)
            missing.push(`${file}:${finding.line} ${finding.ruleId} ${tool}`);
        }
      }
    }
    expect(missing).toEqual([]);
  });
});
