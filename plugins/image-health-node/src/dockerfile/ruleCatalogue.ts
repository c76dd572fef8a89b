import type { RuleInfo } from '@image-health/plugin-image-health-common';
import { RULES } from '../rules';
import { catalogueEntry } from '../rules/catalogueEntry';

/** What the catalogue says of a rule's findings in stages that do not ship. */
const UNSHIPPED_NOTE = {
  silent:
    'Not reported in stages whose files do not reach the final image (a builder only copied from, an unused target), nor in a .devcontainer/ Dockerfile.',
  info: 'Reported as info, with the reason, in stages whose files do not reach the final image (a builder only copied from, an unused target) and in a .devcontainer/ Dockerfile.',
};

/** The rule catalogue, for `GET /v1/rules` and the CLI. */
export function listRules(): RuleInfo[] {
  return RULES.map(rule =>
    catalogueEntry(
      rule,
      [
        rule.description,
        rule.unshipped && UNSHIPPED_NOTE[rule.unshipped],
        rule.optIn &&
          'Off by default (as in hadolint): enabled by naming it in a severity override.',
        ...Object.entries(rule.differsFrom ?? {}).map(
          ([peer, why]) => `Deliberately different from ${peer}: ${why}`,
        ),
      ]
        .filter(Boolean)
        .join(' '),
    ),
  );
}
