import { createHash } from 'node:crypto';
import { isIP } from 'node:net';
import { lookup as dnsLookup } from 'node:dns';
import type { Readable } from 'node:stream';
import { Agent, request, type Dispatcher } from 'undici';
import { RegistryError } from './errors';
import {
  MANIFEST_ACCEPT,
  ManifestFormatError,
  parseManifest,
  type AnyManifest,
} from './manifest';
import {
  apiHost,
  canonicalHost,
  DOCKER_HUB,
  type RegistryReference,
} from './reference';
import type { RegistryConfig } from './types';

export interface RegistryClientOptions {
  /** The only hosts contacted (plus the token realms and blob redirects they name). */
  registries: RegistryConfig[];
  /** Per request: time to the response headers, and the longest pause in a body. Default 30 s. */
  timeoutMs?: number;
  /** Retries on 429, 5xx and dropped connections. Default 3. */
  maxRetries?: number;
  /** First backoff; doubles per retry, with jitter. Default 500 ms. */
  retryBaseMs?: number;
  /** A Retry-After longer than this fails the request instead of waiting. Default 30 s. */
  maxRetryAfterMs?: number;
  /** Requests in flight per registry. Default 4. */
  concurrencyPerRegistry?: number;
  /** Where a user fixes credentials for a host; appears in auth errors. */
  credentialsHint?: (host: string) => string;
  userAgent?: string;
}

export interface FetchedManifest {
  manifest: AnyManifest;
  digest: string;
  /** The exact bytes the digest covers. */
  bytes: Buffer;
}

/** Counts of requests, by kind, for incremental-scan checks and the benchmark. */
export interface RequestStats {
  total: number;
  byKind: Record<string, number>;
}

type RequestKind = 'manifest' | 'head' | 'blob' | 'token' | 'redirect';

interface CachedToken {
  token: string;
  expiresAt: number;
}

interface Challenge {
  scheme: string;
  params: Record<string, string>;
}

const REDIRECTS = new Set([301, 302, 303, 307, 308]);
const MAX_REDIRECTS = 5;
const MAX_MANIFEST_BYTES = 4 * 1024 * 1024;
const DOCKER_HUB_TOKEN_HOST = 'auth.docker.io';

/** A counting semaphore: the per-registry concurrency limit. */
class Limiter {
  private active = 0;
  private readonly waiting: Array<() => void> = [];
  constructor(private readonly limit: number) {}

  async acquire(): Promise<() => void> {
    if (this.active >= this.limit) {
      await new Promise<void>(resolve => this.waiting.push(resolve));
    }
    this.active++;
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.active--;
      this.waiting.shift()?.();
    };
  }
}

export function parseChallenge(
  wwwAuthenticate: string | string[] | undefined,
): Challenge | undefined {
  const value = Array.isArray(wwwAuthenticate)
    ? wwwAuthenticate[0]
    : wwwAuthenticate;
  if (!value) return undefined;
  const match = /^\s*(\w+)\s*(.*)$/s.exec(value);
  if (!match) return undefined;
  const params: Record<string, string> = {};
  const re = /([\w-]+)\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^,\s]*))/g;
  for (let m = re.exec(match[2]); m; m = re.exec(match[2])) {
    params[m[1].toLowerCase()] =
      m[2] !== undefined ? m[2].replace(/\\(.)/g, '$1') : m[3];
  }
  return { scheme: match[1].toLowerCase(), params };
}

/** 169.254.0.0/16 and fe80::/10: cloud metadata endpoints live there. */
export function isLinkLocalAddress(address: string): boolean {
  const host = address.replace(/^\[|\]$/g, '');
  const v4 = /^(?:::ffff:)?(\d+)\.(\d+)\.\d+\.\d+$/i.exec(host);
  if (v4) return Number(v4[1]) === 169 && Number(v4[2]) === 254;
  if (isIP(host) === 6) return /^fe[89ab][0-9a-f]:/i.test(host);
  return false;
}

function sleep(ms: number): Promise<void> {
  return new Promise(resolve => setTimeout(resolve, ms));
}

function header(
  res: Dispatcher.ResponseData,
  name: string,
): string | undefined {
  const value = res.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

async function drain(res: Dispatcher.ResponseData): Promise<void> {
  try {
    await res.body.dump({ limit: 64 * 1024 });
  } catch {
    // the body is unwanted; a failure to discard it changes nothing
  }
}

export async function readLimited(
  body: Readable,
  limit: number,
): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let total = 0;
  for await (const chunk of body) {
    total += chunk.length;
    if (total > limit) {
      body.destroy();
      throw new Error(`larger than ${limit} bytes`);
    }
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

export function sha256Digest(bytes: Buffer): string {
  return `sha256:${createHash('sha256').update(bytes).digest('hex')}`;
}

/**
 * An OCI Distribution (Docker Registry HTTP API v2) client: auth, manifests,
 * blobs. It knows nothing about findings; it only fetches and verifies.
 */
export class RegistryClient {
  private readonly registries = new Map<string, RegistryConfig>();
  private readonly limiters = new Map<string, Limiter>();
  private readonly tokens = new Map<string, CachedToken>();
  /** Hosts that answered a Basic challenge: send credentials up front next time. */
  private readonly basicHosts = new Set<string>();
  private readonly agent: Agent;
  private readonly redirectAgent: Agent;
  private readonly timeoutMs: number;
  private readonly maxRetries: number;
  private readonly retryBaseMs: number;
  private readonly maxRetryAfterMs: number;
  private readonly concurrency: number;
  private readonly credentialsHint: (host: string) => string;
  private readonly userAgent: string;
  readonly stats: RequestStats = { total: 0, byKind: {} };

  constructor(options: RegistryClientOptions) {
    for (const registry of options.registries) {
      this.registries.set(canonicalHost(registry.host), registry);
    }
    this.timeoutMs = options.timeoutMs ?? 30_000;
    this.maxRetries = options.maxRetries ?? 3;
    this.retryBaseMs = options.retryBaseMs ?? 500;
    this.maxRetryAfterMs = options.maxRetryAfterMs ?? 30_000;
    this.concurrency = options.concurrencyPerRegistry ?? 4;
    this.credentialsHint =
      options.credentialsHint ??
      (host => `imageHealth.registries[${host}].auth`);
    this.userAgent = options.userAgent ?? 'image-health';
    this.agent = new Agent({
      keepAliveTimeout: 30_000,
      connections: this.concurrency,
    });
    // Redirect targets are chosen by the registry: refuse ones that resolve to link-local addresses.
    this.redirectAgent = new Agent({
      keepAliveTimeout: 30_000,
      connect: {
        lookup: (hostname, opts, callback) =>
          dnsLookup(hostname, { ...opts, all: true }, (err, addresses) => {
            if (err) return callback(err, '', 0);
            const list = addresses as unknown as Array<{
              address: string;
              family: number;
            }>;
            const bad = list.find(a => isLinkLocalAddress(a.address));
            if (bad) {
              return callback(
                new Error(
                  `${hostname} resolves to the link-local address ${bad.address}`,
                ),
                '',
                0,
              );
            }
            if ((opts as { all?: boolean }).all)
              return (callback as any)(null, list);
            return callback(null, list[0].address, list[0].family);
          }),
      },
    });
  }

  async close(): Promise<void> {
    await Promise.all([this.agent.close(), this.redirectAgent.close()]);
  }

  /** The config of a host, or a RegistryError saying how to allow it. */
  registryFor(host: string): RegistryConfig {
    const config = this.registries.get(canonicalHost(host));
    if (!config) {
      throw new RegistryError({
        kind: 'not-configured',
        host,
        message: `registry ${host} is not configured: add it to imageHealth.registries (the only hosts Image Health contacts)`,
      });
    }
    return config;
  }

  /** The manifest a tag or digest points at, with its digest verified. */
  async getManifest(
    ref: RegistryReference,
    reference?: string,
  ): Promise<FetchedManifest> {
    const target = reference ?? ref.digest ?? ref.tag ?? 'latest';
    const res = await this.send(ref, {
      method: 'GET',
      path: `/v2/${ref.repository}/manifests/${target}`,
      accept: MANIFEST_ACCEPT,
      kind: 'manifest',
      what: `manifest ${target}`,
    });
    let bytes: Buffer;
    try {
      bytes = await readLimited(res.body, MAX_MANIFEST_BYTES);
    } catch (error) {
      throw this.protocolError(
        ref,
        `the manifest ${target} could not be read (${
          (error as Error).message
        })`,
      );
    }
    const actual = sha256Digest(bytes);
    const expected = target.includes(':')
      ? target
      : header(res, 'docker-content-digest');
    if (expected && expected.startsWith('sha256:') && expected !== actual) {
      throw new RegistryError({
        kind: 'digest-mismatch',
        host: ref.host,
        repository: ref.repository,
        message: `registry ${ref.host} sent a manifest for ${ref.repository} whose content does not match its digest ${expected} (got ${actual}): the registry's storage may be corrupt`,
      });
    }
    let manifest: AnyManifest;
    try {
      manifest = parseManifest(bytes, header(res, 'content-type'));
    } catch (error) {
      if (error instanceof ManifestFormatError) {
        throw this.protocolError(
          ref,
          `the manifest ${target} cannot be read: ${error.message}`,
        );
      }
      throw error;
    }
    return {
      manifest,
      digest: expected && expected.startsWith('sha256:') ? expected : actual,
      bytes,
    };
  }

  /** The digest a tag points at now: one HEAD request. */
  async resolveDigest(ref: RegistryReference): Promise<string> {
    if (ref.digest) return ref.digest;
    const target = ref.tag ?? 'latest';
    const res = await this.send(ref, {
      method: 'HEAD',
      path: `/v2/${ref.repository}/manifests/${target}`,
      accept: MANIFEST_ACCEPT,
      kind: 'head',
      what: `manifest ${target}`,
    });
    await drain(res);
    const digest = header(res, 'docker-content-digest');
    if (digest) return digest;
    // Registries need not send the header; the body's hash is the digest.
    return (await this.getManifest(ref, target)).digest;
  }

  /** A small JSON blob (the image config), digest verified. */
  async getBlobJson<T>(
    ref: RegistryReference,
    digest: string,
    maxBytes = 16 * 1024 * 1024,
  ): Promise<T> {
    const body = await this.openBlob(ref, digest);
    let bytes: Buffer;
    try {
      bytes = await readLimited(body, maxBytes);
    } catch (error) {
      throw this.protocolError(
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
      throw this.protocolError(ref, `blob ${digest} is not JSON`);
    }
  }

  /**
   * A blob's bytes as a stream, after redirects. The caller verifies the
   * digest while consuming (the layer reader hashes as it decompresses).
   */
  async openBlob(ref: RegistryReference, digest: string): Promise<Readable> {
    const res = await this.send(ref, {
      method: 'GET',
      path: `/v2/${ref.repository}/blobs/${digest}`,
      kind: 'blob',
      what: `blob ${digest}`,
      followRedirects: true,
    });
    return res.body;
  }

  private protocolError(ref: RegistryReference, reason: string): RegistryError {
    return new RegistryError({
      kind: 'protocol',
      host: ref.host,
      repository: ref.repository,
      message: `registry ${ref.host} for ${ref.repository}: ${reason}`,
    });
  }

  private count(kind: RequestKind): void {
    this.stats.total++;
    this.stats.byKind[kind] = (this.stats.byKind[kind] ?? 0) + 1;
  }

  private limiter(host: string): Limiter {
    let limiter = this.limiters.get(host);
    if (!limiter) {
      limiter = new Limiter(this.concurrency);
      this.limiters.set(host, limiter);
    }
    return limiter;
  }

  private baseUrl(ref: RegistryReference): string {
    const config = this.registryFor(ref.host);
    return `${config.insecure ? 'http' : 'https'}://${apiHost(ref.host)}`;
  }

  private scope(ref: RegistryReference): string {
    return `repository:${ref.repository}:pull`;
  }

  private basicCredentials(config: RegistryConfig): string | undefined {
    const { username, password } = config.auth ?? {};
    if (username === undefined || password === undefined) return undefined;
    return `Basic ${Buffer.from(`${username}:${password}`).toString('base64')}`;
  }

  /** The Authorization header we already know to send, if any. */
  private knownAuthorization(
    ref: RegistryReference,
    config: RegistryConfig,
  ): string | undefined {
    const host = canonicalHost(ref.host);
    if (config.auth?.token) return `Bearer ${config.auth.token}`;
    const cached = this.tokens.get(`${host}|${this.scope(ref)}`);
    if (cached && cached.expiresAt > Date.now())
      return `Bearer ${cached.token}`;
    if (this.basicHosts.has(host)) return this.basicCredentials(config);
    return undefined;
  }

  private authError(
    ref: RegistryReference,
    status: number,
    detail = '',
  ): RegistryError {
    return new RegistryError({
      kind: 'auth',
      host: ref.host,
      repository: ref.repository,
      status,
      message: `registry ${ref.host} answered ${status} for ${
        ref.repository
      }${detail}: check ${this.credentialsHint(ref.host)}`,
    });
  }

  /** Answers a 401 challenge: Basic credentials or a Bearer token for the scope. */
  private async authorize(
    ref: RegistryReference,
    config: RegistryConfig,
    challenge: Challenge | undefined,
  ): Promise<string> {
    const host = canonicalHost(ref.host);
    if (!challenge)
      throw this.authError(ref, 401, ' without a WWW-Authenticate challenge');
    if (challenge.scheme === 'basic') {
      const basic = this.basicCredentials(config);
      if (!basic)
        throw this.authError(ref, 401, ' (it wants a username and password)');
      this.basicHosts.add(host);
      return basic;
    }
    if (challenge.scheme !== 'bearer' || !challenge.params.realm) {
      throw this.authError(
        ref,
        401,
        ` with an unsupported challenge "${challenge.scheme}"`,
      );
    }
    const scope = challenge.params.scope || this.scope(ref);
    const token = await this.fetchToken(
      ref,
      config,
      challenge.params.realm,
      challenge.params.service,
      scope,
    );
    return `Bearer ${token}`;
  }

  private async fetchToken(
    ref: RegistryReference,
    config: RegistryConfig,
    realm: string,
    service: string | undefined,
    scope: string,
  ): Promise<string> {
    let url: URL;
    try {
      url = new URL(realm);
    } catch {
      throw this.protocolError(ref, `the token realm "${realm}" is not a URL`);
    }
    const realmHost = canonicalHost(url.host);
    const allowed =
      (url.protocol === 'https:' || url.protocol === 'http:') &&
      (this.registries.has(realmHost) ||
        (canonicalHost(ref.host) === DOCKER_HUB &&
          url.host === DOCKER_HUB_TOKEN_HOST));
    if (!allowed) {
      throw new RegistryError({
        kind: 'not-configured',
        host: ref.host,
        repository: ref.repository,
        message: `registry ${ref.host} asks for tokens from ${url.host}, which is not configured: add ${url.host} to imageHealth.registries`,
      });
    }
    if (service) url.searchParams.set('service', service);
    url.searchParams.set('scope', scope);
    const headers: Record<string, string> = { 'user-agent': this.userAgent };
    const basic = this.basicCredentials(config);
    if (basic) headers.authorization = basic;
    this.count('token');
    let res: Dispatcher.ResponseData;
    try {
      res = await request(url, {
        method: 'GET',
        headers,
        dispatcher: this.agent,
        headersTimeout: this.timeoutMs,
        bodyTimeout: this.timeoutMs,
      });
    } catch (error) {
      throw new RegistryError({
        kind: 'network',
        host: ref.host,
        repository: ref.repository,
        message: `token service ${url.host} of registry ${
          ref.host
        } could not be reached (${(error as Error).message})`,
      });
    }
    if (res.statusCode === 401 || res.statusCode === 403) {
      await drain(res);
      throw this.authError(
        ref,
        res.statusCode,
        ` (token service ${url.host} refused the credentials)`,
      );
    }
    if (res.statusCode !== 200) {
      await drain(res);
      throw this.protocolError(
        ref,
        `token service ${url.host} answered ${res.statusCode}`,
      );
    }
    let body: { token?: string; access_token?: string; expires_in?: number };
    try {
      body = JSON.parse(
        (await readLimited(res.body, 1024 * 1024)).toString('utf8'),
      );
    } catch {
      throw this.protocolError(
        ref,
        `token service ${url.host} did not answer with JSON`,
      );
    }
    const token = body.token ?? body.access_token;
    if (!token)
      throw this.protocolError(
        ref,
        `token service ${url.host} answered without a token`,
      );
    // Tokens without expires_in live 60 s (distribution's token spec); renew a little early.
    const lifetime = Math.max((body.expires_in ?? 60) - 10, 1);
    this.tokens.set(`${canonicalHost(ref.host)}|${scope}`, {
      token,
      expiresAt: Date.now() + lifetime * 1000,
    });
    if (scope !== this.scope(ref)) {
      this.tokens.set(`${canonicalHost(ref.host)}|${this.scope(ref)}`, {
        token,
        expiresAt: Date.now() + lifetime * 1000,
      });
    }
    return token;
  }

  private retryDelay(
    res: Dispatcher.ResponseData | undefined,
    attempt: number,
  ): number {
    const retryAfter = res && header(res, 'retry-after');
    if (retryAfter) {
      const seconds = Number(retryAfter);
      if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
      const date = Date.parse(retryAfter);
      if (!Number.isNaN(date)) return Math.max(0, date - Date.now());
    }
    const base = this.retryBaseMs * 2 ** attempt;
    return base / 2 + Math.random() * (base / 2);
  }

  /**
   * One logical request: auth, retries with backoff, redirects for blobs. The
   * concurrency slot is held until the returned body is consumed or destroyed.
   */
  private async send(
    ref: RegistryReference,
    req: {
      method: 'GET' | 'HEAD';
      path: string;
      accept?: string;
      kind: RequestKind;
      what: string;
      followRedirects?: boolean;
    },
  ): Promise<Dispatcher.ResponseData> {
    const config = this.registryFor(ref.host);
    const url = `${this.baseUrl(ref)}${req.path}`;
    const release = await this.limiter(canonicalHost(ref.host)).acquire();
    let handedOver = false;
    try {
      let authorization = this.knownAuthorization(ref, config);
      let authRetried = false;
      for (let attempt = 0; ; attempt++) {
        const headers: Record<string, string> = {
          'user-agent': this.userAgent,
        };
        if (req.accept) headers.accept = req.accept;
        if (authorization) headers.authorization = authorization;
        this.count(req.kind);
        let res: Dispatcher.ResponseData | undefined;
        let networkError: Error | undefined;
        try {
          res = await request(url, {
            method: req.method,
            headers,
            dispatcher: this.agent,
            headersTimeout: this.timeoutMs,
            bodyTimeout: this.timeoutMs,
          });
        } catch (error) {
          networkError = error as Error;
        }
        if (networkError || !res) {
          if (attempt < this.maxRetries) {
            await sleep(this.retryDelay(undefined, attempt));
            continue;
          }
          const timedOut =
            /timeout/i.test(networkError?.name ?? '') ||
            /timeout/i.test(networkError?.message ?? '');
          throw new RegistryError({
            kind: timedOut ? 'timeout' : 'network',
            host: ref.host,
            repository: ref.repository,
            message: `registry ${ref.host} could not be reached for ${
              ref.repository
            } (${
              timedOut
                ? `no answer within ${this.timeoutMs} ms`
                : networkError?.message
            }): check that ${ref.host} is up and reachable${
              config.insecure
                ? ''
                : ', and whether it needs insecure: true (plain http)'
            }`,
          });
        }
        const status = res.statusCode;
        if (status === 401 && !authRetried && !config.auth?.token) {
          const challenge = parseChallenge(res.headers['www-authenticate']);
          await drain(res);
          // A cached token may have been revoked early: forget it and ask again once.
          this.tokens.delete(`${canonicalHost(ref.host)}|${this.scope(ref)}`);
          authorization = await this.authorize(ref, config, challenge);
          authRetried = true;
          attempt--;
          continue;
        }
        if (status === 401) {
          await drain(res);
          throw this.authError(ref, 401);
        }
        if (status === 403) {
          await drain(res);
          throw new RegistryError({
            kind: 'forbidden',
            host: ref.host,
            repository: ref.repository,
            status,
            message: `registry ${ref.host} answered 403 for ${
              ref.repository
            }: the credentials in ${this.credentialsHint(
              ref.host,
            )} may not pull ${ref.repository}`,
          });
        }
        if (status === 404) {
          await drain(res);
          throw new RegistryError({
            kind: 'not-found',
            host: ref.host,
            repository: ref.repository,
            status,
            message: `registry ${ref.host} has no ${req.what} in ${ref.repository}: check the image reference`,
          });
        }
        if (status === 429 || status >= 500) {
          const delay = this.retryDelay(res, attempt);
          await drain(res);
          if (attempt < this.maxRetries && delay <= this.maxRetryAfterMs) {
            await sleep(delay);
            continue;
          }
          throw new RegistryError({
            kind: status === 429 ? 'rate-limited' : 'server',
            host: ref.host,
            repository: ref.repository,
            status,
            message:
              status === 429
                ? `registry ${ref.host} answered 429 (too many requests) for ${
                    ref.repository
                  } after ${
                    attempt + 1
                  } attempts: lower imageHealth.concurrency or scan less often`
                : `registry ${ref.host} answered ${status} for ${
                    ref.repository
                  } after ${
                    attempt + 1
                  } attempts: the registry is failing, try again later`,
          });
        }
        if (REDIRECTS.has(status) && req.followRedirects) {
          const location = header(res, 'location');
          await drain(res);
          const final = await this.followRedirects(
            ref,
            url,
            location,
            authorization,
          );
          handedOver = true;
          final.body.once('close', release);
          return final;
        }
        if (status < 200 || status >= 300) {
          await drain(res);
          throw this.protocolError(ref, `${req.what} answered ${status}`);
        }
        handedOver = true;
        res.body.once('close', release);
        if (req.method === 'HEAD') release();
        return res;
      }
    } finally {
      if (!handedOver) release();
    }
  }

  /** Follows blob redirects; Authorization goes only to the registry's own origin. */
  private async followRedirects(
    ref: RegistryReference,
    from: string,
    firstLocation: string | undefined,
    authorization: string | undefined,
  ): Promise<Dispatcher.ResponseData> {
    const origin = new URL(from).origin;
    let current = from;
    let location = firstLocation;
    for (let hop = 0; hop < MAX_REDIRECTS; hop++) {
      if (!location)
        throw this.redirectError(ref, 'a redirect without a Location');
      let target: URL;
      try {
        target = new URL(location, current);
      } catch {
        throw this.redirectError(ref, `a redirect to an invalid URL`);
      }
      if (target.protocol !== 'https:' && target.protocol !== 'http:') {
        throw this.redirectError(ref, `a redirect to a ${target.protocol} URL`);
      }
      if (
        new URL(current).protocol === 'https:' &&
        target.protocol === 'http:'
      ) {
        throw this.redirectError(
          ref,
          `a redirect from https to plain http (${target.host})`,
        );
      }
      if (isLinkLocalAddress(target.hostname)) {
        throw this.redirectError(
          ref,
          `a redirect to the link-local address ${target.hostname}`,
        );
      }
      const headers: Record<string, string> = { 'user-agent': this.userAgent };
      if (authorization && target.origin === origin)
        headers.authorization = authorization;
      this.count('redirect');
      let res: Dispatcher.ResponseData;
      try {
        res = await request(target, {
          method: 'GET',
          headers,
          dispatcher:
            target.origin === origin ? this.agent : this.redirectAgent,
          headersTimeout: this.timeoutMs,
          bodyTimeout: this.timeoutMs,
        });
      } catch (error) {
        throw this.redirectError(
          ref,
          `a redirect to ${target.host}, which failed (${
            (error as Error).message
          })`,
        );
      }
      if (REDIRECTS.has(res.statusCode)) {
        current = target.toString();
        location = header(res, 'location');
        await drain(res);
        continue;
      }
      if (res.statusCode !== 200) {
        await drain(res);
        throw this.redirectError(
          ref,
          `a redirect to ${target.host}, which answered ${res.statusCode}`,
        );
      }
      return res;
    }
    throw this.redirectError(ref, `more than ${MAX_REDIRECTS} redirects`);
  }

  private redirectError(ref: RegistryReference, what: string): RegistryError {
    return new RegistryError({
      kind: 'redirect',
      host: ref.host,
      repository: ref.repository,
      message: `registry ${ref.host} answered a blob request for ${ref.repository} with ${what}; refused`,
    });
  }
}
