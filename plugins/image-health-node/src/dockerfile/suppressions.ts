import type { Rule } from '../rules/types';
import type { DockerfileModel } from './model';
import { normalizeRuleId } from '../scan/ruleSettings';
import { idsOf } from './ruleSelection';

/** Which hits the file's `# hadolint ignore=…` pragmas silence. */
export interface Suppressions {
  isSuppressed(rule: Rule, line: number | undefined): boolean;
}

/**
 * Pragmas: `# hadolint ignore=…` before an instruction, `global ignore=…`, `stage ignore=…`;
 * none of them count when `disabled` (hadolint's `disable-ignore-pragma`).
 */
export function suppressionsOf(
  model: DockerfileModel,
  disabled = false,
): Suppressions {
  const byLine = new Map<number, Set<string>>();
  const global = new Set<string>();
  const ranges: Array<{ from: number; to: number; ids: Set<string> }> = [];
  for (const pragma of model.pragmas) {
    const ids = new Set(pragma.ids.map(normalizeRuleId));
    if (pragma.scope === 'global') {
      ids.forEach(id => global.add(id));
      continue;
    }
    const next =
      pragma.next === undefined ? undefined : model.instructions[pragma.next];
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
      if (disabled || model.pragmas.length === 0) return false;
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
