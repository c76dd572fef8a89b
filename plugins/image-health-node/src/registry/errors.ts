/** Why a registry operation failed, as a value a user can act on. */
export type RegistryErrorKind =
  | 'not-configured'
  | 'auth'
  | 'forbidden'
  | 'not-found'
  | 'rate-limited'
  | 'server'
  | 'network'
  | 'timeout'
  | 'protocol'
  | 'digest-mismatch'
  | 'redirect'
  | 'unsupported';

/**
 * A failure talking to a registry or reading a local image. The message names
 * the registry, the repository and what to check; it never carries credentials.
 */
export class RegistryError extends Error {
  readonly kind: RegistryErrorKind;
  readonly host: string;
  readonly repository?: string;
  readonly status?: number;

  constructor(options: {
    kind: RegistryErrorKind;
    host: string;
    repository?: string;
    status?: number;
    message: string;
  }) {
    super(options.message);
    this.name = 'RegistryError';
    this.kind = options.kind;
    this.host = options.host;
    this.repository = options.repository;
    this.status = options.status;
  }
}

export function isRegistryError(error: unknown): error is RegistryError {
  return error instanceof RegistryError;
}

/** A registry answered something that is not the protocol: the reason, never the body. */
export function protocolError(
  ref: { host: string; repository: string },
  reason: string,
): RegistryError {
  return new RegistryError({
    kind: 'protocol',
    host: ref.host,
    repository: ref.repository,
    message: `registry ${ref.host} for ${ref.repository}: ${reason}`,
  });
}

/** The registry has no such manifest or blob. */
export function notFoundError(
  ref: { host: string; repository: string },
  what: string,
): RegistryError {
  return new RegistryError({
    kind: 'not-found',
    host: ref.host,
    repository: ref.repository,
    status: 404,
    message: `registry ${ref.host} has no ${what} in ${ref.repository}: check the image reference`,
  });
}

/** 429 or 5xx after every retry. */
export function failingRegistryError(
  ref: { host: string; repository: string },
  status: number,
  attempts: number,
): RegistryError {
  return new RegistryError({
    kind: status === 429 ? 'rate-limited' : 'server',
    host: ref.host,
    repository: ref.repository,
    status,
    message:
      status === 429
        ? `registry ${ref.host} answered 429 (too many requests) for ${ref.repository} after ${attempts} attempts: lower imageHealth.concurrency or scan less often`
        : `registry ${ref.host} answered ${status} for ${ref.repository} after ${attempts} attempts: the registry is failing, try again later`,
  });
}

/** A configured registry that did not answer (its own error is shown: the operator chose that host). */
export function unreachableError(
  ref: { host: string; repository: string },
  config: { insecure?: boolean },
  error: Error,
  timeoutMs: number,
): RegistryError {
  const timedOut = /timeout/i.test(`${error.name} ${error.message}`);
  return new RegistryError({
    kind: timedOut ? 'timeout' : 'network',
    host: ref.host,
    repository: ref.repository,
    message: `registry ${ref.host} could not be reached for ${
      ref.repository
    } (${
      timedOut ? `no answer within ${timeoutMs} ms` : error.message
    }): check that ${ref.host} is up and reachable${
      config.insecure
        ? ''
        : ', and whether it needs insecure: true (plain http)'
    }`,
  });
}

/** A blob redirect that was refused or did not deliver. */
export function redirectError(
  ref: { host: string; repository: string },
  what: string,
  outcome = 'refused',
): RegistryError {
  return new RegistryError({
    kind: 'redirect',
    host: ref.host,
    repository: ref.repository,
    message: `registry ${ref.host} answered a blob request for ${ref.repository} with ${what}; ${outcome}`,
  });
}
