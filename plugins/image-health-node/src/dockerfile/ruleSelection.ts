/**
 * Which rules an analysis runs and at what severity: ignores, opt-in rules
 * and severity overrides, each naming a rule by our id or any peer's.
 */
import type { Severity } from '@image-health/plugin-image-health-common';
import { normalizeRuleId } from '../scan/ruleSettings';
import type { Rule } from '../rules/types';
import type { AnalyzeOptions } from './analyze';

/** Shared empties for the common call without ignores or overrides (never written to). */
export const NO_IDS: ReadonlySet<string> = new Set();
export const NO_OVERRIDES: ReadonlyMap<string, Severity> = new Map();

/** Which rules run and at what severity: the options' rule ids, normalized once per analysis. */
export interface RuleSelection {
  ignored: ReadonlySet<string>;
  severity: ReadonlyMap<string, Severity>;
  enabled: ReadonlySet<string>;
}

export function ruleSelectionOf(options: AnalyzeOptions): RuleSelection {
  return {
    ignored: options.ignore?.length
      ? new Set(options.ignore.map(normalizeRuleId))
      : NO_IDS,
    severity: options.severity
      ? new Map(
          Object.entries(options.severity).map(([id, s]) => [
            normalizeRuleId(id),
            s,
          ]),
        )
      : NO_OVERRIDES,
    enabled: options.enable?.length
      ? new Set(options.enable.map(normalizeRuleId))
      : NO_IDS,
  };
}

/** Whether a rule runs: not ignored, and when off by default, enabled or given a severity. */
export function isSelected(rule: Rule, selection: RuleSelection): boolean {
  if (matches(rule, selection.ignored)) return false;
  return (
    !rule.optIn ||
    matches(rule, selection.enabled) ||
    hasOverride(rule, selection.severity)
  );
}

const ruleIds = new WeakMap<Rule, string[]>();

export function idsOf(rule: Rule): string[] {
  let ids = ruleIds.get(rule);
  if (!ids) {
    ids = [rule.id, ...rule.equivalents].map(normalizeRuleId);
    ruleIds.set(rule, ids);
  }
  return ids;
}

export function matches(rule: Rule, ids: ReadonlySet<string>): boolean {
  return ids.size > 0 && idsOf(rule).some(id => ids.has(id));
}

/** Whether the operator set this rule's severity (by our id or a peer's). */
export function hasOverride(
  rule: Rule,
  severity: ReadonlyMap<string, Severity>,
): boolean {
  return idsOf(rule).some(id => severity.has(id));
}

export function overrideOf(
  rule: Rule,
  severity: ReadonlyMap<string, Severity>,
): Severity {
  for (const id of idsOf(rule)) {
    const s = severity.get(id);
    if (s) return s;
  }
  return rule.severity;
}
