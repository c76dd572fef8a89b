import type { Finding } from '@image-health/plugin-image-health-common';

const relativeTime = new Intl.RelativeTimeFormat('en', { numeric: 'auto' });

const UNITS: Array<[Intl.RelativeTimeFormatUnit, number]> = [
  ['year', 365 * 24 * 3600],
  ['month', 30 * 24 * 3600],
  ['week', 7 * 24 * 3600],
  ['day', 24 * 3600],
  ['hour', 3600],
  ['minute', 60],
];

/** "3 hours ago", "yesterday"; the exact time belongs in a title attribute. */
export function formatAge(iso: string, now: number = Date.now()): string {
  const seconds = (new Date(iso).getTime() - now) / 1000;
  for (const [unit, size] of UNITS) {
    if (Math.abs(seconds) >= size) {
      return relativeTime.format(Math.round(seconds / size), unit);
    }
  }
  return 'just now';
}

export function formatTimestamp(iso: string): string {
  return new Date(iso).toLocaleString();
}

/** `sha256:0123456789ab…` → `0123456789ab`, as `docker history` shows digests. */
export function shortDigest(digest: string): string {
  return digest.replace(/^[a-z0-9]+:/, '').slice(0, 12);
}

/** Where a finding points: `Dockerfile:12-14`, or the layer it was found in. */
export function findingLocation(finding: Finding): string | undefined {
  if (finding.file) {
    if (finding.line === undefined) return finding.file;
    const lines =
      finding.endLine && finding.endLine !== finding.line
        ? `${finding.line}-${finding.endLine}`
        : `${finding.line}`;
    return `${finding.file}:${lines}`;
  }
  if (finding.layer) return `layer ${shortDigest(finding.layer)}`;
  return undefined;
}

export function percent(part: number, whole: number): string {
  if (whole <= 0) return '0%';
  return `${Math.round((part / whole) * 100)}%`;
}
