import type { ScorecardRow } from '@image-health/plugin-image-health-common';

const COLUMNS: Array<[string, (row: ScorecardRow) => unknown]> = [
  ['entityRef', row => row.entityRef],
  ['title', row => row.title],
  ['owner', row => row.owner],
  ['grade', row => row.grade],
  ['score', row => row.score],
  ['compressedBytes', row => row.compressedBytes],
  ['baseImage', row => row.baseImage],
  ['userIsRoot', row => row.userIsRoot],
  ['reclaimableBytes', row => row.reclaimableBytes],
  ['policyViolations', row => row.policyViolations],
  ['scannedAt', row => row.scannedAt],
];

function cell(value: unknown): string {
  if (value === undefined || value === null) return '';
  const text = String(value);
  // Quote what would break the row, and neutralise spreadsheet formulas: a
  // leading tab or carriage return is read past by spreadsheets, so it counts too.
  const safe = /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
  return /[",\n\r]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** RFC 4180 CSV of scorecard rows, bytes as raw numbers for spreadsheets. */
export function scorecardCsv(rows: ScorecardRow[]): string {
  const lines = [COLUMNS.map(([name]) => name).join(',')];
  for (const row of rows) {
    lines.push(COLUMNS.map(([, get]) => cell(get(row))).join(','));
  }
  return `${lines.join('\r\n')}\r\n`;
}
