import type { DockerfileModel, Instruction } from '../dockerfile/model';
import { applyEditsTo } from './support';
import type { Edit, RuleHit } from './types';

/**
 * An instruction longer than this is shown in a finding by the lines its
 * edits touch (with none, by its first line): each of the 18,000 findings of
 * one fuzzed 400 kB RUN carried the whole RUN twice, 7 GB in all. The
 * longest RUN of the 600 real Dockerfiles in the corpus is 2.6 kB.
 */
const WHOLE_INSTRUCTION_CHARS = 4096;

function shownRange(
  model: DockerfileModel,
  instruction: Instruction,
  edits: readonly Edit[] | undefined,
): { start: number; end: number } {
  if (instruction.end - instruction.start <= WHOLE_INSTRUCTION_CHARS)
    return instruction;
  let first = instruction.end;
  let last = instruction.start;
  for (const edit of edits ?? []) {
    if (edit.start < instruction.start || edit.end > instruction.end) continue;
    first = Math.min(first, edit.start);
    last = Math.max(last, edit.end);
  }
  if (first > last) {
    // No edit inside: its first line (at most 200 characters).
    const eol = model.text.indexOf('\n', instruction.start);
    return {
      start: instruction.start,
      end: Math.min(eol < 0 ? instruction.end : eol, instruction.start + 200),
    };
  }
  const lineStart = model.text.lastIndexOf('\n', first - 1) + 1;
  const lineEnd = model.text.indexOf('\n', last);
  return {
    start: Math.max(instruction.start, lineStart),
    end: lineEnd < 0 ? instruction.end : Math.min(instruction.end, lineEnd),
  };
}

/** The user's lines and the fixed lines a finding of `hit` shows. */
export function shownFix(
  model: DockerfileModel,
  hit: RuleHit,
): { before?: string; after?: string } {
  const shown = hit.edits?.length ? hit.edits : hit.placeholders;
  const range = hit.instruction && shownRange(model, hit.instruction, shown);
  return {
    before: hit.before ?? (range && model.text.slice(range.start, range.end)),
    after:
      hit.after ??
      (range && shown?.length ? applyEditsTo(model, range, shown) : undefined),
  };
}
