/**
 * A streaming tar header reader: it walks ustar, GNU (long names) and PAX
 * headers and skips file contents without copying them, so a layer is read at
 * the speed of decompression. Contents are captured only when asked for.
 */

export type TarEntryType = 'file' | 'dir' | 'symlink' | 'hardlink' | 'other';

export interface TarEntry {
  /** Normalised path without a leading `./` or `/` and without a trailing `/`. */
  path: string;
  type: TarEntryType;
  /** Bytes of content in this layer (0 for links and directories). */
  size: number;
  mode: number;
  uid: number;
  gid: number;
  linkname?: string;
}

export class TarFormatError extends Error {
  constructor(
    readonly reason: 'truncated' | 'corrupt' | 'name-too-long',
    message: string,
    /** For name-too-long: the bytes of the name. */
    readonly bytes?: number,
  ) {
    super(message);
    this.name = 'TarFormatError';
  }
}

const BLOCK = 512;

function readString(buf: Buffer, offset: number, length: number): string {
  let end = offset;
  const max = offset + length;
  while (end < max && buf[end] !== 0) end++;
  return buf.toString('utf8', offset, end);
}

function readNumber(buf: Buffer, offset: number, length: number): number {
  // GNU base-256 for values that do not fit in octal
  if (buf[offset] & 0x80) {
    let value = buf[offset] & 0x7f;
    for (let i = 1; i < length; i++) value = value * 256 + buf[offset + i];
    return value;
  }
  let value = 0;
  let i = offset;
  const end = offset + length;
  while (i < end && (buf[i] === 0x20 || buf[i] === 0)) i++;
  for (; i < end; i++) {
    const c = buf[i];
    if (c < 0x30 || c > 0x37) break;
    value = value * 8 + (c - 0x30);
  }
  return value;
}

function checksumOk(block: Buffer): boolean {
  const stored = readNumber(block, 148, 8);
  let sum = 8 * 0x20;
  for (let i = 0; i < 148; i++) sum += block[i];
  for (let i = 156; i < BLOCK; i++) sum += block[i];
  return sum === stored;
}

function isZeroBlock(block: Buffer): boolean {
  for (let i = 0; i < BLOCK; i++) if (block[i] !== 0) return false;
  return true;
}

function parsePax(buf: Buffer): Record<string, string> {
  const out: Record<string, string> = {};
  let pos = 0;
  while (pos < buf.length) {
    const space = buf.indexOf(0x20, pos);
    if (space < 0) break;
    const length = Number(buf.toString('ascii', pos, space));
    if (!Number.isFinite(length) || length <= 0) break;
    const record = buf.toString('utf8', space + 1, pos + length - 1);
    const eq = record.indexOf('=');
    if (eq > 0) out[record.slice(0, eq)] = record.slice(eq + 1);
    pos += length;
  }
  return out;
}

/**
 * Without a leading `./` or `/`, a trailing `/` or repeated slashes. One
 * split and join, no regular expression: names come from the image and may be
 * megabytes long, and a backtracking pattern over a run of slashes is quadratic.
 */
export function normalizeTarPath(name: string): string {
  const parts = name.split('/');
  const kept: string[] = [];
  for (const part of parts) {
    if (part === '' || (part === '.' && kept.length === 0)) continue;
    kept.push(part);
  }
  return kept.join('/');
}

export interface TarReaderOptions {
  onEntry: (entry: TarEntry) => void;
  /** Return a byte limit to receive the entry's content through onContent. */
  wantContent?: (entry: TarEntry) => boolean;
  onContent?: (entry: TarEntry, content: Buffer) => void;
  /** Longer GNU long names and link targets stop the read before they are buffered. */
  maxNameBytes?: number;
}

const MAX_META_BYTES = 1024 * 1024;
const MAX_CAPTURE_BYTES = 256 * 1024;

/** Push decompressed tar bytes in any chunking; call end() when the stream ends. */
export class TarHeaderReader {
  private header = Buffer.alloc(BLOCK);
  private headerFill = 0;
  /** Bytes of content (plus padding) still to pass over. */
  private skip = 0;
  private capture?: {
    kind: 'pax' | 'gnu-name' | 'gnu-link' | 'content';
    buf: Buffer;
    fill: number;
    entry?: TarEntry;
  };
  private pax: Record<string, string> = {};
  private longName?: string;
  private longLink?: string;
  private done = false;
  entries = 0;

  constructor(private readonly options: TarReaderOptions) {}

  push(chunk: Buffer): void {
    let pos = 0;
    const len = chunk.length;
    while (pos < len) {
      if (this.done) return;
      if (this.skip > 0) {
        const n = Math.min(this.skip, len - pos);
        if (this.capture && this.capture.fill < this.capture.buf.length) {
          const take = Math.min(n, this.capture.buf.length - this.capture.fill);
          chunk.copy(this.capture.buf, this.capture.fill, pos, pos + take);
          this.capture.fill += take;
        }
        this.skip -= n;
        pos += n;
        if (this.skip === 0 && this.capture) this.finishCapture();
        continue;
      }
      const n = Math.min(BLOCK - this.headerFill, len - pos);
      chunk.copy(this.header, this.headerFill, pos, pos + n);
      this.headerFill += n;
      pos += n;
      if (this.headerFill === BLOCK) {
        this.headerFill = 0;
        this.readHeader(this.header);
      }
    }
  }

  /** Throws TarFormatError when the archive stops inside an entry. */
  end(): void {
    if (this.done) return;
    if (this.headerFill !== 0 || this.skip !== 0) {
      throw new TarFormatError(
        'truncated',
        'the layer ends in the middle of a file (truncated tar)',
      );
    }
  }

  private readHeader(block: Buffer): void {
    if (isZeroBlock(block)) {
      // End of archive; whatever follows is padding.
      this.done = true;
      return;
    }
    if (!checksumOk(block)) {
      throw new TarFormatError(
        'corrupt',
        'the layer is not a valid tar (bad header checksum)',
      );
    }
    const typeflag = String.fromCharCode(block[156] || 0x30);
    const size = readNumber(block, 124, 12);
    if (
      typeflag === 'x' ||
      typeflag === 'g' ||
      typeflag === 'L' ||
      typeflag === 'K'
    ) {
      this.readExtensionHeader(typeflag, size);
      return;
    }
    this.readEntryHeader(block, typeflag, size);
  }

  /** A PAX or GNU long-name/link header: its content is captured for the entry that follows. */
  private readExtensionHeader(typeflag: string, size: number): void {
    const padded = Math.ceil(size / BLOCK) * BLOCK;
    if (
      (typeflag === 'L' || typeflag === 'K') &&
      this.options.maxNameBytes !== undefined &&
      // the stored name ends in a NUL
      size > this.options.maxNameBytes + 1
    ) {
      throw new TarFormatError(
        'name-too-long',
        `the layer has a ${size - 1}-byte file name`,
        size - 1,
      );
    }
    if (size > MAX_META_BYTES) {
      throw new TarFormatError(
        'corrupt',
        `the layer has a ${size}-byte tar extension header`,
      );
    }
    let kind: 'gnu-name' | 'gnu-link' | 'pax' = 'pax';
    if (typeflag === 'L') kind = 'gnu-name';
    else if (typeflag === 'K') kind = 'gnu-link';
    // Global PAX headers apply to the archive; we read them for nothing but skip correctly.
    this.capture =
      typeflag === 'g' ? undefined : { kind, buf: Buffer.alloc(size), fill: 0 };
    this.skip = padded;
    if (padded === 0 && this.capture) this.finishCapture();
  }

  /** A file, directory or link: reported, its content skipped or captured. */
  private readEntryHeader(block: Buffer, typeflag: string, size: number): void {
    const { name, linkname, entrySize } = this.takeEntryNames(block, size);
    const type = entryType(typeflag, name);
    const contentBytes = Math.ceil(entrySize / BLOCK) * BLOCK;
    const entry: TarEntry = {
      path: normalizeTarPath(name),
      type,
      size: type === 'file' ? entrySize : 0,
      mode: readNumber(block, 100, 8),
      uid: readNumber(block, 108, 8),
      gid: readNumber(block, 116, 8),
      linkname: linkname || undefined,
    };
    this.entries++;
    this.options.onEntry(entry);
    this.skip = type === 'file' || type === 'other' ? contentBytes : 0;
    if (
      this.skip > 0 &&
      type === 'file' &&
      entrySize <= MAX_CAPTURE_BYTES &&
      this.options.wantContent?.(entry)
    ) {
      this.capture = {
        kind: 'content',
        buf: Buffer.alloc(entrySize),
        fill: 0,
        entry,
      };
    }
  }

  /**
   * The entry's name, link target and size: the header's, overridden by the
   * GNU long name/link and PAX records read before it (which are then used up).
   */
  private takeEntryNames(
    block: Buffer,
    size: number,
  ): { name: string; linkname: string; entrySize: number } {
    let name = readString(block, 0, 100);
    // POSIX ustar ("ustar\0") splits long names into prefix/name; GNU ("ustar ") does not.
    if (block.toString('ascii', 257, 263) === 'ustar\u0000') {
      const prefix = readString(block, 345, 155);
      if (prefix) name = `${prefix}/${name}`;
    }
    let linkname = readString(block, 157, 100);
    let entrySize = size;
    if (this.longName !== undefined) name = this.longName;
    if (this.longLink !== undefined) linkname = this.longLink;
    if (this.pax.path !== undefined) name = this.pax.path;
    if (this.pax.linkpath !== undefined) linkname = this.pax.linkpath;
    if (this.pax.size !== undefined) entrySize = Number(this.pax.size);
    this.pax = {};
    this.longName = undefined;
    this.longLink = undefined;
    return { name, linkname, entrySize };
  }

  private finishCapture(): void {
    const capture = this.capture!;
    this.capture = undefined;
    if (capture.kind === 'pax') {
      Object.assign(this.pax, parsePax(capture.buf));
    } else if (capture.kind === 'gnu-name') {
      this.longName = readString(capture.buf, 0, capture.buf.length);
    } else if (capture.kind === 'gnu-link') {
      this.longLink = readString(capture.buf, 0, capture.buf.length);
    } else if (capture.entry) {
      this.options.onContent?.(capture.entry, capture.buf);
    }
  }
}

/** The entry's kind by its typeflag; old tars mark a directory only by a trailing slash. */
function entryType(typeflag: string, name: string): TarEntryType {
  switch (typeflag) {
    case '0':
    case '\u0000':
    case '7':
      return name.endsWith('/') ? 'dir' : 'file';
    case '5':
      return 'dir';
    case '2':
      return 'symlink';
    case '1':
      return 'hardlink';
    default:
      return 'other';
  }
}
