import { describe, expect, it } from 'vitest';
import { canonical, TableChecksum } from './checksum';

function sumOf(rows: Record<string, unknown>[]): TableChecksum {
  const sum = new TableChecksum();
  for (const row of rows) sum.add(row);
  return sum;
}

describe('TableChecksum', () => {
  const rows = [
    { id: 1, title: 'Caesar Act designations', createdAt: new Date('2023-03-28T10:00:00.000Z'), aliases: { b: 1, a: [2, 3] }, live: true },
    { id: 2, title: 'Embassy reopened', createdAt: null, aliases: null, live: false },
  ];

  it('is the same whatever order the rows are read in, and whatever order keys come in', () => {
    const reordered = rows.map((r) => Object.fromEntries(Object.entries(r).reverse())).reverse();
    expect(sumOf(reordered).hex).toBe(sumOf(rows).hex);
    expect(canonical({ b: 1, a: { d: 1, c: 2 } })).toEqual({ a: { c: 2, d: 1 }, b: 1 });
  });

  it('changes with any changed, missing or added row', () => {
    const base = sumOf(rows).hex;
    expect(sumOf([{ ...rows[0]!, title: 'Caesar Act designation' }, rows[1]!]).hex).not.toBe(base);
    expect(sumOf([{ ...rows[0]!, createdAt: new Date('2023-03-28T10:00:00.001Z') }, rows[1]!]).hex).not.toBe(base);
    expect(sumOf([{ ...rows[0]!, live: 1 }, rows[1]!]).hex).not.toBe(base);
    expect(sumOf([rows[0]!]).hex).not.toBe(base);
    expect(sumOf([...rows, { ...rows[1]!, id: 3 }]).rows).toBe(3);
  });

  it('reads a date as the instant it is, however it was made', () => {
    expect(sumOf([{ at: new Date(1_680_000_000_000) }]).hex).toBe(sumOf([{ at: new Date('2023-03-28T10:40:00.000Z') }]).hex);
  });
});
