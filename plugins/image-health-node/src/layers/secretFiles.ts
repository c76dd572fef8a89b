/**
 * Which files of an image are secrets: by name, by path, or by content (a
 * private key). The tree walk in analysis.ts and the content captures ask
 * these; where packages ship sample keys is exempt.
 */

/** A home directory's path: root's or a user's (secrets and caches live under it). */
export const HOME = '(?:root|home/[^/]+)';

const SECRET_FILE_NAMES = new Set([
  '.env',
  'id_rsa',
  'id_dsa',
  'id_ecdsa',
  'id_ed25519',
  '.git-credentials',
  '.netrc',
  '.pgpass',
  'credentials.json',
  'credential.json',
  'credentials.xml',
  'password.txt',
  'application_default_credentials.json',
]);
/** Extensions dockle (CIS-DI-0010) reads as credentials; its noisy ones (.mdf, .pcap, .rdp…) left out. */
const SECRET_EXTENSIONS = [
  '.secret',
  '.ovpn',
  '.private_key',
  '.keychain',
  '.agilekeychain',
  '.psafe3',
];
const ENV_TEMPLATES = new Set(['example', 'sample', 'template', 'dist']);
const PLAIN_NAME = /^[\w.-]+$/;

/**
 * `.env` and `.env.<stage>` (not its templates), SSH keys, credential files,
 * `*private*.pem`, `*.key`, `*.p12`, `*.pfx`, dockle's credential extensions. Written as string tests, not one
 * pattern: `[\w.-]*private[\w.-]*\.pem` backtracks quadratically on a long name.
 */
export function looksLikeSecretName(name: string): boolean {
  if (SECRET_FILE_NAMES.has(name)) return true;
  if (!PLAIN_NAME.test(name)) return false;
  if (name.startsWith('.env.')) {
    const stage = name.slice('.env.'.length);
    return stage.length > 0 && !ENV_TEMPLATES.has(stage);
  }
  if (name.endsWith('.pem')) return name.includes('private');
  if (
    SECRET_EXTENSIONS.some(
      ext => name.length > ext.length && name.endsWith(ext),
    )
  )
    return true;
  return (
    name.length > 4 &&
    (name.endsWith('.key') || name.endsWith('.p12') || name.endsWith('.pfx'))
  );
}
export const SECRET_PATH = new RegExp(
  `^(?:${HOME}/\\.aws/credentials|${HOME}/\\.docker/config\\.json|${HOME}/\\.kube/config)$`,
);
/** Where packages ship sample keys and certificates; not the application's secrets. */
export const SECRET_EXEMPT =
  /^(?:usr\/(?:share|lib|include|lib64|libexec)\/|etc\/ssl\/|etc\/pki\/|usr\/local\/lib\/|proc\/|sys\/)/;
/** Components that decide SECRET_PATH (home/<user>/.docker/config.json has 4). */
export const SECRET_PATH_DEPTH = 4;
/** Components that decide SECRET_EXEMPT (usr/local/lib/ has 3). */
export const SECRET_EXEMPT_DEPTH = 3;

/** JSON files read for a key: a cloud service-account key is a few KiB; package manifests are skipped. */
const KEY_JSON_BYTES = 16 * 1024;

/**
 * Small files worth reading while streaming: they may hold a private key
 * whatever their name — key and certificate files, SSH files, and small JSON
 * files outside node_modules (a service-account key, `"private_key": "-----BEGIN…"`).
 */
export function mayHoldPrivateKey(entry: {
  path: string;
  type: string;
  size: number;
}): boolean {
  if (entry.type !== 'file' || entry.size === 0 || entry.size > 64 * 1024)
    return false;
  const keyLike =
    /(?:\.(?:pem|key|der|crt|cert)|(?:^|\/)\.ssh\/[^/]+|(?:^|\/)id_[a-z0-9]+)$/.test(
      entry.path,
    ) ||
    (entry.path.endsWith('.json') &&
      entry.size <= KEY_JSON_BYTES &&
      !entry.path.includes('node_modules/'));
  return keyLike && !SECRET_EXEMPT.test(entry.path);
}

const PRIVATE_KEY = /-----BEGIN (?:[A-Z0-9]+ )*PRIVATE KEY-----/;

export function holdsPrivateKey(content: Buffer): boolean {
  return PRIVATE_KEY.test(content.toString('latin1'));
}
