import type { ReportStatus } from '@image-health/plugin-image-health-common';

/** What became of one input: a result made or kept now, or why not. */
export interface InputOutcome<R> {
  /** The result to show: made now, unchanged, or an earlier one beside `error`. */
  result?: R;
  error?: string;
}

/**
 * ok: every input was read; partial: some were (the others show their
 * earlier result, or nothing); failed: none was, so nothing is new.
 */
export function scanStatus(
  outcomes: Array<InputOutcome<unknown>>,
): ReportStatus {
  if (outcomes.every(o => !o.error)) return 'ok';
  return outcomes.some(o => o.result && !o.error) ? 'partial' : 'failed';
}
