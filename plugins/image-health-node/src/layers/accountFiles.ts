import type { ImageFileTree } from './filetree';
import type { TarEntry } from './tar';

/**
 * The account files of an image (/etc/passwd, /etc/group, /etc/shadow), read
 * from the layer that wrote the copy the final filesystem holds, and what
 * dockle's account checks (DKL-LI-0001, DKL-LI-0002) ask of them. The files
 * are hostile input: only copies up to ACCOUNT_FILE_MAX_BYTES are read, no
 * pattern is built from them, and only account names and ids come out —
 * never a password field.
 */

/** Larger account files are not read (the tar reader captures at most 256 KiB). */
export const ACCOUNT_FILE_MAX_BYTES = 256 * 1024;

const ACCOUNT_PATHS = new Set(['etc/passwd', 'etc/group', 'etc/shadow']);

/** Names and ids reported per finding; the count says how many there are in all. */
const LISTED = 20;
/** An account name longer than this is cut (names are at most 32 characters on Linux). */
const NAME_CHARS = 64;

/** Whether a tar entry is an account file whose content deep analysis keeps. */
export function isAccountFile(
  entry: Pick<TarEntry, 'path' | 'type' | 'size'>,
): boolean {
  return (
    entry.type === 'file' &&
    entry.size <= ACCOUNT_FILE_MAX_BYTES &&
    ACCOUNT_PATHS.has(entry.path)
  );
}

/** Account file texts as read, by `${layer}:${path}` (a later layer's copy may replace one). */
export type AccountFileTexts = Map<string, string>;

/** One id held by more than one account or group. */
export interface DuplicateId {
  id: string;
  names: string[];
}

/** What the account files of the final filesystem say; a file absent or unread adds nothing. */
export interface AccountFacts {
  /** Accounts of /etc/shadow whose password field is empty: anyone can log in as them. */
  emptyPasswords: string[];
  /** UIDs of /etc/passwd shared by several accounts. */
  duplicateUids: DuplicateId[];
  /** GIDs of /etc/group shared by several groups. */
  duplicateGids: DuplicateId[];
  /** The layer that wrote each file read, by path (`etc/shadow`). */
  layers: Record<string, number>;
}

/** A name as a message may show it: printable ASCII, cut to a bounded length. */
function safeName(name: string): string {
  let out = '';
  for (const c of name.slice(0, NAME_CHARS))
    out += c >= ' ' && c <= '~' ? c : '?';
  return out;
}

/** The `name:field1:field2…` records of an account file (comments and blank lines skipped). */
function records(text: string): string[][] {
  const out: string[][] = [];
  for (const line of text.split('\n')) {
    if (line === '' || line.startsWith('#')) continue;
    out.push(line.split(':'));
  }
  return out;
}

/** Ids (field `at`) held by more than one name, in file order, up to LISTED. */
function duplicateIds(text: string, at: number): DuplicateId[] {
  const byId = new Map<string, string[]>();
  for (const fields of records(text)) {
    const id = fields[at];
    if (id === undefined || id === '') continue;
    const names = byId.get(id);
    if (names) names.push(safeName(fields[0]));
    else byId.set(id, [safeName(fields[0])]);
  }
  const out: DuplicateId[] = [];
  for (const [id, names] of byId)
    if (names.length > 1) out.push({ id: safeName(id), names });
  return out.slice(0, LISTED);
}

/** Accounts whose password field is empty (`!`, `*` and hashes are locked or set). */
function emptyPasswords(text: string): string[] {
  const out: string[] = [];
  for (const fields of records(text))
    if (fields.length > 1 && fields[1] === '') out.push(safeName(fields[0]));
  return out.slice(0, LISTED);
}

/**
 * The account facts of the final filesystem: each file as the tree holds it
 * (a whiteout removes it, a later layer's copy replaces it), read from the
 * layer that wrote that copy.
 */
export function accountFacts(
  tree: ImageFileTree,
  texts: AccountFileTexts,
): AccountFacts {
  const facts: AccountFacts = {
    emptyPasswords: [],
    duplicateUids: [],
    duplicateGids: [],
    layers: {},
  };
  if (texts.size === 0) return facts;
  const textOf = (path: string): string | undefined => {
    const node = tree.lookup(path);
    if (!node || node.type !== 'file') return undefined;
    const text = texts.get(`${node.layer}:${path}`);
    if (text !== undefined) facts.layers[path] = node.layer;
    return text;
  };
  const shadow = textOf('etc/shadow');
  if (shadow !== undefined) facts.emptyPasswords = emptyPasswords(shadow);
  const passwd = textOf('etc/passwd');
  if (passwd !== undefined) facts.duplicateUids = duplicateIds(passwd, 2);
  const group = textOf('etc/group');
  if (group !== undefined) facts.duplicateGids = duplicateIds(group, 2);
  return facts;
}
