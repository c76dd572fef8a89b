import { createHash } from 'node:crypto';

/** The OCI digest of some bytes: what a registry's content addresses are checked against. */
export function sha256Digest(bytes: Buffer): string {
  return `sha256:${createHash('sha256').update(bytes).digest('hex')}`;
}
