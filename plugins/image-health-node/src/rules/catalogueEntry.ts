import type { RuleInfo } from '@image-health/plugin-image-health-common';

/**
 * A rule's entry in the catalogue (`GET /v1/rules`, `image-health rules`):
 * its public metadata only, with `description` as the catalogue tells it
 * (the Dockerfile catalogue adds what the rule does in unshipped stages).
 */
export function catalogueEntry(
  rule: RuleInfo,
  description: string = rule.description,
): RuleInfo {
  return {
    id: rule.id,
    title: rule.title,
    category: rule.category,
    severity: rule.severity,
    equivalents: rule.equivalents,
    description,
    ...(rule.docsUrl ? { docsUrl: rule.docsUrl } : {}),
  };
}
