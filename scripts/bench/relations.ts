/**
 * The relations board's two figures (issue 12), in-process on the benchmark's copy: the board for
 * the counterpart with the most subjects (about 200 rows over thirty years on the synthetic data:
 * its changes, bands, as-of standings and the events between the sides), and the as-of answer of
 * `GET /api/relations` (the same read without bands or events, then the JSON). Server time only:
 * what the page and the route spend in the database and the computations; each computed afresh,
 * and as readers get it (the reads cached until the next write, a new as-of date each time).
 */
import { drizzle } from 'drizzle-orm/better-sqlite3';
import type Database from 'better-sqlite3';
import * as schema from '@/db/schema';
import { withStatementCache } from '@/db/engine/statement-cache';
import { relationsAsOf, relationsBoard } from '@/db/queries/relations';
import { relationsJson } from '@/lib/relations/json';
import { STANDING_FIRST_YEAR } from '@/db/synth/standings';
import { LAST_YEAR } from '@/db/synth/vocabulary';
import { summarise, type Summary } from './stats';

export interface RelationsBenchResult {
  counterpart: string;
  rows: number;
  years: number;
  changes: number;
  markers: number;
  /** Every run computed afresh (`fresh`), each at another as-of date. */
  board: Summary;
  /** As readers get it: the reads cached until the next write, the standings computed for each date. */
  boardCached: Summary;
  asOf: Summary;
  asOfCached: Summary;
  asOfBytes: number;
}

export const RELATIONS_TARGETS = { boardP95Ms: 150, asOfP95Ms: 30 };

function time(fn: () => unknown, runs: number): Summary {
  for (let i = 0; i < Math.min(3, runs); i++) fn();
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    fn();
    samples.push(performance.now() - t);
  }
  return summarise(samples);
}

export function measureRelations(sqlite: Database.Database, runs: number): RelationsBenchResult | null {
  const top = sqlite
    .prepare(`SELECT counterpart, count(DISTINCT subject) AS n FROM standing_changes WHERE deleted_at IS NULL GROUP BY counterpart ORDER BY n DESC LIMIT 1`)
    .get() as { counterpart: string; n: number } | undefined;
  if (!top) return null;
  // Through the statement cache, as the app's connection is (db/engine/client.ts): the board runs
  // one statement per row, each compiled once per process, not once per request.
  const db = drizzle(withStatementCache(sqlite), { schema });
  const from = `${STANDING_FIRST_YEAR}-01-01`;
  const to = `${LAST_YEAR}-12-31`;
  // A different as-of date each run, so no run can profit from the one before.
  let k = 0;
  const asOfDate = () => `${STANDING_FIRST_YEAR + (k++ % 30)}-06-15`;
  const board = (fresh: boolean) => () => relationsBoard(db, { counterpart: top.counterpart, asOf: asOfDate(), from, to, includeDrafts: false }, { fresh });
  const sample = board(true)();
  let bytes = 0;
  const asOf = (fresh: boolean) => () => {
    bytes = JSON.stringify(relationsJson(relationsAsOf(db, { counterpart: top.counterpart, asOf: asOfDate(), includeDrafts: false }, { fresh }))).length;
  };
  return {
    counterpart: top.counterpart,
    rows: sample.rows.length,
    years: LAST_YEAR - STANDING_FIRST_YEAR + 1,
    changes: sample.rows.reduce((n, r) => n + r.band.markers.length, 0),
    markers: sample.rows.reduce((n, r) => n + r.events.length, 0),
    board: time(board(true), runs),
    boardCached: time(board(false), runs),
    asOf: time(asOf(true), runs),
    asOfCached: time(asOf(false), runs),
    asOfBytes: bytes,
  };
}
