import { createHash } from 'node:crypto';
import { once } from 'node:events';
import type { Readable } from 'node:stream';
import { createGunzip, type Gunzip, type ZlibOptions } from 'node:zlib';
import { Decompress as ZstdDecompress } from 'fzstd';
import type { ImageBudget } from './budget';
import { LayerReadError, limitError } from './errors';
import { layerAnalysisLimits, type LayerAnalysisLimits } from './limits';
import {
  TarFormatError,
  TarHeaderReader,
  type TarEntry,
  type TarReaderOptions,
} from './tar';

export type Compression = 'gzip' | 'zstd' | 'none';

export { LayerReadError, isLimitError } from './errors';
export type { LayerErrorReason } from './errors';

export interface LayerReadOptions extends Omit<TarReaderOptions, 'onEntry'> {
  onEntry: (entry: TarEntry) => void;
  /** The blob's digest; the bytes are hashed as they stream and compared at the end. */
  expectedDigest?: string;
  /** Stop (as a decompression bomb) after this many uncompressed bytes (default limits.maxLayerBytes). */
  maxUncompressedBytes?: number;
  /** Stop after this many tar entries (default limits.maxEntries). */
  maxEntries?: number;
  /** Path, depth and image-wide limits; each missing one at its default. */
  limits?: Partial<LayerAnalysisLimits>;
  /** Totals of the whole image: entries and bytes then count against the image's limits. */
  imageBudget?: ImageBudget;
}

export interface LayerReadResult {
  compression: Compression;
  compressedBytes: number;
  uncompressedBytes: number;
  entries: number;
  /** sha256 of the blob as received. */
  digest: string;
}

/** Compression from the first bytes: media types lie (Docker's "tar.gzip" layers may be plain tar). */
export function sniffCompression(head: Buffer): Compression {
  if (head.length >= 2 && head[0] === 0x1f && head[1] === 0x8b) return 'gzip';
  if (head.length >= 4 && head.readUInt32LE(0) === 0xfd2fb528) return 'zstd';
  return 'none';
}

interface Decoder {
  write(chunk: Buffer): Promise<void> | void;
  end(): Promise<void> | void;
  destroy(): void;
}

function gzipDecoder(
  onData: (chunk: Buffer) => void,
  fail: (error: Error) => void,
): Decoder {
  // zlib works on the libuv thread pool, so hashing and tar parsing here overlap with it.
  // A deep write queue keeps zlib busy while the main thread hashes the next chunk.
  // (zlib streams take Transform options; @types/node does not list them)
  const gunzip: Gunzip = createGunzip({
    chunkSize: 128 * 1024,
    writableHighWaterMark: 1024 * 1024,
  } as ZlibOptions);
  gunzip.on('data', (chunk: Buffer) => {
    try {
      onData(chunk);
    } catch (error) {
      fail(error as Error);
      gunzip.destroy();
    }
  });
  const ended = once(gunzip, 'end');
  ended.catch(() => undefined);
  // destroy() (a cap was hit) emits close without end: never wait past it
  const closed = once(gunzip, 'close');
  closed.catch(() => undefined);
  return {
    async write(chunk) {
      if (!gunzip.write(chunk))
        await Promise.race([once(gunzip, 'drain'), ended, closed]);
    },
    async end() {
      gunzip.end();
      await Promise.race([ended, closed]);
    },
    destroy: () => gunzip.destroy(),
  };
}

function zstdDecoder(onData: (chunk: Buffer) => void): Decoder {
  const zstd = new ZstdDecompress(data =>
    onData(Buffer.from(data.buffer, data.byteOffset, data.byteLength)),
  );
  const push = (chunk: Uint8Array, final: boolean) => {
    try {
      zstd.push(chunk, final);
    } catch (error) {
      if (error instanceof LayerReadError || error instanceof TarFormatError)
        throw error;
      const message = (error as Error).message;
      throw new LayerReadError(
        /EOF|end/i.test(message) ? 'truncated' : 'corrupt',
        `the zstd layer cannot be decompressed (${message})`,
      );
    }
  };
  return {
    write: chunk => push(chunk, false),
    end: () => push(new Uint8Array(0), true),
    destroy: () => undefined,
  };
}

function classify(error: unknown, maxPathBytes: number): LayerReadError {
  if (error instanceof LayerReadError) return error;
  if (error instanceof TarFormatError) {
    if (error.reason === 'name-too-long')
      return limitError(
        'path-too-long',
        'maxPathBytes',
        `the layer has a path of ${error.bytes} bytes, longer than ${maxPathBytes}`,
      );
    return new LayerReadError(error.reason, error.message);
  }
  const e = error as NodeJS.ErrnoException;
  const message = e?.message ?? String(error);
  if (e?.code === 'Z_BUF_ERROR' || /unexpected end/i.test(message)) {
    return new LayerReadError(
      'truncated',
      'the layer ends early (truncated compressed stream)',
    );
  }
  if (
    e?.code?.startsWith?.('Z_') ||
    /zstd|invalid|incorrect header/i.test(message)
  ) {
    return new LayerReadError(
      'corrupt',
      `the layer cannot be decompressed (${message})`,
    );
  }
  if (/terminated|aborted|socket|ECONNRESET|closed/i.test(message)) {
    return new LayerReadError(
      'truncated',
      `the layer download stopped early (${message})`,
    );
  }
  return new LayerReadError(
    'network',
    `the layer could not be read (${message})`,
  );
}

/** Refuses a path longer or deeper than the limits; linear in its length. */
function checkPath(path: string, limits: LayerAnalysisLimits): void {
  if (path.length > limits.maxPathBytes / 3) {
    // a UTF-16 unit is at most 3 bytes of UTF-8, so short names need no count
    const bytes = Buffer.byteLength(path);
    if (bytes > limits.maxPathBytes) {
      throw limitError(
        'path-too-long',
        'maxPathBytes',
        `the layer has a path of ${bytes} bytes, longer than ${
          limits.maxPathBytes
        } (${JSON.stringify(path.slice(0, 40))}…)`,
      );
    }
  }
  let depth = 1;
  for (let i = path.indexOf('/'); i >= 0; i = path.indexOf('/', i + 1)) {
    if (++depth > limits.maxPathDepth) {
      throw limitError(
        'path-too-deep',
        'maxPathDepth',
        `the layer has a path more than ${
          limits.maxPathDepth
        } directories deep (${JSON.stringify(path.slice(0, 40))}…)`,
      );
    }
  }
}

/**
 * Streams one layer blob once: hash (digest check), decompress, walk tar
 * headers. Nothing touches disk and only one chunk is in memory at a time.
 */
export async function readLayer(
  blob: Readable,
  options: LayerReadOptions,
): Promise<LayerReadResult> {
  const hash = createHash('sha256');
  let compressedBytes = 0;
  let failure: LayerReadError | undefined;
  const limits = layerAnalysisLimits(options.limits);
  const tar = limitedTarReader(options, limits);
  const uncompressed = limitedTarInput(tar, options, limits);
  const fail = (error: Error) => {
    failure ??= classify(error, limits.maxPathBytes);
  };
  let decoder: Decoder | undefined;
  let compression: Compression = 'none';
  let pending: Buffer | undefined;

  const startDecoder = (head: Buffer) => {
    compression = sniffCompression(head);
    decoder = decoderFor(compression, uncompressed.write, fail);
  };

  try {
    for await (const raw of blob) {
      const chunk = raw as Buffer;
      hash.update(chunk);
      compressedBytes += chunk.length;
      if (!decoder) {
        pending = pending ? Buffer.concat([pending, chunk]) : chunk;
        if (pending.length < 4) continue;
        startDecoder(pending);
        const first = pending;
        pending = undefined;
        await decoder!.write(first);
      } else {
        await decoder.write(chunk);
      }
      if (failure) break;
    }
    if (!failure) {
      if (!decoder) startDecoder(pending ?? Buffer.alloc(0));
      if (pending) await decoder!.write(pending);
      await decoder!.end();
      if (!failure) tar.end();
    }
  } catch (error) {
    fail(error as Error);
  }
  if (failure) {
    decoder?.destroy();
    blob.destroy();
    throw failure;
  }
  const digest = `sha256:${hash.digest('hex')}`;
  checkDigest(digest, options.expectedDigest);
  return {
    compression,
    compressedBytes,
    uncompressedBytes: uncompressed.bytes,
    entries: tar.entries,
    digest,
  };
}

/** A tar reader that refuses too many entries (in the layer, or in the image's budget) and too long or deep paths. */
function limitedTarReader(
  options: LayerReadOptions,
  limits: LayerAnalysisLimits,
): TarHeaderReader {
  const maxEntries = options.maxEntries ?? limits.maxEntries;
  const budget = options.imageBudget;
  const tar = new TarHeaderReader({
    ...options,
    maxNameBytes: limits.maxPathBytes,
    onEntry: entry => {
      const entries = budget ? budget.addEntries(1) : tar.entries;
      if (entries > maxEntries) {
        throw limitError(
          'too-many-entries',
          'maxEntries',
          `the image has more than ${maxEntries} files`,
        );
      }
      checkPath(entry.path, limits);
      if (entry.linkname) checkPath(entry.linkname, limits);
      options.onEntry(entry);
    },
  });
  return tar;
}

/**
 * Where decompressed bytes go: counted against the layer's and the image's
 * limits (a decompression bomb stops here), then pushed to the tar reader.
 */
function limitedTarInput(
  tar: TarHeaderReader,
  options: LayerReadOptions,
  limits: LayerAnalysisLimits,
): { write: (chunk: Buffer) => void; readonly bytes: number } {
  const maxLayerBytes = options.maxUncompressedBytes ?? limits.maxLayerBytes;
  const budget = options.imageBudget;
  let uncompressedBytes = 0;
  return {
    write: (chunk: Buffer) => {
      uncompressedBytes += chunk.length;
      if (uncompressedBytes > maxLayerBytes) {
        throw limitError(
          'too-large',
          'maxLayerBytes',
          `the layer expands to more than ${maxLayerBytes} bytes, as a decompression bomb or an oversized layer would`,
        );
      }
      if (budget && budget.addBytes(chunk.length) > limits.maxImageBytes) {
        throw limitError(
          'too-large',
          'maxImageBytes',
          `the image's layers expand to more than ${limits.maxImageBytes} bytes`,
        );
      }
      tar.push(chunk);
    },
    get bytes() {
      return uncompressedBytes;
    },
  };
}

function decoderFor(
  compression: Compression,
  onData: (chunk: Buffer) => void,
  fail: (error: Error) => void,
): Decoder {
  if (compression === 'gzip') return gzipDecoder(onData, fail);
  if (compression === 'zstd') return zstdDecoder(onData);
  return {
    write: onData,
    end: () => undefined,
    destroy: () => undefined,
  };
}

/** Refuses a blob whose sha256 is not its digest (other algorithms are not checked). */
function checkDigest(digest: string, expectedDigest: string | undefined): void {
  if (
    expectedDigest &&
    expectedDigest.startsWith('sha256:') &&
    digest !== expectedDigest
  ) {
    throw new LayerReadError(
      'digest-mismatch',
      `the layer's content hashes to ${digest}, not to its digest ${expectedDigest}: the blob is corrupt or was tampered with`,
    );
  }
}
