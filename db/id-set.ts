/**
 * A set of row ids for testing membership many times: a bitmap over 0..max id when that is small
 * enough (16 MB of bits covers 134 million ids), else a Set. Filling a Set with the 123,000 ids of
 * a common word's matches took 34 ms at a million events; the bitmap takes under a millisecond.
 */
export interface IdSet {
  readonly size: number;
  has(id: number): boolean;
}

const MAX_BITMAP_BYTES = 16 * 1024 * 1024;

export function idSet(ids: readonly number[]): IdSet {
  let max = -1;
  for (const id of ids) {
    if (!Number.isInteger(id) || id < 0) return new Set(ids);
    if (id > max) max = id;
  }
  if (max >= MAX_BITMAP_BYTES * 8) return new Set(ids);
  const bits = new Uint8Array((max >> 3) + 1);
  let size = 0;
  for (const id of ids) {
    const mask = 1 << (id & 7);
    if ((bits[id >> 3]! & mask) === 0) {
      bits[id >> 3]! |= mask;
      size++;
    }
  }
  return {
    size,
    has: (id: number) => Number.isInteger(id) && id >= 0 && id <= max && (bits[id >> 3]! & (1 << (id & 7))) !== 0,
  };
}
