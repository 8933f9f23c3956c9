/**
 * A table's checksum that both engines compute alike: each row as the application reads it
 * (Drizzle's mapping: dates as Date, flags as booleans, JSON as values), written canonically
 * (keys sorted, dates in ISO 8601), hashed with SHA-256; the table's sum is the count of rows and
 * the sum of the first 128 bits of the row hashes. The sum does not depend on the order rows are
 * read in, so text keys that the two engines collate differently still agree, and any changed,
 * lost or added row changes it.
 */
import { createHash } from 'node:crypto';

const MOD = 1n << 128n;

export function canonical(value: unknown): unknown {
  if (value === null || value === undefined) return null;
  if (value instanceof Date) return value.toISOString();
  if (typeof value === 'bigint') return value.toString();
  if (Array.isArray(value)) return value.map(canonical);
  if (typeof value === 'object') {
    const o = value as Record<string, unknown>;
    return Object.fromEntries(Object.keys(o).sort().map((k) => [k, canonical(o[k])]));
  }
  return value;
}

export class TableChecksum {
  rows = 0;
  private sum = 0n;

  add(row: Record<string, unknown>): void {
    const digest = createHash('sha256').update(JSON.stringify(canonical(row))).digest();
    this.sum = (this.sum + BigInt(`0x${digest.subarray(0, 16).toString('hex')}`)) % MOD;
    this.rows += 1;
  }

  get hex(): string {
    return this.sum.toString(16).padStart(32, '0');
  }
}
