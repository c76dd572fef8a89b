import type {
  DockerfileResult,
  Finding,
  Severity,
  StageSummary,
} from '@image-health/plugin-image-health-common';
import { estimateFinalBase } from './estimate';
import { RULES } from '../rules';
import { shownFix } from '../rules/fixText';
import type { Edit, Rule, RuleContext, RuleHit } from '../rules/types';
import type { LabelType } from '../rules/correctness/labelSchema';
import type { DockerfileModel } from './model';
import { parseDockerfile } from './parse';
import { developmentEnvironmentReason, unshippedReason } from './stages';
import { applyEditSets } from './edits';
import {
  hasOverride,
  isSelected,
  overrideOf,
  ruleSelectionOf,
} from './ruleSelection';
import { suppressionsOf, type Suppressions } from './suppressions';

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
  /** The scan's clock (end-of-life rules compare dates with it); now when absent. */
  now?: Date;
  /** Required labels by value type (hadolint's `label-schema`): enables the label rules. */
  labelSchema?: Record<string, LabelType>;
  /** Report labels outside the schema (hadolint's `strict-labels`). */
  strictLabels?: boolean;
  /** Registries a FROM may pull from (hadolint's `trustedRegistries`): enables DL3026. */
  trustedRegistries?: readonly string[];
  /** Rules that are off by default to run (our ids or a peer's); a severity override enables one too. */
  enable?: string[];
  /** Inline `# hadolint ignore=…` pragmas suppress nothing (hadolint's `disable-ignore-pragma`). */
  disableIgnorePragma?: boolean;
}

/** Analyzes one Dockerfile. Synchronous, never throws on bad input. */
export function analyzeDockerfile(options: AnalyzeOptions): DockerfileResult {
  return analyzeWithFixes(options).result;
}

/**
 * A finding and the edits that fix it, if the fix is mechanical; past a
 * rule's MAX_FINDINGS_PER_RULE in one file only the edits are kept, for the
 * suggested Dockerfile.
 */
interface FindingWithEdits {
  finding?: Finding;
  edits: Edit[];
  /** Where the hit is, to order findings and edits alike. */
  line: number;
  ruleId: string;
}

/**
 * Findings one rule lists for one file; past it, one more finding says how
 * many were left out. A Dockerfile decides how many findings it has: 26,000
 * CMD lines made a 33 MB report. No real Dockerfile of the corpus comes near.
 */
const MAX_FINDINGS_PER_RULE = 100;

/**
 * The analysis, plus which findings the suggested Dockerfile fixes. Edits
 * that overlap (two rules rewriting the same RUN) are applied in rounds:
 * the first round's result is analysed again, up to three times (fixRounds).
 */
export function analyzeWithFixes(options: AnalyzeOptions): {
  result: DockerfileResult;
  fixed: Finding[];
  /** The Dockerfile as parsed for the analysis (the image inspection reads it too). */
  model: DockerfileModel;
} {
  const first = runRules(options.content ?? '', options);
  const result: DockerfileResult = {
    location: options.location,
    stages: stageSummaries(first.model),
    baseImages: baseImagesOf(first.model),
    findings: listedFindings(first.findings),
    parseErrors: first.model.parseErrors,
  };
  const finalBaseEstimate = estimateFinalBase(first.model);
  if (finalBaseEstimate) result.finalBaseEstimate = finalBaseEstimate;
  const fixed: Finding[] = [];
  let text = first.model.text;
  let round = first;
  const rounds = fixRounds(text);
  for (let pass = 0; pass < rounds; pass++) {
    const withEdits = round.findings.filter(f => f.edits.length > 0);
    if (withEdits.length === 0) break;
    const applied = applyEditSets(
      text,
      withEdits.map(f => f.edits),
    );
    if (applied.appliedSets.size === 0) break;
    if (pass === 0)
      applied.appliedSets.forEach(i => {
        const finding = withEdits[i].finding;
        if (finding) fixed.push(finding);
      });
    text = applied.text;
    if (applied.appliedSets.size === withEdits.length || pass + 1 === rounds)
      break;
    round = runRules(text, options);
  }
  if (text !== first.model.text) result.suggestedDockerfile = text;
  return { result, fixed, model: first.model };
}

/** The findings listed in the report (past a rule's cap only edits are kept), without an array per finding. */
function listedFindings(hits: readonly FindingWithEdits[]): Finding[] {
  const listed: Finding[] = [];
  for (const hit of hits) if (hit.finding) listed.push(hit.finding);
  return listed;
}

/**
 * Rounds of fixes: three, but one for a file over 64 kB, whose every round
 * re-runs all rules (the corpus's largest Dockerfile is 20 kB; a fuzzed one of
 * 15,000 RUNs spent 4 s in its rounds).
 */
function fixRounds(text: string): number {
  return text.length > 65_536 ? 1 : 3;
}

/** What listing a rule's hits needs: the same for every rule of one file. */
interface Listing {
  model: DockerfileModel;
  /** The Dockerfile's location, copied into findings' `file`. */
  file: string;
  severity: ReadonlyMap<string, Severity>;
  suppressions: Suppressions;
  /** Why the whole file does not ship (a .devcontainer/ Dockerfile), if so. */
  developmentEnvironment: string | undefined;
  /** Where the findings go, in rule order. */
  findings: FindingWithEdits[];
}

function runRules(
  content: string,
  options: AnalyzeOptions,
): { model: DockerfileModel; findings: FindingWithEdits[] } {
  const model = parseDockerfile(content);
  const selection = ruleSelectionOf(options);
  const listing: Listing = {
    model,
    file: options.location,
    severity: selection.severity,
    suppressions: suppressionsOf(model, options.disableIgnorePragma),
    developmentEnvironment: developmentEnvironmentReason(options.location),
    findings: [],
  };
  const context: RuleContext = {
    model,
    dockerignore: options.dockerignore,
    now: options.now,
    labelSchema: options.labelSchema,
    strictLabels: options.strictLabels,
    trustedRegistries: options.trustedRegistries,
  };
  for (const rule of RULES) {
    if (!isSelected(rule, selection)) continue;
    const hits = hitsOf(rule, context);
    if (hits) listHits(rule, hits, listing);
  }
  const findings = listing.findings;
  findings.sort((a, b) => a.line - b.line || compareIds(a.ruleId, b.ruleId));
  return { model, findings };
}

/** A rule's hits; none, and a parse error saying why, when the rule throws. */
function hitsOf(rule: Rule, context: RuleContext): RuleHit[] | undefined {
  try {
    return rule.check(context);
  } catch (error) {
    context.model.parseErrors.push({
      message: `rule ${rule.id} could not check this file: ${
        (error as Error).message
      }`,
    });
    return undefined;
  }
}

/**
 * Adds a rule's hits to the findings: suppressed ones and (for a `silent`
 * rule) those in stages that do not ship left out, the first
 * MAX_FINDINGS_PER_RULE listed, past them only their edits and one finding
 * saying how many more there are.
 */
function listHits(
  rule: Rule,
  hits: readonly RuleHit[],
  listing: Listing,
): void {
  const { model, findings, developmentEnvironment } = listing;
  let listed = 0;
  let left: RuleHit | undefined;
  let leftReason: string | undefined;
  let leftOut = 0;
  for (const hit of hits) {
    const line = hit.instruction?.line;
    if (listing.suppressions.isSuppressed(rule, line)) continue;
    const reason =
      rule.unshipped &&
      (developmentEnvironment ?? unshippedReasonOf(model, hit));
    if (reason && rule.unshipped === 'silent') continue;
    if (listed === MAX_FINDINGS_PER_RULE) {
      if (!left) {
        left = hit;
        leftReason = reason;
      }
      leftOut++;
      if (hit.edits?.length)
        findings.push({ edits: hit.edits, line: line ?? 0, ruleId: rule.id });
      continue;
    }
    listed++;
    const finding = toFinding(
      rule,
      hit,
      model,
      listing.file,
      overrideOf(rule, listing.severity),
    );
    if (reason) markUnshipped(finding, rule, listing.severity, reason);
    findings.push({
      finding,
      edits: hit.edits ?? [],
      line: line ?? 0,
      ruleId: rule.id,
    });
  }
  if (left)
    findings.push(leftOutFinding(rule, left, leftOut, leftReason, listing));
}

/** A finding in a stage that does not ship: info, with the reason. */
function markUnshipped(
  finding: Finding,
  rule: Rule,
  severity: ReadonlyMap<string, Severity>,
  reason: string,
): void {
  // The operator's own override of this rule still wins.
  if (!hasOverride(rule, severity)) finding.severity = 'info';
  finding.message = `${finding.message} (${reason})`;
}

/**
 * The one finding standing for a rule's hits past MAX_FINDINGS_PER_RULE, from
 * the first of them (`left`): in a stage that does not ship (`reason`) it is
 * info with the reason, as that hit's own finding would have been.
 */
function leftOutFinding(
  rule: Rule,
  left: RuleHit,
  leftOut: number,
  reason: string | undefined,
  listing: Listing,
): FindingWithEdits {
  const finding = toFinding(
    rule,
    {
      instruction: left.instruction,
      message: `${leftOut} more findings of this rule in this file are not listed (at most ${MAX_FINDINGS_PER_RULE} per rule); the first of them: ${left.message}`,
      summary: left.summary,
    },
    listing.model,
    listing.file,
    overrideOf(rule, listing.severity),
  );
  if (reason) markUnshipped(finding, rule, listing.severity, reason);
  return {
    finding,
    edits: [],
    line: left.instruction?.line ?? 0,
    ruleId: rule.id,
  };
}

/** Why the stage of a hit does not ship, if it does not (instructions before any FROM have no stage). */
function unshippedReasonOf(
  model: DockerfileModel,
  hit: RuleHit,
): string | undefined {
  const stage = hit.instruction
    ? model.stages[hit.instruction.stage]
    : undefined;
  return stage ? unshippedReason(model, stage) : undefined;
}

/** Plain code-unit order (localeCompare is needlessly slow here). */
function compareIds(a: string, b: string): number {
  if (a === b) return 0;
  return a < b ? -1 : 1;
}

function toFinding(
  rule: Rule,
  hit: RuleHit,
  model: DockerfileModel,
  file: string,
  severity: Severity,
): Finding {
  const instruction = hit.instruction;
  const { before, after } = shownFix(model, hit);
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
