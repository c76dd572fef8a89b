import type { Edit } from '../rules/types';

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
