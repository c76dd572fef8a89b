import type { Finding } from '@image-health/plugin-image-health-common';
import {
  IMAGE_RULES,
  type ImageFacts,
  type ImageRule,
  type ImageRuleHit,
} from '../rules/image';

function toFinding(
  rule: ImageRule,
  hit: ImageRuleHit,
  facts: ImageFacts,
): Finding {
  const finding: Finding = {
    ruleId: rule.id,
    equivalents: [...rule.equivalents],
    category: rule.category,
    severity: hit.severity ?? rule.severity,
    message: hit.message,
    remediation: { summary: hit.summary ?? rule.remediation },
  };
  if (hit.layer !== undefined && facts.layerDigests[hit.layer])
    finding.layer = facts.layerDigests[hit.layer];
  if (hit.instruction && facts.dockerfile) {
    finding.file = facts.dockerfile.location;
    finding.line = hit.instruction.line;
    finding.endLine = hit.instruction.endLine;
  }
  if (hit.before !== undefined) finding.remediation.before = hit.before;
  if (hit.after !== undefined) finding.remediation.after = hit.after;
  if (rule.docsUrl) finding.remediation.docsUrl = rule.docsUrl;
  return finding;
}

/** Every image rule's findings on one image, in catalogue order. */
export function imageFindings(facts: ImageFacts): Finding[] {
  return IMAGE_RULES.flatMap(rule =>
    rule.check(facts).map(hit => toFinding(rule, hit, facts)),
  );
}
