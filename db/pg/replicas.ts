/**
 * Reading from PostgreSQL streaming replicas, writing to the primary (issue 16, decision 0044).
 *
 * `openReplicaSet` opens the primary (checked as `openPostgres` checks it) and one pool per
 * replica. Reads go round-robin to the replicas that answer; a replica that fails to connect, or
 * whose connection breaks, is set aside for `downForMs` and the read runs again on the next one,
 * then on the primary: stopping a replica never stops reads.
 *
 * Read-your-writes by WAL position: a write returns the primary's LSN after its commit (a
 * `WriteMark`); a read given that mark runs only on a replica that has replayed at least that far
 * (`pg_last_wal_replay_lsn()`), else on the primary. The mark travels with the writer (a cookie
 * in the app), so it holds across several application servers. It needs no expiry to be correct;
 * once every replica has passed it, it only costs the one catch-up query per read.
 *
 * `db` is Drizzle's `withReplicas` over the same pools, its picker the same round-robin over
 * replicas not set aside; `read` is the path with failover and marks.
 */
import { withReplicas, type PgWithReplicas } from 'drizzle-orm/pg-core';
import { drizzle } from 'drizzle-orm/node-postgres';
import pg from 'pg';
import { describePostgresUrl, explainConnectError, openPostgres, PostgresRefusedError, pgSchema, redact, type PgConnection, type PgDb, type SchemaState } from './connect';

type CheckedConnection = PgConnection & { state: SchemaState };

/** The primary's WAL position after a write, e.g. `0/3A0F2C8`. */
export interface WriteMark {
  lsn: string;
}

export interface ReplicaHandle {
  /** `host:port/database`, for messages and status. */
  label: string;
  pool: pg.Pool;
  db: PgDb;
  /** Set aside until this time (ms since epoch) after a connection failure; 0 when in use. */
  downUntil: number;
  /** Why it was last set aside. */
  lastError?: string;
  /** Reads it has served through `read` and `db`. */
  reads: number;
}

export interface ReplicaStatus {
  label: string;
  state: 'streaming' | 'set aside' | 'unreachable' | 'not a replica';
  /** WAL position replayed, when reachable. */
  replayLsn?: string;
  /** Bytes of WAL the replica has not replayed yet (primary's current position minus replay). */
  lagBytes?: number;
  /** Seconds since the last replayed transaction, 0 when fully caught up. */
  lagSeconds?: number;
  reads: number;
  error?: string;
}

/** A transaction on the primary, as Drizzle's `transaction` hands it over. */
export type PgTx = Parameters<Parameters<PgDb['transaction']>[0]>[0];

const LSN = /^([0-9A-F]{1,8})\/([0-9A-F]{1,8})$/i;

/** A WAL position as a number, for comparison and differences. */
export function lsnToBigInt(lsn: string): bigint {
  const m = LSN.exec(lsn);
  if (!m) throw new Error(`"${lsn}" is not a WAL position (like 0/3A0F2C8)`);
  return (BigInt(`0x${m[1]}`) << 32n) | BigInt(`0x${m[2]}`);
}

/** A mark read back from a cookie or header: undefined unless it is a well-formed WAL position. */
export function parseWriteMark(value: string | undefined | null): WriteMark | undefined {
  if (!value || !LSN.test(value)) return undefined;
  return { lsn: value.toUpperCase() };
}

/** Errors that mean "this server cannot answer now", not "this query is wrong". */
export function isUnavailableError(err: unknown): boolean {
  if (!(err instanceof Error)) return false;
  // Drizzle wraps the driver's error (DrizzleQueryError, the query and its parameters) around it.
  if (err.cause !== undefined && err.cause !== err && isUnavailableError(err.cause)) return true;
  const code = (err as Error & { code?: string }).code;
  if (code && ['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENOTFOUND', 'EPIPE'].includes(code)) return true;
  // admin_shutdown, crash_shutdown, cannot_connect_now, and a standby's recovery conflict.
  if (code && ['57P01', '57P02', '57P03', '40001'].includes(code)) return true;
  return /Connection terminated|connection timeout|timeout exceeded when trying to connect|Client has encountered a connection error/i.test(err.message);
}

/**
 * Round-robin over the replicas that are not set aside, from a moving start; the primary when
 * none is left. Pure, for the tests and for both `db` and `read`.
 */
export function replicaOrder<T extends { downUntil: number }>(replicas: readonly T[], start: number, now: number): T[] {
  const n = replicas.length;
  const order: T[] = [];
  for (let i = 0; i < n; i++) {
    const r = replicas[(start + i) % n]!;
    if (r.downUntil <= now) order.push(r);
  }
  return order;
}

export interface ReplicaSetOptions {
  /** How long a replica that failed is left out before it is tried again. */
  downForMs?: number;
  /** Connections per pool. */
  max?: number;
  /** Apply this version's migrations to the primary first. */
  migrate?: boolean;
}

export interface ReadResult<T> {
  value: T;
  /** The label of the server that answered, the primary's included. */
  server: string;
  /** True when it ran on the primary: no replica could answer, or none had replayed the mark. */
  onPrimary: boolean;
}

export class ReplicaSet {
  readonly primary: CheckedConnection;
  readonly replicas: ReplicaHandle[];
  readonly downForMs: number;
  /** Drizzle's withReplicas: selects to a replica in use (the primary when none), writes to the primary. */
  readonly db: PgWithReplicas<PgDb>;
  /** Replicas that did not answer when the set was opened (set aside, named for the log). */
  readonly unreachable: string[];
  primaryReads = 0;
  private next = 0;

  constructor(primary: CheckedConnection, replicas: ReplicaHandle[], downForMs: number, unreachable: string[] = []) {
    this.primary = primary;
    this.replicas = replicas;
    this.downForMs = downForMs;
    this.unreachable = unreachable;
    const dbs = replicas.map((r) => r.db);
    this.db = withReplicas(primary.db, dbs.length > 0 ? (dbs as [PgDb, ...PgDb[]]) : [primary.db], () => {
      const [first] = this.order();
      if (!first) {
        this.primaryReads++;
        return primary.db;
      }
      first.reads++;
      return first.db;
    });
  }

  private order(): ReplicaHandle[] {
    const order = replicaOrder(this.replicas, this.next, Date.now());
    this.next = (this.next + 1) % Math.max(1, this.replicas.length);
    return order;
  }

  private setAside(replica: ReplicaHandle, err: unknown): void {
    replica.downUntil = Date.now() + this.downForMs;
    replica.lastError = err instanceof Error ? err.message : String(err);
  }

  /** Whether the replica has replayed the mark. A failure to ask is a connection failure. */
  private async hasReplayed(replica: ReplicaHandle, mark: WriteMark): Promise<boolean> {
    const { rows } = await replica.pool.query<{ ok: boolean | null }>('SELECT pg_last_wal_replay_lsn() >= $1::pg_lsn AS ok', [mark.lsn]);
    return rows[0]?.ok === true;
  }

  /**
   * Runs a read on a replica (round-robin) and, given the writer's mark, only on one that has
   * replayed it. A replica that cannot answer is set aside and the next is tried; the primary
   * answers when none can. A query error that is not about availability is thrown as it is.
   */
  async read<T>(fn: (db: PgDb) => Promise<T>, options: { after?: WriteMark } = {}): Promise<ReadResult<T>> {
    for (const replica of this.order()) {
      try {
        if (options.after && !(await this.hasReplayed(replica, options.after))) continue;
        const value = await fn(replica.db);
        replica.reads++;
        return { value, server: replica.label, onPrimary: false };
      } catch (err) {
        if (!isUnavailableError(err)) throw err;
        this.setAside(replica, err);
      }
    }
    const value = await fn(this.primary.db);
    this.primaryReads++;
    return { value, server: this.primary.label, onPrimary: true };
  }

  /** Runs `fn` in one transaction on the primary and returns the mark its writer reads after. */
  async write<T>(fn: (tx: PgTx) => Promise<T>): Promise<{ value: T; mark: WriteMark }> {
    const value = await this.primary.db.transaction(fn);
    return { value, mark: await this.currentMark() };
  }

  /** The primary's WAL position now: everything committed so far is at or before it. */
  async currentMark(): Promise<WriteMark> {
    const { rows } = await this.primary.pool.query<{ lsn: string }>('SELECT pg_current_wal_lsn()::text AS lsn');
    return { lsn: rows[0]!.lsn };
  }

  /**
   * Each replica's state and lag, asked of every replica (set aside or not). A replica that
   * answers again is taken back into use.
   */
  async status(): Promise<ReplicaStatus[]> {
    const primaryLsn = lsnToBigInt((await this.currentMark()).lsn);
    return Promise.all(
      this.replicas.map(async (replica): Promise<ReplicaStatus> => {
        try {
          const { rows } = await replica.pool.query<{ recovering: boolean; replay: string | null; since: string | null }>(
            `SELECT pg_is_in_recovery() AS recovering, pg_last_wal_replay_lsn()::text AS replay,
                    extract(epoch FROM now() - pg_last_xact_replay_timestamp())::text AS since`,
          );
          const row = rows[0]!;
          if (!row.recovering || !row.replay) return { label: replica.label, state: 'not a replica', reads: replica.reads };
          const lagBytes = Number(primaryLsn > lsnToBigInt(row.replay) ? primaryLsn - lsnToBigInt(row.replay) : 0n);
          replica.downUntil = 0;
          return {
            label: replica.label,
            state: 'streaming',
            replayLsn: row.replay,
            lagBytes,
            lagSeconds: lagBytes === 0 || row.since === null ? 0 : Math.max(0, Number(row.since)),
            reads: replica.reads,
          };
        } catch (err) {
          if (!isUnavailableError(err)) throw err;
          this.setAside(replica, err);
          return { label: replica.label, state: 'unreachable', reads: replica.reads, error: replica.lastError };
        }
      }),
    );
  }

  async close(): Promise<void> {
    await Promise.all([this.primary.close(), ...this.replicas.map((r) => r.pool.end().catch(() => {}))]);
  }
}

/** The primary's cluster identity: a replica made from it by pg_basebackup has the same one. */
async function systemIdentifier(pool: pg.Pool): Promise<string> {
  const { rows } = await pool.query<{ id: string }>('SELECT system_identifier::text AS id FROM pg_control_system()');
  return rows[0]!.id;
}

/**
 * Opens the primary (refused as `openPostgres` refuses a database that is not fit) and the
 * replicas. A replica that answers must be a standby of this primary (in recovery, same system
 * identifier): an address of the primary itself or of another cluster would serve other data, so
 * it is refused. A replica that does not answer is set aside, not refused: reads go elsewhere.
 */
export async function openReplicaSet(primaryUrl: string, replicaUrls: readonly string[], options: ReplicaSetOptions = {}): Promise<ReplicaSet> {
  const primary = await openPostgres(primaryUrl, { migrate: options.migrate, max: options.max });
  const handles: ReplicaHandle[] = [];
  const unreachable: string[] = [];
  try {
    const primaryId = await systemIdentifier(primary.pool);
    for (const url of replicaUrls) {
      const { label } = describePostgresUrl(url);
      const pool = new pg.Pool({ connectionString: url, max: options.max ?? 4, connectionTimeoutMillis: 2_000 });
      pool.on('error', () => {});
      const handle: ReplicaHandle = { label, pool, db: drizzle(pool, { schema: pgSchema }), downUntil: 0, reads: 0 };
      handles.push(handle);
      let recovering: boolean;
      let id: string;
      try {
        recovering = (await pool.query<{ r: boolean }>('SELECT pg_is_in_recovery() AS r')).rows[0]!.r;
        id = await systemIdentifier(pool);
      } catch (err) {
        if (!isUnavailableError(err)) throw new PostgresRefusedError(`DATABASE_REPLICA_URLS: ${explainConnectError(err, url).message}`);
        handle.downUntil = Date.now() + (options.downForMs ?? 5_000);
        handle.lastError = err instanceof Error ? err.message : String(err);
        unreachable.push(label);
        continue;
      }
      if (!recovering) {
        throw new PostgresRefusedError(
          `DATABASE_REPLICA_URLS: ${redact(url)} is not a standby (it accepts writes), so it would not follow the primary. Give the addresses of streaming replicas of ${primary.label}.`,
        );
      }
      if (id !== primaryId) {
        throw new PostgresRefusedError(
          `DATABASE_REPLICA_URLS: ${redact(url)} replicates another cluster (system identifier ${id}, the primary's is ${primaryId}). Give replicas made from ${primary.label}.`,
        );
      }
    }
  } catch (err) {
    await Promise.all([primary.close(), ...handles.map((h) => h.pool.end().catch(() => {}))]);
    throw err;
  }
  return new ReplicaSet(primary, handles, options.downForMs ?? 5_000, unreachable);
}

/** DATABASE_REPLICA_URLS: addresses separated by commas or whitespace. */
export function parseReplicaUrls(value: string | undefined): string[] {
  return (value ?? '')
    .split(/[\s,]+/)
    .map((s) => s.trim())
    .filter(Boolean);
}

