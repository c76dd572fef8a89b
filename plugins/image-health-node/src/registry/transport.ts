import type { Readable } from 'node:stream';
import { Agent, request, type Dispatcher } from 'undici';
import {
  isAddressRefusedError,
  policyLookup,
  refuseLiteralAddress,
  systemResolver,
  type HostResolver,
} from './addressPolicy';
import {
  failingRegistryError,
  notFoundError,
  protocolError,
  redirectError,
  RegistryError,
  unreachableError,
} from './errors';
import { Limiter } from './limiter';
import { apiHost, canonicalHost, type RegistryReference } from './reference';
import type { RegistryConfig } from './types';

/**
 * HTTP to the configured registries: which hosts and addresses may be
 * contacted, concurrency per registry, timeouts, retries with backoff, status
 * codes turned into errors a user can act on, and blob redirects.
 */

export interface TransportOptions {
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
  userAgent?: string;
  /**
   * DNS for hosts outside the configured registries (redirect targets, Docker
   * Hub's token service), checked by the address policy. Default: the system resolver.
   */
  resolveHost?: HostResolver;
}

/** Counts of requests, by kind, for incremental-scan checks and the benchmark. */
export interface RequestStats {
  total: number;
  byKind: Record<string, number>;
}

export type RequestKind =
  | 'manifest'
  | 'head'
  | 'blob'
  | 'token'
  | 'redirect'
  | 'tags';

/** One logical request to a registry's API. */
export interface RegistryRequest {
  method: 'GET' | 'HEAD';
  path: string;
  accept?: string;
  kind: RequestKind;
  /** What is asked for, in errors: `manifest 1.2`, `blob sha256:…`. */
  what: string;
  followRedirects?: boolean;
}

/** What the transport needs from authentication (implemented in auth.ts). */
export interface Authorizer {
  /** The Authorization header already known for the registry, if any. */
  known(ref: RegistryReference): string | undefined;
  /** False when a 401 cannot be answered with anything new (a pre-issued token). */
  canAnswerChallenges(ref: RegistryReference): boolean;
  /** The Authorization header that answers a 401's WWW-Authenticate. */
  answer(
    ref: RegistryReference,
    wwwAuthenticate: string | string[] | undefined,
  ): Promise<string>;
  /** The error for a final 401. */
  error(ref: RegistryReference, status: number): RegistryError;
  /** The error for a 403. */
  forbidden(ref: RegistryReference): RegistryError;
}

const REDIRECTS = new Set([301, 302, 303, 307, 308]);
const MAX_REDIRECTS = 5;
/** Whatever a redirect target answered: its status or error would make us its port scanner. */
const UNDELIVERED =
  'the target did not deliver the blob (what a redirect target answers is not reported)';

/** `host[:port]` as a URL's host (a default port dropped), with Docker Hub's aliases as one. */
function urlHost(host: string): string {
  return canonicalHost(host.replace(/:(?:80|443)$/, ''));
}

function sleep(ms: number): Promise<void> {
  return new Promise(resolve => setTimeout(resolve, ms));
}

export function header(
  res: Dispatcher.ResponseData,
  name: string,
): string | undefined {
  const value = res.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

/** Discards an unwanted body so the connection can be reused. */
export async function drain(res: Dispatcher.ResponseData): Promise<void> {
  try {
    await res.body.dump({ limit: 64 * 1024 });
  } catch {
    // the body is unwanted; a failure to discard it changes nothing
  }
}

/** A whole body, refused past `limit` bytes. */
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

export class RegistryTransport {
  readonly stats: RequestStats = { total: 0, byKind: {} };
  private readonly registries = new Map<string, RegistryConfig>();
  /** The configured hosts as a URL spells them (a default port dropped). */
  private readonly trustedHosts = new Set<string>();
  private readonly limiters = new Map<string, Limiter>();
  /** For the configured registries, which the operator trusts wherever they resolve. */
  private readonly trustedAgent: Agent;
  /** For every other host: its name is resolved once and must be a public address. */
  private readonly guardedAgent: Agent;
  private readonly timeoutMs: number;
  private readonly maxRetries: number;
  private readonly retryBaseMs: number;
  private readonly maxRetryAfterMs: number;
  private readonly concurrency: number;
  private readonly userAgent: string;

  constructor(options: TransportOptions) {
    for (const registry of options.registries) {
      this.registries.set(canonicalHost(registry.host), registry);
      this.trustedHosts.add(urlHost(registry.host));
    }
    this.timeoutMs = options.timeoutMs ?? 30_000;
    this.maxRetries = options.maxRetries ?? 3;
    this.retryBaseMs = options.retryBaseMs ?? 500;
    this.maxRetryAfterMs = options.maxRetryAfterMs ?? 30_000;
    this.concurrency = options.concurrencyPerRegistry ?? 4;
    this.userAgent = options.userAgent ?? 'image-health';
    this.trustedAgent = new Agent({
      keepAliveTimeout: 30_000,
      connections: this.concurrency,
    });
    this.guardedAgent = new Agent({
      keepAliveTimeout: 30_000,
      connect: {
        lookup: policyLookup(options.resolveHost ?? systemResolver),
      },
    });
  }

  async close(): Promise<void> {
    await Promise.all([this.trustedAgent.close(), this.guardedAgent.close()]);
  }

  /** Whether `host` (host[:port]) is one of the configured registries. */
  isConfigured(host: string): boolean {
    return this.trustedHosts.has(urlHost(host));
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

  /**
   * One HTTP request, no retries. A host outside the configured registries
   * must be a public address (checked here for IP literals, in the guarded
   * agent's lookup for names): otherwise an AddressRefusedError is thrown
   * before anything is sent.
   */
  async fetch(
    url: URL,
    init: {
      kind: RequestKind;
      method?: 'GET' | 'HEAD';
      accept?: string;
      authorization?: string;
    },
  ): Promise<Dispatcher.ResponseData> {
    const trusted = this.isConfigured(url.host);
    if (!trusted) {
      const refused = refuseLiteralAddress(url.hostname);
      if (refused) throw refused;
    }
    const headers: Record<string, string> = { 'user-agent': this.userAgent };
    if (init.accept) headers.accept = init.accept;
    if (init.authorization) headers.authorization = init.authorization;
    this.count(init.kind);
    return request(url, {
      method: init.method ?? 'GET',
      headers,
      dispatcher: trusted ? this.trustedAgent : this.guardedAgent,
      headersTimeout: this.timeoutMs,
      bodyTimeout: this.timeoutMs,
    });
  }

  /**
   * One logical request to a registry: auth, retries with backoff, redirects
   * for blobs. The concurrency slot is held until the returned body is
   * consumed or destroyed.
   */
  async send(
    ref: RegistryReference,
    req: RegistryRequest,
    auth: Authorizer,
  ): Promise<Dispatcher.ResponseData> {
    const config = this.registryFor(ref.host);
    const url = new URL(
      `${config.insecure ? 'http' : 'https'}://${apiHost(ref.host)}${req.path}`,
    );
    const release = await this.limiter(canonicalHost(ref.host)).acquire();
    let handedOver = false;
    try {
      const { res, authorization } = await this.fetchWithRetries(
        ref,
        config,
        url,
        req,
        auth,
      );
      const status = res.statusCode;
      if (status === 401 || status === 403) {
        await drain(res);
        throw status === 401 ? auth.error(ref, 401) : auth.forbidden(ref);
      }
      if (status === 404) {
        await drain(res);
        throw notFoundError(ref, req.what);
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
        throw protocolError(ref, `${req.what} answered ${status}`);
      }
      handedOver = true;
      res.body.once('close', release);
      if (req.method === 'HEAD') release();
      return res;
    } finally {
      if (!handedOver) release();
    }
  }

  /**
   * Sends until the registry's answer is final: a 401 challenge is answered
   * once; dropped connections, 429 and 5xx are retried with backoff until the
   * retries run out. Returns that answer and the Authorization it was sent with.
   */
  private async fetchWithRetries(
    ref: RegistryReference,
    config: RegistryConfig,
    url: URL,
    req: RegistryRequest,
    auth: Authorizer,
  ): Promise<{
    res: Dispatcher.ResponseData;
    authorization: string | undefined;
  }> {
    let authorization = auth.known(ref);
    let authRetried = false;
    for (let attempt = 0; ; attempt++) {
      let res: Dispatcher.ResponseData;
      try {
        res = await this.fetch(url, {
          kind: req.kind,
          method: req.method,
          accept: req.accept,
          authorization,
        });
      } catch (error) {
        if (attempt < this.maxRetries) {
          await sleep(this.retryDelay(undefined, attempt));
          continue;
        }
        throw unreachableError(ref, config, error as Error, this.timeoutMs);
      }
      const status = res.statusCode;
      if (status === 401 && !authRetried && auth.canAnswerChallenges(ref)) {
        const challenge = res.headers['www-authenticate'];
        await drain(res);
        authorization = await auth.answer(ref, challenge);
        authRetried = true;
        attempt--;
        continue;
      }
      if (status === 429 || status >= 500) {
        const delay = this.retryDelay(res, attempt);
        await drain(res);
        if (attempt < this.maxRetries && delay <= this.maxRetryAfterMs) {
          await sleep(delay);
          continue;
        }
        throw failingRegistryError(ref, status, attempt + 1);
      }
      return { res, authorization };
    }
  }

  /**
   * Follows blob redirects. Every hop is checked: http(s) only, never from
   * https down to http, and the address policy for hosts outside the
   * configured registries. Authorization goes only to the registry's own
   * origin. A target's own answer (status, error) is never put in the error:
   * it would make the registry a scanner of whatever it redirects us to.
   */
  private async followRedirects(
    ref: RegistryReference,
    from: URL,
    firstLocation: string | undefined,
    authorization: string | undefined,
  ): Promise<Dispatcher.ResponseData> {
    let current = from;
    let location = firstLocation;
    for (let hop = 0; hop < MAX_REDIRECTS; hop++) {
      if (!location) throw redirectError(ref, 'a redirect without a Location');
      let target: URL;
      try {
        target = new URL(location, current);
      } catch {
        throw redirectError(ref, `a redirect to an invalid URL`);
      }
      if (target.protocol !== 'https:' && target.protocol !== 'http:') {
        throw redirectError(ref, `a redirect to a ${target.protocol} URL`);
      }
      if (current.protocol === 'https:' && target.protocol === 'http:') {
        throw redirectError(
          ref,
          `a redirect from https to plain http (${target.host})`,
        );
      }
      let res: Dispatcher.ResponseData;
      try {
        res = await this.fetch(target, {
          kind: 'redirect',
          authorization:
            target.origin === from.origin ? authorization : undefined,
        });
      } catch (error) {
        if (isAddressRefusedError(error)) {
          throw redirectError(
            ref,
            `a redirect to ${target.host}`,
            error.message,
          );
        }
        throw redirectError(ref, `a redirect to ${target.host}`, UNDELIVERED);
      }
      if (REDIRECTS.has(res.statusCode)) {
        current = target;
        location = header(res, 'location');
        await drain(res);
        continue;
      }
      if (res.statusCode !== 200) {
        await drain(res);
        throw redirectError(ref, `a redirect to ${target.host}`, UNDELIVERED);
      }
      return res;
    }
    throw redirectError(ref, `more than ${MAX_REDIRECTS} redirects`);
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
}
