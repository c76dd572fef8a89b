import type {
  Finding,
  Severity,
} from '@image-health/plugin-image-health-common';
import type { LabelType } from '../rules/correctness/labelSchema';

/** `imageHealth.rules`: rule ids to ignore and severity overrides, our ids or a peer's. */
export interface RuleSettings {
  ignore?: string[];
  severity?: Record<string, Severity>;
  /** Required labels by value type (hadolint's `label-schema`): enables the label rules. */
  labelSchema?: Record<string, LabelType>;
  /** Labels outside the schema are reported (hadolint's `strict-labels`). */
  strictLabels?: boolean;
  /** Registries a FROM may pull from (hadolint's `trustedRegistries`, read by DL3026). */
  trustedRegistries?: string[];
  /** `# hadolint ignore=` pragmas are not honoured (hadolint's `disable-ignore-pragma`). */
  disableIgnorePragma?: boolean;
}

/**
 * One spelling for every way a rule id is written, so a setting matches
 * whichever id a user brought: ours (`apt-pin-versions`), hadolint's
 * (`DL3008`), Trivy's (`DS-0002`, `DS002`, `AVD-DS-0002`), dockle's
 * (`CIS-DI-0001`, `DKL-DI-0005`) and BuildKit's check names, in any case.
 */
export function normalizeRuleId(id: string): string {
  const upper = id.trim().toUpperCase();
  const trivy = /^(?:AVD-)?DS-?0*(\d{1,4})$/.exec(upper);
  if (trivy) return `DS-${trivy[1].padStart(4, '0')}`;
  const dockle = /^(CIS-DI|DKL-[A-Z]{2})-0*(\d{1,4})$/.exec(upper);
  if (dockle) return `${dockle[1]}-${dockle[2].padStart(4, '0')}`;
  return upper;
}

/** Rule settings read once, for asking about many findings. */
export interface CompiledRuleSettings {
  /** Whether any of a rule's ids (its own and its equivalents) is ignored. */
  ignores(ids: readonly string[]): boolean;
  /** The override for the first of a rule's ids that has one. */
  severityOf(ids: readonly string[]): Severity | undefined;
}

export function compileRuleSettings(
  settings: RuleSettings = {},
): CompiledRuleSettings {
  const ignored = new Set((settings.ignore ?? []).map(normalizeRuleId));
  const overrides = new Map(
    Object.entries(settings.severity ?? {}).map(([id, severity]) => [
      normalizeRuleId(id),
      severity,
    ]),
  );
  return {
    ignores: ids =>
      ignored.size > 0 && ids.some(id => ignored.has(normalizeRuleId(id))),
    severityOf: ids => {
      if (overrides.size === 0) return undefined;
      for (const id of ids) {
        const severity = overrides.get(normalizeRuleId(id));
        if (severity) return severity;
      }
      return undefined;
    },
  };
}

/** Drops ignored findings and applies severity overrides, by a finding's id or its equivalents. */
export function applyRuleSettings(
  findings: Finding[],
  settings: CompiledRuleSettings,
): Finding[] {
  return findings.flatMap(finding => {
    const ids = [finding.ruleId, ...finding.equivalents];
    if (settings.ignores(ids)) return [];
    const severity = settings.severityOf(ids);
    return severity ? [{ ...finding, severity }] : [finding];
  });
}
