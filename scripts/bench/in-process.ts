/**
 * What the benchmark measures inside its own process, on the same file the servers use:
 *  - the exact SQL that `GET /api/events` runs for a combination with the facet index answering
 *    (captured with a Drizzle logger while the route's own code reads the page: the search's
 *    matches, the page's rows by id and their relations), replayed through raw better-sqlite3
 *    prepared statements: the floor under the API's server time;
 *  - through the facet index as the app uses it, cold: the facet counts, the density chart, the
 *    whole page and the API's page.
 */
import Database from 'better-sqlite3';
import { drizzle } from 'drizzle-orm/better-sqlite3';
import * as schema from '@/db/schema';
import { registerSqlFunctions } from '@/db/engine/sql-functions';
import { withStatementCache } from '@/db/engine/statement-cache';
import { resolveFilters } from '@/db/queries/filter-lookups';
import { decodeTimelineCursor, loadEventsPage } from '@/db/queries/timeline';
import { indexedChart, indexedFacets, indexedView } from '@/db/queries/timeline-index';
import { loadTimelineView } from '@/db/queries/timeline-view';
import { attachFacetIndex, FacetIndex } from '@/db/derived/facet-index';
import { parseFilters } from '@/lib/filters';
import type { Combination } from './combinations';
import { summarise, timeSync, type Summary } from './stats';

export interface Statement {
  sql: string;
  params: unknown[];
}

const PUBLIC = { includeDrafts: false } as const;

/** The facet index of a benchmark's connection, built at once (as the app builds its own at start). */
export function buildBenchIndex(sqlite: Database.Database): FacetIndex {
  const index = new FacetIndex(sqlite);
  index.buildNow();
  return index;
}

/** A read-only connection with the app's SQL functions, like the app's own (db/engine/client.ts). */
export function openForBench(file: string): Database.Database {
  const sqlite = new Database(file, { readonly: true, fileMustExist: true });
  registerSqlFunctions(sqlite);
  return sqlite;
}

function routeParams(combination: Combination): { params: URLSearchParams; cursor: string | null } {
  const params = new URLSearchParams(combination.query);
  const cursor = params.get('cursor');
  params.delete('cursor');
  return { params, cursor };
}

/**
 * The statements the API route runs for one combination's first page (as an anonymous reader),
 * with the facet index answering as it does in the app.
 */
export function captureStatements(sqlite: Database.Database, combination: Combination, index: FacetIndex): Statement[] {
  const log: Statement[] = [];
  const db = drizzle(sqlite, { schema, logger: { logQuery: (sql, params) => log.push({ sql, params }) } });
  attachFacetIndex(db, index);
  // Cold: nothing kept from an earlier capture (a search's matches) hides a statement.
  index.state++;
  const { params, cursor } = routeParams(combination);
  const resolved = resolveFilters(db, parseFilters(params), PUBLIC);
  const position = cursor ? decodeTimelineCursor(cursor, resolved.filters.sort) : null;
  loadEventsPage(db, resolved.filters, { ...PUBLIC, position, limit: 50 });
  return log;
}

/** Runs captured statements as raw prepared statements; returns what each gave (for the baseline server). */
export function runStatements(prepared: { statement: Database.Statement; params: unknown[] }[]): unknown[] {
  return prepared.map(({ statement, params }) => (statement.reader ? statement.all(...params) : statement.run(...params)));
}

export function prepareStatements(sqlite: Database.Database, statements: Statement[]) {
  return statements.map((s) => ({ statement: sqlite.prepare(s.sql), params: s.params }));
}

export interface InProcessResult {
  statements: number;
  sql: Summary;
  /** Every facet's counts and the chart, through the index. */
  facets: Summary;
  chart: Summary;
  /**
   * Through the facet index (decision 0039), cold (what the index derives and a write discards is
   * discarded before each run): the whole page (first page, total, facets, chart) and the API's page.
   */
  indexed: { view: Summary; page: Summary };
}

export function measureInProcess(sqlite: Database.Database, combination: Combination, runs: number, index: FacetIndex): InProcessResult {
  const statements = captureStatements(sqlite, combination, index);
  const prepared = prepareStatements(sqlite, statements);
  const sql = summarise(timeSync(() => runStatements(prepared), runs));

  const viaIndex = drizzle(withStatementCache(sqlite), { schema });
  attachFacetIndex(viaIndex, index);
  const { params, cursor } = routeParams(combination);
  const { filters } = resolveFilters(viaIndex, parseFilters(params), PUBLIC);
  const position = cursor ? decodeTimelineCursor(cursor, filters.sort) : null;
  const cold = (fn: () => unknown) => () => {
    index.state++;
    return fn();
  };
  const facets = summarise(timeSync(cold(() => indexedFacets(indexedView(viaIndex, filters, PUBLIC)!)), runs));
  const chart = summarise(timeSync(cold(() => indexedChart(indexedView(viaIndex, filters, PUBLIC)!)), runs));
  const indexed = {
    view: summarise(timeSync(cold(() => loadTimelineView(viaIndex, filters, { ...PUBLIC, position, limit: 50, withFacets: true })), runs)),
    page: summarise(timeSync(cold(() => loadEventsPage(viaIndex, filters, { ...PUBLIC, position, limit: 50 })), runs)),
  };
  return { statements: statements.length, sql, facets, chart, indexed };
}
