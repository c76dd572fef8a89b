/**
 * Incremental scans: what identifies each input an entity's scan read (its
 * fingerprints, stored with the report), and how a Dockerfile read becomes
 * either its last result reused or a fresh input for the scan pipeline.
 */
import { createHash } from 'crypto';
import {
  DockerfileDiscovery,
  DockerfileResult,
  Report,
} from '@image-health/plugin-image-health-common';
import {
  type DockerfileInput,
  type ImageInput,
} from '@image-health/plugin-image-health-node';

export type DockerfileFingerprint = {
  url: string;
  etag?: string;
  ignoreEtag?: string;
  ignorePresent: boolean;
  hash: string;
};

/** What identifies each scanned input, so an unchanged one can be reused. */
export interface ArtifactFingerprints {
  /** Hash of everything besides the inputs that shapes a report: rules, ignores, severities, policy, budget. */
  settings: string;
  dockerfiles: Record<string, DockerfileFingerprint>;
  images: Record<string, ImageFingerprint>;
  /** The last search of the source location: its version and the Dockerfiles it yielded. */
  search?: {
    etag: string;
    locations: string[];
    discovery: DockerfileDiscovery;
  };
}

export interface ImageFingerprint {
  digest: string;
  /** Hash of the Dockerfile the result was linked to, if any. */
  dockerfileHash?: string;
}

/** What one scan did with each input; stored on the scan row. */
export type ScanCheck =
  | {
      kind: 'dockerfile';
      location: string;
      url?: string;
      etag?: string;
      hash?: string;
      reused: boolean;
      error?: string;
    }
  | {
      kind: 'image';
      ref: string;
      digest?: string;
      reused: boolean;
      error?: string;
    };

export interface PreviousScan {
  report: Report;
  fingerprints: ArtifactFingerprints;
}

export function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/** One Dockerfile as read for this scan: the pipeline's input and what identifies it. */
export interface DockerfileRead {
  location: string;
  input?: DockerfileInput;
  fingerprint?: DockerfileFingerprint;
  check: ScanCheck;
  /** The default root Dockerfile does not exist: nothing to report. */
  absent?: boolean;
}

/** The Dockerfiles of an entity as read for this scan, and how they were found. */
export interface DockerfileReads {
  reads: DockerfileRead[];
  discovery?: DockerfileDiscovery;
  search?: ArtifactFingerprints['search'];
}

/** What identifies a Dockerfile's result: its text and its `.dockerignore`'s. */
export function contentHash(
  content: string,
  dockerignore: string | null,
): string {
  return sha256(`${content}\u0000${dockerignore ?? '\u0000none'}`);
}

/** A Dockerfile with what identifies it; `reused` when its last result stands. */
export function fingerprintedRead(
  location: string,
  input: DockerfileInput,
  fingerprint: DockerfileFingerprint,
  reused: boolean,
): DockerfileRead {
  return {
    location,
    input,
    fingerprint,
    check: {
      kind: 'dockerfile',
      location,
      url: fingerprint.url,
      etag: fingerprint.etag,
      hash: fingerprint.hash,
      reused,
    },
  };
}

/** The last result of `location`, reused as it is. */
export function reusedRead(
  location: string,
  result: DockerfileResult,
  fingerprint: DockerfileFingerprint,
): DockerfileRead {
  return fingerprintedRead(
    location,
    { kind: 'unchanged', result },
    fingerprint,
    true,
  );
}

/** A Dockerfile read now: reused when its text is what the last scan analysed. */
export function contentRead(
  location: string,
  content: string,
  dockerignore: string | null,
  fingerprint: DockerfileFingerprint,
  known: { fingerprint?: DockerfileFingerprint; result?: DockerfileResult },
): DockerfileRead {
  if (known.result && known.fingerprint?.hash === fingerprint.hash) {
    return reusedRead(location, known.result, fingerprint);
  }
  return fingerprintedRead(
    location,
    { kind: 'read', location, content, dockerignore },
    fingerprint,
    false,
  );
}

/** A Dockerfile that cannot be read now: its last result is shown beside the reason. */
export function unreadableRead(
  location: string,
  url: string | undefined,
  error: string,
  previous: PreviousScan | undefined,
): DockerfileRead {
  const lastResult = previous?.report.dockerfiles.find(
    d => d.location === location,
  );
  return {
    location,
    input: {
      kind: 'unreadable',
      location,
      error,
      earlier: lastResult && {
        result: lastResult,
        scannedAt: previous!.report.scannedAt,
      },
    },
    check: { kind: 'dockerfile', location, url, reused: false, error },
  };
}

/** One image as prepared for this scan. */
export interface ImageRead {
  input: ImageInput;
  /** Set when the last result stands (the tag still points at the same digest). */
  fingerprint?: ImageFingerprint;
}

/**
 * What the scan did with each image (`refs[i]`, prepared as `reads[i]`,
 * with outcome `outcomes[i]`), and the fingerprints of those that can be
 * reused next time.
 */
export function imageChecks(
  refs: string[],
  reads: ImageRead[],
  outcomes: Array<{ result?: { digest: string }; error?: string }>,
  dockerfileHash: string | undefined,
): { checks: ScanCheck[]; fingerprints: Record<string, ImageFingerprint> } {
  const fingerprints: Record<string, ImageFingerprint> = {};
  const checks = reads.map((read, i): ScanCheck => {
    const ref = refs[i];
    const outcome = outcomes[i];
    if (read.fingerprint) {
      fingerprints[ref] = read.fingerprint;
      return {
        kind: 'image',
        ref,
        digest: read.fingerprint.digest,
        reused: true,
      };
    }
    if (outcome.error)
      return { kind: 'image', ref, reused: false, error: outcome.error };
    const digest = outcome.result!.digest;
    fingerprints[ref] = { digest, dockerfileHash };
    return { kind: 'image', ref, digest, reused: false };
  });
  return { checks, fingerprints };
}

/** What identifies this scan's inputs, stored with its report for the next scan to compare. */
export function scanFingerprints(
  settings: string,
  dockerfiles: DockerfileRead[],
  images: Record<string, ImageFingerprint>,
  search: ArtifactFingerprints['search'],
): ArtifactFingerprints {
  const fingerprints: ArtifactFingerprints = {
    settings,
    dockerfiles: {},
    images,
    ...(search ? { search } : {}),
  };
  for (const read of dockerfiles) {
    if (read.fingerprint) {
      fingerprints.dockerfiles[read.location] = read.fingerprint;
    }
  }
  return fingerprints;
}
