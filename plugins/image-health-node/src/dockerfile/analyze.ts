import type {
  DockerfileResult,
  Finding,
  RuleInfo,
  Severity,
  StageSummary,
} from '@image-health/plugin-image-health-common';
import { estimateFinalBase } from './estimate';
import { RULES } from '../rules';
import { applyEditsTo } from '../rules/support';
import type { Edit, Rule, RuleHit } from '../rules/types';
import type { DockerfileModel } from './model';
import { parseDockerfile } from './parse';

/** What the analyzer needs besides the Dockerfile's text. */
export interface AnalyzeOptions {
  /** Path or URL of the Dockerfile as the user knows it; copied into findings' `file`. */
  location: string;
  /** The Dockerfile's text. */
  content: string;
  /** The `.dockerignore` beside it: its text, `null` when known to be absent, `undefined` when unknown. */
  dockerignore?: string | null;
  /** Rule ids to skip: our ids or a peer's (`DL3008`, `DS-0029`, …). */
  ignore?: string[];
  /** Severity overrides by our id or a peer's. */
  severity?: Record<string, Severity>;
}

/** Analyzes one Dockerfile. Synchronous, never throws on bad input. */
export function analyzeDockerfile(options: AnalyzeOptions): DockerfileResult {
  return analyzeWithFixes(options).result;
}

/** A finding and the edits that fix it, if the fix is mechanical. */
interface FindingWithEdits {
  finding: Finding;
  edits: Edit[];
}

/**
 * The analysis, plus which findings the suggested Dockerfile fixes. Edits
 * that overlap (two rules rewriting the same RUN) are applied in rounds:
 * the first round's result is analysed again, up to three times.
 */
export function analyzeWithFixes(options: AnalyzeOptions): {
  result: DockerfileResult;
  fixed: Finding[];
} {
  const first = runRules(options.content ?? '', options);
  const result: DockerfileResult = {
    location: options.location,
    stages: stageSummaries(first.model),
    baseImages: baseImagesOf(first.model),
    findings: first.findings.map(f => f.finding),
    parseErrors: first.model.parseErrors,
  };
  const finalBaseEstimate = estimateFinalBase(first.model);
  if (finalBaseEstimate) result.finalBaseEstimate = finalBaseEstimate;
  const fixed: Finding[] = [];
  let text = first.model.text;
  let round = first;
  for (let pass = 0; pass < 3; pass++) {
    const withEdits = round.findings.filter(f => f.edits.length > 0);
    if (withEdits.length === 0) break;
    const applied = applyEditSets(
      text,
      withEdits.map(f => f.edits),
    );
    if (applied.appliedSets.size === 0) break;
    if (pass === 0)
      applied.appliedSets.forEach(i => fixed.push(withEdits[i].finding));
    text = applied.text;
    if (applied.appliedSets.size === withEdits.length) break;
    round = runRules(text, options);
  }
  if (text !== first.model.text) result.suggestedDockerfile = text;
  return { result, fixed };
}

/** Shared empties for the common call without ignores or overrides (never written to). */
const NO_IDS: ReadonlySet<string> = new Set();
const NO_OVERRIDES: ReadonlyMap<string, Severity> = new Map();

function runRules(
  content: string,
  options: AnalyzeOptions,
): { model: DockerfileModel; findings: FindingWithEdits[] } {
  const model = parseDockerfile(content);
  const ignored = options.ignore?.length
    ? new Set(options.ignore.map(normalizeId))
    : NO_IDS;
  const severity = options.severity
    ? new Map(
        Object.entries(options.severity).map(([id, s]) => [normalizeId(id), s]),
      )
    : NO_OVERRIDES;
  const findings: FindingWithEdits[] = [];
  const suppressions = suppressionsOf(model);
  const context = { model, dockerignore: options.dockerignore };
  for (const rule of RULES) {
    if (matches(rule, ignored)) continue;
    let hits: RuleHit[];
    try {
      hits = rule.check(context);
    } catch (error) {
      model.parseErrors.push({
        message: `rule ${rule.id} could not check this file: ${
          (error as Error).message
        }`,
      });
      continue;
    }
    for (const hit of hits) {
      const line = hit.instruction?.line;
      if (suppressions.isSuppressed(rule, line)) continue;
      findings.push({
        finding: toFinding(
          rule,
          hit,
          model,
          options.location,
          overrideOf(rule, severity),
        ),
        edits: hit.edits ?? [],
      });
    }
  }
  findings.sort(
    (a, b) =>
      (a.finding.line ?? 0) - (b.finding.line ?? 0) ||
      compareIds(a.finding.ruleId, b.finding.ruleId),
  );
  return { model, findings };
}

/** The rule catalogue, for `GET /v1/rules` and the CLI. */
export function listRules(): RuleInfo[] {
  return RULES.map(
    ({ id, title, category, severity, equivalents, description, docsUrl }) => ({
      id,
      title,
      category,
      severity,
      equivalents,
      description,
      docsUrl,
    }),
  );
}

/** Plain code-unit order (localeCompare is needlessly slow here). */
function compareIds(a: string, b: string): number {
  if (a === b) return 0;
  return a < b ? -1 : 1;
}

function normalizeId(id: string): string {
  // `DS002`, `DS-0002` and `AVD-DS-0002` name the same Trivy check.
  const trimmed = id.trim().toUpperCase();
  const trivy = /^(?:AVD-)?DS-?0*(\d+)$/.exec(trimmed);
  return trivy ? `DS-${trivy[1].padStart(4, '0')}` : trimmed;
}

const ruleIds = new WeakMap<Rule, string[]>();

function idsOf(rule: Rule): string[] {
  let ids = ruleIds.get(rule);
  if (!ids) {
    ids = [rule.id, ...rule.equivalents].map(normalizeId);
    ruleIds.set(rule, ids);
  }
  return ids;
}

function matches(rule: Rule, ids: ReadonlySet<string>): boolean {
  return ids.size > 0 && idsOf(rule).some(id => ids.has(id));
}

function overrideOf(
  rule: Rule,
  severity: ReadonlyMap<string, Severity>,
): Severity {
  for (const id of idsOf(rule)) {
    const s = severity.get(id);
    if (s) return s;
  }
  return rule.severity;
}

function toFinding(
  rule: Rule,
  hit: RuleHit,
  model: DockerfileModel,
  file: string,
  severity: Severity,
): Finding {
  const instruction = hit.instruction;
  const own = instruction
    ? model.text.slice(instruction.start, instruction.end)
    : undefined;
  const before = hit.before ?? own;
  const after =
    hit.after ??
    (instruction && hit.edits?.length
      ? applyEditsTo(model, instruction, hit.edits)
      : undefined);
  // Keys set one by one (same order as before), not spread from temporary objects.
  const remediation: Finding['remediation'] = { summary: hit.summary };
  if (before !== undefined) remediation.before = before;
  if (after !== undefined) remediation.after = after;
  if (rule.docsUrl) remediation.docsUrl = rule.docsUrl;
  return {
    ruleId: rule.id,
    equivalents: rule.equivalents,
    category: rule.category,
    severity,
    message: hit.message,
    file,
    line: instruction?.line,
    endLine: instruction?.endLine,
    remediation,
  };
}

/** Pragmas: `# hadolint ignore=…` before an instruction, `global ignore=…`, `stage ignore=…`. */
function suppressionsOf(model: DockerfileModel) {
  const byLine = new Map<number, Set<string>>();
  const global = new Set<string>();
  const ranges: Array<{ from: number; to: number; ids: Set<string> }> = [];
  // Pragmas and instructions are both in file order: walk them together.
  let cursor = 0;
  for (const pragma of model.pragmas) {
    const ids = new Set(pragma.ids.map(normalizeId));
    if (pragma.scope === 'global') {
      ids.forEach(id => global.add(id));
      continue;
    }
    while (
      cursor < model.instructions.length &&
      model.instructions[cursor].line <= pragma.line
    )
      cursor++;
    const next = model.instructions[cursor];
    if (!next) continue;
    if (pragma.scope === 'next') {
      const set = byLine.get(next.line) ?? new Set<string>();
      ids.forEach(id => set.add(id));
      byLine.set(next.line, set);
    } else {
      const stage =
        next.stage >= 0 ? model.stages[next.stage] : model.stages[0];
      const after = stage ? model.stages[stage.index + 1] : undefined;
      ranges.push({
        from: pragma.line,
        to: after ? after.from.line - 1 : Infinity,
        ids,
      });
    }
  }
  return {
    isSuppressed(rule: Rule, line: number | undefined): boolean {
      if (model.pragmas.length === 0) return false;
      const ids = idsOf(rule);
      if (ids.some(id => global.has(id))) return true;
      if (line === undefined) return false;
      const own = byLine.get(line);
      if (own && ids.some(id => own.has(id))) return true;
      return ranges.some(
        r => line >= r.from && line <= r.to && ids.some(id => r.ids.has(id)),
      );
    },
  };
}

/**
 * Applies sets of edits (one set per finding) that do not overlap an earlier
 * set; a set is applied whole or not at all. Identical edits from two rules
 * (two rules inserting the same text at the same place) are applied once.
 */
export function applyEditSets(
  text: string,
  sets: Edit[][],
): { text: string; appliedSets: Set<number> } {
  // Taken edits, sorted by start; they never overlap, so only neighbours can clash.
  const taken: Edit[] = [];
  const appliedSets = new Set<number>();
  const firstAtOrAfter = (start: number) => {
    let lo = 0;
    let hi = taken.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (taken[mid].start < start) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
  const same = (a: Edit, b: Edit) =>
    a.start === b.start && a.end === b.end && a.text === b.text;
  // Two insertions at one point both apply (in finding order); an insertion
  // inside or at the edge of a replaced range waits for the next round.
  const clashes = (a: Edit, b: Edit) =>
    (a.start < b.end && b.start < a.end) ||
    (a.start === b.start && (a.start === a.end) !== (b.start === b.end));
  sets.forEach((set, index) => {
    const fresh: Edit[] = [];
    for (const edit of set) {
      const at = firstAtOrAfter(edit.start);
      const neighbours: Edit[] = [];
      for (let i = at - 1; i >= 0 && taken[i].end >= edit.start; i--)
        neighbours.push(taken[i]);
      for (let i = at; i < taken.length && taken[i].start <= edit.end; i++)
        neighbours.push(taken[i]);
      if (neighbours.some(n => same(n, edit))) continue;
      if (neighbours.some(n => clashes(n, edit))) return;
      fresh.push(edit);
    }
    for (const edit of fresh) {
      // After any edits already taken at the same point, so insertions keep finding order.
      let at = firstAtOrAfter(edit.start);
      while (at < taken.length && taken[at].start === edit.start) at++;
      taken.splice(at, 0, edit);
    }
    appliedSets.add(index);
  });
  let out = '';
  let cursor = 0;
  for (const edit of taken) {
    out += text.slice(cursor, edit.start) + edit.text;
    cursor = edit.end;
  }
  return { text: out + text.slice(cursor), appliedSets };
}

function stageSummaries(model: DockerfileModel): StageSummary[] {
  return model.stages.map(stage => {
    const baseImage =
      stage.baseStage !== undefined
        ? model.stages[stage.baseStage].name ?? stage.image.resolved
        : stage.image.resolved;
    const { index, name, final } = stage;
    const line = stage.from.line;
    return name
      ? { index, name, baseImage, line, final }
      : { index, baseImage, line, final };
  });
}

function baseImagesOf(model: DockerfileModel): string[] {
  const images = new Set<string>();
  for (const stage of model.stages) {
    if (stage.baseStage !== undefined) continue;
    if (
      stage.image.resolved.toLowerCase() === 'scratch' ||
      stage.image.resolved === ''
    )
      continue;
    images.add(stage.image.resolved);
  }
  return [...images];
}
