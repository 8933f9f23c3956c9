/**
 * A set of row ids for testing membership many times: a bitmap over 0..max id when that is small
 * enough (16 MB of bits covers 134 million ids), else a Set, which is far slower to fill with a
 * common word's matches (docs/performance.md, "Measurements behind the code").
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

/**
 * The ids of a JSON array of non-negative integers, as SQLite's `json_group_array(rowid)` writes
 * it, read straight into the set: no array of numbers is made (for 123,000 ids the array and the
 * text are each about a megabyte, and short-lived objects that large go to the old generation).
 */
export function idSetFromJson(json: string | null | undefined): IdSet {
  if (!json || json === '[]') return idSet([]);
  if (!/^\[\d+(,\d+)*\]$/.test(json) || json.length > 64 * 1024 * 1024) return idSet(JSON.parse(json) as number[]);
  let bits = new Uint8Array(Math.max(1024, json.length >> 2));
  let max = -1;
  let size = 0;
  let id = 0;
  for (let i = 1; i < json.length; i++) {
    const c = json.charCodeAt(i);
    if (c >= 48 && c <= 57) {
      id = id * 10 + (c - 48);
      continue;
    }
    // A comma or the closing bracket ends an id.
    if (id >= MAX_BITMAP_BYTES * 8) return idSet(JSON.parse(json) as number[]);
    if (id >> 3 >= bits.length) {
      const grown = new Uint8Array(Math.max(bits.length * 2, (id >> 3) + 1));
      grown.set(bits);
      bits = grown;
    }
    const mask = 1 << (id & 7);
    if ((bits[id >> 3]! & mask) === 0) {
      bits[id >> 3]! |= mask;
      size++;
    }
    if (id > max) max = id;
    id = 0;
  }
  const top = max;
  const b = bits;
  return { size, has: (n: number) => Number.isInteger(n) && n >= 0 && n <= top && (b[n >> 3]! & (1 << (n & 7))) !== 0 };
}
