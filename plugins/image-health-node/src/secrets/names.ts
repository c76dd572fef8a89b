/**
 * Which names hold a secret: environment variables, build arguments, label
 * keys and command-line flags alike (`DB_PASSWORD`, `com.acme.api-token`,
 * `--password`). Separators are read as `_`, case is ignored.
 */

const SECRET_WORDS =
  /(?:PASSWORD|PASSWD|PASSPHRASE|SECRET|TOKEN|API_?KEY|ACCESS_?KEY|PRIVATE_?KEY|CREDENTIALS?|AUTH_?KEY)/;
/** Names that point at a secret, or verify signatures, rather than hold one. */
const NOT_SECRET =
  /(?:_FILE|_PATH|_DIR|_URL_FILE|_ID|_STDIN)$|^GPG_KEYS?$|KEYRING/;

/** Whether a name may hold a secret, for redaction: when in doubt, redact. */
export function isSecretName(name: string): boolean {
  const normal = name.toUpperCase().replace(/[^A-Z0-9]+/g, '_');
  return SECRET_WORDS.test(normal) && !NOT_SECRET.test(normal);
}

const SECRET_NAME_WORDS = new Set([
  'password',
  'passwd',
  'pword',
  'pwd',
  'secret',
  'token',
  'apikey',
  'credential',
  'credentials',
  'privatekey',
  // A personal access token (GITHUB_PAT, AZURE_DEVOPS_PAT, NUGET_PAT).
  'pat',
]);
const SECRET_NAME_PAIRS =
  /(api|private|secret|access|auth|client|signing|encryption|ssh|deploy)_?key$/i;

/**
 * Whether a name's own words say it holds a secret (`DB_PASSWORD`,
 * `GITHUB_TOKEN`, `AWS_SECRET_ACCESS_KEY`): narrower than isSecretName, for
 * findings (secret-in-env-arg), where a name that only might hold a secret
 * would be a wrong warning; redaction uses isSecretName and errs the other way.
 */
export function namesASecret(name: string): boolean {
  const words = nameWords(name);
  if (
    words.some(
      w => w === 'public' || w === 'file' || w === 'path' || w === 'gpg',
    )
  )
    return false;
  return (
    words.some(w => SECRET_NAME_WORDS.has(w)) || SECRET_NAME_PAIRS.test(name)
  );
}

/**
 * A name's words in lower case, split at `_`, `-`, `.` and where a lower-case
 * letter or digit meets an upper-case one (`dbPassword` → db, password). One
 * pass over the name: two regular-expression passes and a split, with the
 * redaction of values, were a third of secret-in-env-arg's time (2.7 → 1.8 ms
 * per corpus pass); it reads every ENV and ARG name.
 */
function nameWords(name: string): string[] {
  const words: string[] = [];
  let start = 0;
  for (let i = 0; i < name.length; i++) {
    const c = name[i];
    if (c === '_' || c === '-' || c === '.') {
      if (i > start) words.push(name.slice(start, i).toLowerCase());
      start = i + 1;
    } else if (
      c >= 'A' &&
      c <= 'Z' &&
      i > start &&
      isLowerOrDigit(name[i - 1])
    ) {
      words.push(name.slice(start, i).toLowerCase());
      start = i;
    }
  }
  if (start < name.length) words.push(name.slice(start).toLowerCase());
  return words;
}

function isLowerOrDigit(c: string): boolean {
  return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
}
