import type { Readable } from 'node:stream';
import { RegistryAuth } from './auth';
import { sha256Digest } from './digests';
import { protocolError, RegistryError } from './errors';
import {
  fetchManifest,
  resolveManifestDigest,
  type FetchedManifest,
} from './manifests';
import type { RegistryReference } from './reference';
import { listTags } from './tags';
import {
  readLimited,
  RegistryTransport,
  type RequestStats,
  type TransportOptions,
} from './transport';
import type { RegistryConfig } from './types';

export interface RegistryClientOptions extends TransportOptions {
  /** Where a user fixes credentials for a host; appears in auth errors. */
  credentialsHint?: (host: string) => string;
}

const MAX_JSON_BLOB_BYTES = 16 * 1024 * 1024;

/**
 * An OCI Distribution (Docker Registry HTTP API v2) client: manifests and
 * blobs of the configured registries, fetched and verified. It knows nothing
 * about findings. The work is done by the transport (hosts, addresses,
 * retries, redirects), auth (challenges, tokens) and manifests modules.
 */
export class RegistryClient {
  private readonly transport: RegistryTransport;
  private readonly auth: RegistryAuth;

  constructor(options: RegistryClientOptions) {
    this.transport = new RegistryTransport(options);
    this.auth = new RegistryAuth({
      transport: this.transport,
      credentialsHint:
        options.credentialsHint ??
        (host => `imageHealth.registries[${host}].auth`),
    });
  }

  get stats(): RequestStats {
    return this.transport.stats;
  }

  async close(): Promise<void> {
    await this.transport.close();
  }

  /** The config of a host, or a RegistryError saying how to allow it. */
  registryFor(host: string): RegistryConfig {
    return this.transport.registryFor(host);
  }

  /** The manifest a tag or digest points at, with its digest verified. */
  getManifest(
    ref: RegistryReference,
    reference?: string,
  ): Promise<FetchedManifest> {
    return fetchManifest(this.transport, this.auth, ref, reference);
  }

  /** The digest a tag points at now: one HEAD request. */
  resolveDigest(ref: RegistryReference): Promise<string> {
    return resolveManifestDigest(this.transport, this.auth, ref);
  }

  /** The repository's tags, as far as the listing's bounds reach (`complete` says whether all). */
  listTags(
    ref: RegistryReference,
  ): Promise<{ tags: string[]; complete: boolean }> {
    return listTags(this.transport, this.auth, ref);
  }

  /** A small JSON blob (the image config), digest verified. */
  async getBlobJson<T>(
    ref: RegistryReference,
    digest: string,
    maxBytes = MAX_JSON_BLOB_BYTES,
  ): Promise<T> {
    const body = await this.openBlob(ref, digest);
    let bytes: Buffer;
    try {
      bytes = await readLimited(body, maxBytes);
    } catch (error) {
      throw protocolError(
        ref,
        `blob ${digest} could not be read (${(error as Error).message})`,
      );
    }
    const actual = sha256Digest(bytes);
    if (digest.startsWith('sha256:') && actual !== digest) {
      throw new RegistryError({
        kind: 'digest-mismatch',
        host: ref.host,
        repository: ref.repository,
        message: `registry ${ref.host} sent blob ${digest} of ${ref.repository} with content that hashes to ${actual}: the registry's storage may be corrupt`,
      });
    }
    try {
      return JSON.parse(bytes.toString('utf8')) as T;
    } catch {
      throw protocolError(ref, `blob ${digest} is not JSON`);
    }
  }

  /**
   * A blob's bytes as a stream, after redirects. The caller verifies the
   * digest while consuming (the layer reader hashes as it decompresses).
   */
  async openBlob(ref: RegistryReference, digest: string): Promise<Readable> {
    const res = await this.transport.send(
      ref,
      {
        method: 'GET',
        path: `/v2/${ref.repository}/blobs/${digest}`,
        kind: 'blob',
        what: `blob ${digest}`,
        followRedirects: true,
      },
      this.auth,
    );
    return res.body;
  }
}
