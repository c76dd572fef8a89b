/**
 * Counts shared by every layer of one image while its layers are read in
 * parallel, possibly on several worker threads (the buffer is shared memory).
 * Limits on the whole image (entries, uncompressed bytes) are checked against
 * these totals, so reading layers at once never multiplies the limits.
 */
export class ImageBudget {
  private readonly counts: BigInt64Array;

  constructor(readonly buffer: SharedArrayBuffer = new SharedArrayBuffer(16)) {
    this.counts = new BigInt64Array(buffer);
  }

  /** Adds tar entries; returns the image's total so far. */
  addEntries(count: number): number {
    return Number(Atomics.add(this.counts, 0, BigInt(count))) + count;
  }

  /** Adds uncompressed bytes; returns the image's total so far. */
  addBytes(bytes: number): number {
    return Number(Atomics.add(this.counts, 1, BigInt(bytes))) + bytes;
  }

  get entries(): number {
    return Number(Atomics.load(this.counts, 0));
  }

  get bytes(): number {
    return Number(Atomics.load(this.counts, 1));
  }
}
