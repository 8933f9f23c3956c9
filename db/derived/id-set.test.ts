import { describe, expect, it } from 'vitest';
import { idSet, idSetFromJson } from './id-set';

describe('idSet', () => {
  it('holds exactly the ids it was given, counting repeats once', () => {
    const set = idSet([5, 1, 1000, 5, 8, 7, 0]);
    expect(set.size).toBe(6);
    for (const id of [0, 1, 5, 7, 8, 1000]) expect(set.has(id), String(id)).toBe(true);
    for (const id of [2, 6, 9, 999, 1001, 1_000_000, -1, 1.5, NaN]) expect(set.has(id), String(id)).toBe(false);
  });

  it('is empty for no ids, and still right for ids too large for a bitmap', () => {
    expect(idSet([]).size).toBe(0);
    expect(idSet([]).has(0)).toBe(false);
    const huge = idSet([3, 2 ** 40]);
    expect(huge.has(2 ** 40)).toBe(true);
    expect(huge.has(4)).toBe(false);
  });

  it('agrees with a Set on many random ids', () => {
    let seed = 42;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) % 50_000;
    const ids = Array.from({ length: 5000 }, random);
    const reference = new Set(ids);
    const set = idSet(ids);
    expect(set.size).toBe(reference.size);
    for (let id = 0; id < 50_000; id++) if (set.has(id) !== reference.has(id)) throw new Error(`disagree at ${id}`);
  });
});

describe('idSetFromJson', () => {
  it('reads the ids of a JSON array into the same set as idSet', () => {
    let seed = 7;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) % 300_000;
    const ids = Array.from({ length: 20_000 }, random);
    const reference = idSet(ids);
    const set = idSetFromJson(JSON.stringify(ids));
    expect(set.size).toBe(reference.size);
    for (let id = 0; id < 300_001; id++) if (set.has(id) !== reference.has(id)) throw new Error(`disagree at ${id}`);
  });

  it('handles empty and unusual input', () => {
    expect(idSetFromJson(null).size).toBe(0);
    expect(idSetFromJson('[]').size).toBe(0);
    expect(idSetFromJson('[0]').has(0)).toBe(true);
    const huge = idSetFromJson(`[1,${2 ** 40}]`);
    expect(huge.has(2 ** 40)).toBe(true);
    expect(huge.has(2)).toBe(false);
  });
});
