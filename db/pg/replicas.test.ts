/**
 * The replica router's rules, and what openReplicaSet refuses, against the local PostgreSQL server
 * (a database of its own). The story with real streaming replicas is `npm run test:replicas`.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { createTestPostgres, withDatabase, type TestPostgres } from '@/testing/postgres';
import { isUnavailableError, lsnToBigInt, openReplicaSet, parseReplicaUrls, parseWriteMark, replicaOrder } from './replicas';
import { PostgresRefusedError } from './connect';

describe('WAL positions and marks', () => {
  it('orders positions across the 32-bit boundary', () => {
    expect(lsnToBigInt('0/FFFFFFFF') < lsnToBigInt('1/0')).toBe(true);
    expect(lsnToBigInt('1/0') - lsnToBigInt('0/FFFFFFFF')).toBe(1n);
    expect(lsnToBigInt('0/3A0F2C8')).toBe(0x3a0f2c8n);
  });

  it('takes a mark from a cookie only when it is a WAL position', () => {
    expect(parseWriteMark('0/3a0f2c8')).toEqual({ lsn: '0/3A0F2C8' });
    for (const bad of [undefined, null, '', '0/', '3A0F2C8', "0/1'; DROP TABLE events; --", '123456789/0']) {
      expect(parseWriteMark(bad)).toBeUndefined();
    }
  });

  it('reads DATABASE_REPLICA_URLS separated by commas or spaces', () => {
    expect(parseReplicaUrls(' postgres://a/x, postgres://b/x\npostgres://c/x ,')).toEqual(['postgres://a/x', 'postgres://b/x', 'postgres://c/x']);
    expect(parseReplicaUrls(undefined)).toEqual([]);
  });
});

describe('replica order', () => {
  const r = (name: string, downUntil = 0) => ({ name, downUntil });

  it('goes round the replicas from a moving start', () => {
    const all = [r('a'), r('b'), r('c')];
    expect(replicaOrder(all, 0, 1000).map((x) => x.name)).toEqual(['a', 'b', 'c']);
    expect(replicaOrder(all, 2, 1000).map((x) => x.name)).toEqual(['c', 'a', 'b']);
  });

  it('leaves out a replica set aside until its time is up', () => {
    const all = [r('a', 2000), r('b')];
    expect(replicaOrder(all, 0, 1000).map((x) => x.name)).toEqual(['b']);
    expect(replicaOrder(all, 0, 2000).map((x) => x.name)).toEqual(['a', 'b']);
    expect(replicaOrder([r('a', 5000)], 0, 1000)).toEqual([]);
  });
});

describe('which errors move a read elsewhere', () => {
  const coded = (code: string, message = 'x') => Object.assign(new Error(message), { code });

  it('a server that is down, shutting down or in recovery conflict', () => {
    for (const code of ['ECONNREFUSED', 'ECONNRESET', '57P01', '57P03', '40001']) expect(isUnavailableError(coded(code))).toBe(true);
    expect(isUnavailableError(new Error('Connection terminated unexpectedly'))).toBe(true);
  });

  it('the same error wrapped by Drizzle', () => {
    const wrapped = new Error('Failed query: select 1', { cause: new Error('Connection terminated unexpectedly') });
    expect(isUnavailableError(wrapped)).toBe(true);
  });

  it('not a wrong query or a broken constraint: those are the caller\'s to see', () => {
    expect(isUnavailableError(coded('42P01', 'relation "nope" does not exist'))).toBe(false);
    expect(isUnavailableError(coded('23505', 'duplicate key'))).toBe(false);
    expect(isUnavailableError(new Error('Failed query', { cause: coded('42703') }))).toBe(false);
    expect(isUnavailableError('ECONNREFUSED')).toBe(false);
  });
});

describe('openReplicaSet on a real server', () => {
  let primary: TestPostgres;
  let other: TestPostgres;

  beforeAll(async () => {
    primary = await createTestPostgres('tracker_replicas');
    other = await createTestPostgres('tracker_replicas_other');
  });
  afterAll(async () => {
    await primary?.drop();
    await other?.drop();
  });

  it('refuses a "replica" that accepts writes: it would not follow the primary', async () => {
    const attempt = openReplicaSet(primary.url, [other.url], { migrate: true });
    await expect(attempt).rejects.toThrow(PostgresRefusedError);
    await expect(openReplicaSet(primary.url, [other.url], { migrate: true })).rejects.toThrow(/is not a standby \(it accepts writes\)/);
  });

  it('names a replica that refuses the connection for a reason that is not availability', async () => {
    await expect(openReplicaSet(primary.url, [withDatabase(primary.url, 'no_such_database_here')], { migrate: true })).rejects.toThrow(
      /DATABASE_REPLICA_URLS: .*has no database "no_such_database_here"/,
    );
  });

  it('opens with a replica that does not answer, sets it aside, and reads from the primary', async () => {
    const set = await openReplicaSet(primary.url, ['postgres://postgres@127.0.0.1:1/tracker'], { migrate: true, downForMs: 60_000 });
    try {
      expect(set.unreachable).toEqual(['127.0.0.1:1/tracker']);
      const read = await set.read(async (db) => (await db.execute(sql`SELECT 1 AS one`)).rows[0]);
      expect(read).toMatchObject({ value: { one: 1 }, onPrimary: true, server: set.primary.label });
      const status = await set.status();
      expect(status).toEqual([expect.objectContaining({ label: '127.0.0.1:1/tracker', state: 'unreachable' })]);
      // withReplicas's picker also skips it.
      const [row] = await set.db.select({ one: sql<number>`1` }).from(sql`(SELECT 1) AS x`);
      expect(row).toEqual({ one: 1 });
      expect(set.primaryReads).toBe(2);
    } finally {
      await set.close();
    }
  });

  it('gives a write a mark that the primary has reached', async () => {
    const set = await openReplicaSet(primary.url, [], { migrate: true });
    try {
      const { value, mark } = await set.write(async (tx) => (await tx.execute(sql`SELECT pg_current_wal_lsn()::text AS lsn`)).rows[0]!.lsn as string);
      expect(lsnToBigInt(mark.lsn) >= lsnToBigInt(value)).toBe(true);
      // A read after that mark with no replica is the primary's, which is always caught up.
      const read = await set.read(async (db) => (await db.execute(sql`SELECT 2 AS two`)).rows[0], { after: mark });
      expect(read).toMatchObject({ value: { two: 2 }, onPrimary: true });
    } finally {
      await set.close();
    }
  });

  it('a query error on the primary is thrown, not retried', async () => {
    const set = await openReplicaSet(primary.url, [], { migrate: true });
    try {
      await expect(set.read((db) => db.execute(sql`SELECT * FROM no_such_table`))).rejects.toThrow(/no_such_table/);
    } finally {
      await set.close();
    }
  });
});
