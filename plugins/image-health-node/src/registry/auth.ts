import type { Dispatcher } from 'undici';
import { isAddressRefusedError } from './addressPolicy';
import { protocolError, RegistryError } from './errors';
import { canonicalHost, DOCKER_HUB, type RegistryReference } from './reference';
import type { Authorizer, RegistryTransport } from './transport';
import { drain, readLimited } from './transport';
import type { RegistryConfig } from './types';

/**
 * Registry authentication (distribution's token auth spec and Basic): reading
 * 401 challenges, fetching and caching Bearer tokens per scope, and sending the
 * configured credentials only where they belong.
 */

export interface Challenge {
  scheme: string;
  params: Record<string, string>;
}

interface CachedToken {
  token: string;
  expiresAt: number;
}

/** Docker Hub names this realm; it is contacted for docker.io without being configured. */
const DOCKER_HUB_TOKEN_HOST = 'auth.docker.io';
const MAX_TOKEN_RESPONSE_BYTES = 1024 * 1024;

/** Reads a WWW-Authenticate header: scheme and parameters (quoted or not). */
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

/**
 * Why a token realm may not be contacted for a registry, or undefined when it
 * may: it must be an http(s) URL on a configured host (or Docker Hub's own
 * token service for docker.io), and an HTTPS registry's realm must be HTTPS
 * too, since the registry's credentials go to it.
 */
export function refuseTokenRealm(
  registry: { host: string; insecure?: boolean },
  realm: URL,
  isConfigured: (host: string) => boolean,
): { kind: 'not-configured' | 'protocol'; message: string } | undefined {
  if (realm.protocol !== 'https:' && realm.protocol !== 'http:') {
    return {
      kind: 'protocol',
      message: `registry ${registry.host} asks for tokens over ${realm.protocol}, which is not http(s); refused`,
    };
  }
  const known =
    isConfigured(realm.host) ||
    (canonicalHost(registry.host) === DOCKER_HUB &&
      realm.host === DOCKER_HUB_TOKEN_HOST);
  if (!known) {
    return {
      kind: 'not-configured',
      message: `registry ${registry.host} asks for tokens from ${realm.host}, which is not configured: add ${realm.host} to imageHealth.registries`,
    };
  }
  if (!registry.insecure && realm.protocol === 'http:') {
    return {
      kind: 'protocol',
      message: `registry ${registry.host} is HTTPS but asks for tokens over plain http from ${realm.host}; refused, so that credentials are never sent in clear text`,
    };
  }
  return undefined;
}

export interface RegistryAuthOptions {
  transport: RegistryTransport;
  /** Where a user fixes credentials for a host; appears in auth errors. */
  credentialsHint: (host: string) => string;
}

/** Credentials and tokens for the configured registries. */
export class RegistryAuth implements Authorizer {
  private readonly tokens = new Map<string, CachedToken>();
  /** Hosts that answered a Basic challenge: send credentials up front next time. */
  private readonly basicHosts = new Set<string>();
  private readonly transport: RegistryTransport;
  private readonly credentialsHint: (host: string) => string;

  constructor(options: RegistryAuthOptions) {
    this.transport = options.transport;
    this.credentialsHint = options.credentialsHint;
  }

  /** The Authorization header we already know to send, if any. */
  known(ref: RegistryReference): string | undefined {
    const config = this.transport.registryFor(ref.host);
    if (config.auth?.token) return `Bearer ${config.auth.token}`;
    const cached = this.tokens.get(this.tokenKey(ref, pullScope(ref)));
    if (cached && cached.expiresAt > Date.now())
      return `Bearer ${cached.token}`;
    if (this.basicHosts.has(canonicalHost(ref.host)))
      return basicCredentials(config);
    return undefined;
  }

  /** A pre-issued token is all there is: a 401 with it is final. */
  canAnswerChallenges(ref: RegistryReference): boolean {
    return !this.transport.registryFor(ref.host).auth?.token;
  }

  /** Answers a 401: Basic credentials or a Bearer token for the scope. */
  async answer(
    ref: RegistryReference,
    wwwAuthenticate: string | string[] | undefined,
  ): Promise<string> {
    const config = this.transport.registryFor(ref.host);
    // A cached token may have been revoked early: forget it and ask again.
    this.tokens.delete(this.tokenKey(ref, pullScope(ref)));
    const challenge = parseChallenge(wwwAuthenticate);
    if (!challenge)
      throw this.error(ref, 401, ' without a WWW-Authenticate challenge');
    if (challenge.scheme === 'basic') {
      const basic = basicCredentials(config);
      if (!basic)
        throw this.error(ref, 401, ' (it wants a username and password)');
      this.basicHosts.add(canonicalHost(ref.host));
      return basic;
    }
    if (challenge.scheme !== 'bearer' || !challenge.params.realm) {
      throw this.error(
        ref,
        401,
        ` with an unsupported challenge "${challenge.scheme}"`,
      );
    }
    const token = await this.fetchToken(
      ref,
      config,
      challenge.params.realm,
      challenge.params.service,
      challenge.params.scope || pullScope(ref),
    );
    return `Bearer ${token}`;
  }

  /** The error for a 401 or 403 that credentials could fix. */
  error(ref: RegistryReference, status: number, detail = ''): RegistryError {
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

  /** The error for a 403: the credentials work but may not pull. */
  forbidden(ref: RegistryReference): RegistryError {
    return new RegistryError({
      kind: 'forbidden',
      host: ref.host,
      repository: ref.repository,
      status: 403,
      message: `registry ${ref.host} answered 403 for ${
        ref.repository
      }: the credentials in ${this.credentialsHint(ref.host)} may not pull ${
        ref.repository
      }`,
    });
  }

  private tokenKey(ref: RegistryReference, scope: string): string {
    return `${canonicalHost(ref.host)}|${scope}`;
  }

  private async fetchToken(
    ref: RegistryReference,
    config: RegistryConfig,
    realm: string,
    service: string | undefined,
    scope: string,
  ): Promise<string> {
    const url = this.tokenRealmUrl(ref, config, realm);
    if (service) url.searchParams.set('service', service);
    url.searchParams.set('scope', scope);
    const res = await this.requestToken(ref, config, url);
    const { token, expiresIn } = await readTokenResponse(ref, url, res);
    // renewed a little early
    const lifetime = Math.max(expiresIn - 10, 1);
    const cached = { token, expiresAt: Date.now() + lifetime * 1000 };
    this.tokens.set(this.tokenKey(ref, scope), cached);
    this.tokens.set(this.tokenKey(ref, pullScope(ref)), cached);
    return token;
  }

  /** The challenge's realm as a URL this registry may send its credentials to (see refuseTokenRealm). */
  private tokenRealmUrl(
    ref: RegistryReference,
    config: RegistryConfig,
    realm: string,
  ): URL {
    let url: URL;
    try {
      url = new URL(realm);
    } catch {
      throw protocolError(ref, `the token realm "${realm}" is not a URL`);
    }
    const refusal = refuseTokenRealm(config, url, host =>
      this.transport.isConfigured(host),
    );
    if (refusal) {
      throw new RegistryError({
        kind: refusal.kind,
        host: ref.host,
        repository: ref.repository,
        message: refusal.message,
      });
    }
    return url;
  }

  /** Asks the token service (with the Basic credentials, if any); only a 200 answer is returned. */
  private async requestToken(
    ref: RegistryReference,
    config: RegistryConfig,
    url: URL,
  ): Promise<Dispatcher.ResponseData> {
    const basic = basicCredentials(config);
    let res: Dispatcher.ResponseData;
    try {
      res = await this.transport.fetch(url, {
        kind: 'token',
        authorization: basic,
      });
    } catch (error) {
      throw new RegistryError({
        kind: 'network',
        host: ref.host,
        repository: ref.repository,
        message: isAddressRefusedError(error)
          ? `registry ${ref.host} asks for tokens from ${url.host}: ${
              (error as Error).message
            }`
          : `token service ${url.host} of registry ${
              ref.host
            } could not be reached (${(error as Error).message})`,
      });
    }
    if (res.statusCode === 401 || res.statusCode === 403) {
      await drain(res);
      throw this.error(
        ref,
        res.statusCode,
        ` (token service ${url.host} refused the credentials)`,
      );
    }
    if (res.statusCode !== 200) {
      await drain(res);
      throw protocolError(
        ref,
        `token service ${url.host} answered ${res.statusCode}`,
      );
    }
    return res;
  }
}

/** The token and its lifetime in seconds from the token service's JSON answer. */
async function readTokenResponse(
  ref: RegistryReference,
  url: URL,
  res: Dispatcher.ResponseData,
): Promise<{ token: string; expiresIn: number }> {
  let body: { token?: string; access_token?: string; expires_in?: number };
  try {
    body = JSON.parse(
      (await readLimited(res.body, MAX_TOKEN_RESPONSE_BYTES)).toString('utf8'),
    );
  } catch {
    throw protocolError(
      ref,
      `token service ${url.host} did not answer with JSON`,
    );
  }
  const token = body.token ?? body.access_token;
  if (!token || typeof token !== 'string')
    throw protocolError(
      ref,
      `token service ${url.host} answered without a token`,
    );
  // Tokens without expires_in live 60 s (distribution's token spec).
  const expiresIn = typeof body.expires_in === 'number' ? body.expires_in : 60;
  return { token, expiresIn };
}

function pullScope(ref: RegistryReference): string {
  return `repository:${ref.repository}:pull`;
}

function basicCredentials(config: RegistryConfig): string | undefined {
  const { username, password } = config.auth ?? {};
  if (username === undefined || password === undefined) return undefined;
  return `Basic ${Buffer.from(`${username}:${password}`).toString('base64')}`;
}
