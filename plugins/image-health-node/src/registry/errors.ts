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
