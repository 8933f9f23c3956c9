/**
 * What the benchmark measures inside its own process, on the same file the servers use:
 *  - the exact SQL that `GET /api/events` runs for a combination (captured with a Drizzle logger
 *    while the route's own code reads the page), replayed through raw better-sqlite3 prepared
 *    statements: the floor under the API's server time;
 *  - the facet counts and the density chart of the page, through the app's functions.
 */
import Database from 'better-sqlite3';
import { drizzle } from 'drizzle-orm/better-sqlite3';
import * as schema from '@/db/schema';
import { registerSqlFunctions } from '@/db/engine/sql-functions';
import { withStatementCache } from '@/db/engine/statement-cache';
import { densityChart } from '@/db/queries/density';
import { singleFacet, timelineFacets, type TimelineFacets } from '@/db/queries/facets';
import { resolveFilters } from '@/db/queries/filter-lookups';
import { decodeTimelineCursor, loadEventsPage } from '@/db/queries/timeline';
import { loadTimelineView } from '@/db/queries/timeline-view';
import { attachFacetIndex, type FacetIndex } from '@/db/derived/facet-index';
import { parseFilters } from '@/lib/filters';
import type { Combination } from './combinations';
import { summarise, timeSync, type Summary } from './stats';

export interface Statement {
  sql: string;
  params: unknown[];
}

const PUBLIC = { includeDrafts: false } as const;

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

/** The statements the API route runs for one combination's first page (as an anonymous reader). */
export function captureStatements(sqlite: Database.Database, combination: Combination): Statement[] {
  const log: Statement[] = [];
  const db = drizzle(sqlite, { schema, logger: { logQuery: (sql, params) => log.push({ sql, params }) } });
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
  facets: Summary;
  facetsByName: Record<keyof TimelineFacets, Summary>;
  chart: Summary;
  /**
   * Through the facet index (decision 0039), cold (what the index derives and a write discards is
   * discarded before each run): the whole page (first page, total, facets, chart) and the API's page.
   */
  indexed?: { view: Summary; page: Summary };
}

const FACETS: (keyof TimelineFacets)[] = ['types', 'countries', 'actors', 'authorities', 'programs', 'tags', 'years'];

export function measureInProcess(sqlite: Database.Database, combination: Combination, runs: number, index?: FacetIndex): InProcessResult {
  const statements = captureStatements(sqlite, combination);
  const prepared = prepareStatements(sqlite, statements);
  const sql = summarise(timeSync(() => runStatements(prepared), runs));

  const db = drizzle(withStatementCache(sqlite), { schema });
  const { params } = routeParams(combination);
  const { filters } = resolveFilters(db, parseFilters(params), PUBLIC);
  // The page's aggregates are costlier: fewer runs, at least a handful.
  const aggregateRuns = Math.max(5, Math.ceil(runs / 5));
  const facets = summarise(timeSync(() => timelineFacets(db, filters, PUBLIC), aggregateRuns, 1));
  const facetsByName = Object.fromEntries(
    FACETS.map((f) => [f, summarise(timeSync(() => singleFacet(db, filters, PUBLIC, f), aggregateRuns, 1))]),
  ) as Record<keyof TimelineFacets, Summary>;
  const chart = summarise(timeSync(() => densityChart(db, filters, PUBLIC), aggregateRuns, 1));
  let indexed: InProcessResult['indexed'];
  if (index) {
    const viaIndex = drizzle(withStatementCache(sqlite), { schema });
    attachFacetIndex(viaIndex, index);
    const cursor = routeParams(combination).cursor;
    const position = cursor ? decodeTimelineCursor(cursor, filters.sort) : null;
    const cold = (fn: () => unknown) => () => {
      index.state++;
      return fn();
    };
    indexed = {
      view: summarise(timeSync(cold(() => loadTimelineView(viaIndex, filters, { ...PUBLIC, position, limit: 50, withFacets: true })), runs)),
      page: summarise(timeSync(cold(() => loadEventsPage(viaIndex, filters, { ...PUBLIC, position, limit: 50 })), runs)),
    };
  }
  return { statements: statements.length, sql, facets, facetsByName, chart, indexed };
}
