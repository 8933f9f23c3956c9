/** The benchmark's results: their shape, the issue's targets, and the printed tables. */
import type { Combination } from './combinations';
import type { AppExport, ExportRun } from './export';
import type { RepeatedTiming } from './http';
import type { InProcessResult } from './in-process';
import type { LoadResult } from './load';
import type { AfterWriteResult, PageResult } from './page';
import type { Startup } from './processes';
import { RELATIONS_TARGETS, type RelationsBenchResult } from './relations';
import type { Summary } from './stats';

export interface CombinationResult {
  combination: Combination;
  total: number | null;
  /** Every request computed (`Cache-Control: no-cache`): the figure the targets apply to. */
  api: Omit<RepeatedTiming, 'body'>;
  /** The same requests as readers send them: all but the first served from the cache. */
  apiCached: Omit<RepeatedTiming, 'body'>;
  baselineHttp: Omit<RepeatedTiming, 'body'>;
  inProcess: InProcessResult;
}

export interface SizeResult {
  events: number;
  databaseBytes: number;
  /** From spawning the server to its first answer from /api/health (= startup.healthMs). */
  startupMs: number;
  /** Start-up in detail (absent from results written before issue 15). */
  startup?: Startup;
  serverRssIdleBytes: number;
  /** The server's memory after every view, with the facet index built (issue 15). */
  serverRssWarmBytes?: number;
  combinations: CombinationResult[];
  /** GET /api/events for the views of an analyst exploring (issue 15), every request computed. */
  analystApi?: { key: string; label: string; query: string; api: Omit<RepeatedTiming, 'body'> }[];
  /** The next reader of a view right after each save, the cache on (issue 15). */
  afterWrite?: AfterWriteResult;
  export: { app: AppExport; sqlite3: ExportRun | null; sqlite3Version: string | null };
  page: PageResult;
  /** The timeline page of the costliest views (facets of 100,000+ events), computed and cached. */
  viewPages?: { key?: string; label: string; path: string; ttfb: Summary; total?: Summary; ttfbCached: Summary }[];
  load: LoadResult | null;
  /** The same load with every read computed (no cache): what the database path alone sustains. */
  loadFresh: LoadResult | null;
  /** The relations board and as-of answer in-process, and GET /api/relations through the app (issue 12). */
  relations?: (RelationsBenchResult & { api: Omit<RepeatedTiming, 'body'> | null }) | null;
}

/** The issue's targets on this machine, at 1,000,000 events. */
export const TARGETS = {
  /** `GET /api/events`, first page computed, server time (issue 15; issue 6 had 50 ms). */
  apiServerP95Ms: 30,
  apiVersusSqlP95: 3,
  aggregateP95Ms: 300,
  exportVersusSqlite: 0.5,
  exportPeakRssBytes: 300 * 1024 * 1024,
  /** Issue 15 (issue 6 had 200 KB). */
  pageJsGzipBytes: 170 * 1024,
  /** The whole page of a cold view (events, total, facets, chart), and of a view right after a save (issue 15). */
  coldPageP95Ms: 150,
  /** The server's resident memory at 1M, the index included, idle and during the export (issue 15). */
  serverRssBytes: 500 * 1024 * 1024,
  loadRequestsPerSecond: 400,
  loadP99Ms: 250,
  /** An editor's save acknowledged under either load (issue 15; decision 0040). */
  saveP99Ms: 500,
  /** From `next start` to the first answered request (issue 15). */
  startupMs: 2000,
};

export interface TargetCheck {
  target: string;
  measured: string;
  met: boolean;
}

const ms = (n: number) => (Number.isFinite(n) ? (n < 10 ? n.toFixed(1) : Math.round(n).toString()) : '-');
const mb = (n: number) => `${(n / 1024 / 1024).toFixed(0)} MB`;
const kb = (n: number) => `${(n / 1024).toFixed(0)} KB`;
const int = (n: number) => Math.round(n).toLocaleString('en');

/** The entry with the highest p95. */
function worst<T extends { p95: number }>(rows: T[]): T {
  return rows.reduce((a, b) => (b.p95 > a.p95 ? b : a));
}

export function checkTargets(size: SizeResult, smallest: SizeResult | null): TargetCheck[] {
  const out: TargetCheck[] = [];
  const s = size.startup;
  out.push({
    target: `start to first answered request (/api/health) < ${TARGETS.startupMs / 1000} s, damaged files still detected`,
    measured:
      `/api/health ${(size.startupMs / 1000).toFixed(2)} s` +
      (s
        ? `, / ${(s.firstPageMs / 1000).toFixed(2)} s; background quick_check ${s.integrity.state}` +
          (s.integrity.durationMs === null ? '' : ` in ${(s.integrity.durationMs / 1000).toFixed(1)} s`)
        : ''),
    met: size.startupMs < TARGETS.startupMs && (!s || s.integrity.state === 'ok'),
  });
  const apis = [...size.combinations.map((c) => ({ key: c.combination.key, p95: c.api.server.p95 })), ...(size.analystApi ?? []).map((a) => ({ key: a.key, p95: a.api.server.p95 }))];
  const worstApi = worst(apis);
  out.push({
    target: `GET /api/events uncached first page, p95 server time < ${TARGETS.apiServerP95Ms} ms, every combination${size.analystApi ? " and analyst's view" : ''}`,
    measured: `worst ${ms(worstApi.p95)} ms (${worstApi.key})`,
    met: worstApi.p95 < TARGETS.apiServerP95Ms,
  });
  const pages = (size.viewPages ?? []).map((v) => ({ key: v.key ?? v.label, p95: (v.total ?? v.ttfb).p95 }));
  if (pages.length > 0) {
    const worstPage = worst(pages);
    out.push({
      target: `the page of a cold view (events, total, facets, chart), p95 < ${TARGETS.coldPageP95Ms} ms to its last byte, every view (${pages.length})`,
      measured: `worst ${ms(worstPage.p95)} ms (${worstPage.key})`,
      met: worstPage.p95 < TARGETS.coldPageP95Ms,
    });
  }
  if (size.afterWrite) {
    const a = size.afterWrite;
    out.push({
      target: `the next reader of a view after each save (cache on), p95 < ${TARGETS.coldPageP95Ms} ms to the last byte`,
      measured: `p50 ${ms(a.total.p50)} / p95 ${ms(a.total.p95)} ms over ${a.total.n} reads after as many saves`,
      met: a.total.p95 < TARGETS.coldPageP95Ms,
    });
  }
  if (size.serverRssWarmBytes !== undefined) {
    const peak = Math.max(size.serverRssWarmBytes, size.export.app.peakRssBytes);
    out.push({
      target: `server memory < ${mb(TARGETS.serverRssBytes)} resident, the index built, idle and during the export`,
      measured: `${mb(size.serverRssWarmBytes)} after every view, ${mb(size.export.app.peakRssBytes)} at the export's peak`,
      met: peak < TARGETS.serverRssBytes,
    });
  }
  const ratios = size.combinations.map((c) => c.api.server.p95 / Math.max(c.inProcess.sql.p95, 0.001));
  const worstRatio = Math.max(...ratios);
  out.push({
    target: `API p95 server time <= ${TARGETS.apiVersusSqlP95}x in-process SQL p95`,
    measured: `worst ${worstRatio.toFixed(1)}x (${size.combinations[ratios.indexOf(worstRatio)]?.combination.key})`,
    met: worstRatio <= TARGETS.apiVersusSqlP95,
  });
  const worstFacets = Math.max(...size.combinations.map((c) => c.inProcess.facets.p95));
  const worstChart = Math.max(...size.combinations.map((c) => c.inProcess.chart.p95));
  out.push({
    target: `facet counts p95 < ${TARGETS.aggregateP95Ms} ms (all seven, through the index)`,
    measured: `worst ${ms(worstFacets)} ms`,
    met: worstFacets < TARGETS.aggregateP95Ms,
  });
  out.push({
    target: `chart aggregate p95 < ${TARGETS.aggregateP95Ms} ms`,
    measured: `worst ${ms(worstChart)} ms`,
    met: worstChart < TARGETS.aggregateP95Ms,
  });
  const { app, sqlite3 } = size.export;
  if (sqlite3) {
    const ratio = app.rowsPerSecond / sqlite3.rowsPerSecond;
    out.push({
      target: `CSV export >= ${TARGETS.exportVersusSqlite}x sqlite3 -csv rows/s`,
      measured: `${int(app.rowsPerSecond)} vs ${int(sqlite3.rowsPerSecond)} rows/s (${ratio.toFixed(2)}x)`,
      met: ratio >= TARGETS.exportVersusSqlite,
    });
  }
  out.push({
    target: `CSV export peak server memory < ${mb(TARGETS.exportPeakRssBytes)}`,
    measured: `${mb(app.peakRssBytes)} (idle before: ${mb(app.rssBeforeBytes)})`,
    met: app.peakRssBytes < TARGETS.exportPeakRssBytes,
  });
  if (smallest && smallest.events < size.events) {
    const growth = app.peakRssBytes / smallest.export.app.peakRssBytes;
    out.push({
      target: 'CSV export memory flat in the row count',
      measured: `${mb(smallest.export.app.peakRssBytes)} at ${int(smallest.events)} events, ${mb(app.peakRssBytes)} at ${int(size.events)} (${growth.toFixed(2)}x for ${int(size.events / smallest.events)}x the rows)`,
      met: growth < 1.5,
    });
  }
  out.push({
    target: `timeline page JavaScript < ${kb(TARGETS.pageJsGzipBytes)} gzipped`,
    measured: kb(size.page.jsGzipBytes),
    met: size.page.jsGzipBytes < TARGETS.pageJsGzipBytes,
  });
  for (const l of [size.load, size.loadFresh]) {
    if (!l) continue;
    out.push({
      target: `load >= ${TARGETS.loadRequestsPerSecond} req/s at p99 < ${TARGETS.loadP99Ms} ms, no errors, no lost writes${l.fresh ? ' (no cache)' : ''}`,
      measured: `${int(l.requestsPerSecond)} req/s, p99 ${ms(l.latency.p99)} ms, ${l.errors + l.timeouts + l.non2xx} errors, ${l.writes.acknowledged}/${l.writes.attempted} writes acknowledged, ${l.writes.lost} lost, ${l.writes.failed} failed`,
      met:
        l.requestsPerSecond >= TARGETS.loadRequestsPerSecond &&
        l.latency.p99 < TARGETS.loadP99Ms &&
        l.errors + l.timeouts + l.non2xx === 0 &&
        l.writes.lost === 0 &&
        l.writes.failed === 0,
    });
    out.push({
      target: `an editor's save under that load, p99 < ${TARGETS.saveP99Ms} ms${l.fresh ? ' (no cache)' : ''}`,
      measured: `p50 ${ms(l.writes.latencyP50)} / p99 ${ms(l.writes.latencyP99)} ms over ${l.writes.acknowledged} saves`,
      met: l.writes.latencyP99 < TARGETS.saveP99Ms,
    });
  }
  if (size.relations) {
    const r = size.relations;
    out.push({
      target: `relations board p95 < ${RELATIONS_TARGETS.boardP95Ms} ms (${r.rows} rows over ${r.years} years, in-process, computed)`,
      measured: `${ms(r.board.p95)} ms (p50 ${ms(r.board.p50)})`,
      met: r.board.p95 < RELATIONS_TARGETS.boardP95Ms,
    });
    const asOf = r.api?.server ?? r.asOf;
    out.push({
      target: `GET /api/relations as-of p95 server time < ${RELATIONS_TARGETS.asOfP95Ms} ms`,
      measured: `${ms(asOf.p95)} ms (p50 ${ms(asOf.p50)}; in-process ${ms(r.asOf.p95)})`,
      met: asOf.p95 < RELATIONS_TARGETS.asOfP95Ms,
    });
  }
  return out;
}

function table(headers: string[], rows: string[][]): string {
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
  return [line(headers), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

const pair = (s: Summary) => `${ms(s.p50)} / ${ms(s.p95)}`;

export function formatSize(size: SizeResult, checks: TargetCheck[], runs: number): string {
  const parts: string[] = [];
  parts.push(
    `\n=== ${int(size.events)} events (${(size.databaseBytes / 1e9).toFixed(2)} GB; the app answered /api/health ${(size.startupMs / 1000).toFixed(2)} s after start` +
      (size.startup
        ? `, / ${(size.startup.firstPageMs / 1000).toFixed(2)} s; its background integrity check: ${size.startup.integrity.state}` +
          (size.startup.integrity.durationMs === null ? '' : ` in ${(size.startup.integrity.durationMs / 1000).toFixed(1)} s`) +
          (size.startup.facetIndex
            ? `; facet index ${size.startup.facetIndex.state}` + (size.startup.facetIndex.buildMs === null ? '' : ` (built in ${(size.startup.facetIndex.buildMs / 1000).toFixed(1)} s)`)
            : '')
        : '') +
      ') ===',
  );
  parts.push(
    `\nGET /api/events, first page of 50: ${runs} sequential requests each, p50 / p95 in ms. "app" is every request computed ` +
      `(Cache-Control: no-cache); "cached" is the same request as readers send it, served from the cache until the next write.`,
  );
  parts.push(
    table(
      ['combination', 'events', 'app server', 'app round trip', 'SQL in-process', 'node:http server', 'node:http trip', 'server/SQL p95', 'cached trip'],
      size.combinations.map((c) => [
        c.combination.label,
        c.total === null ? '-' : int(c.total),
        pair(c.api.server),
        pair(c.api.total),
        pair(c.inProcess.sql),
        pair(c.baselineHttp.server),
        pair(c.baselineHttp.total),
        `${(c.api.server.p95 / Math.max(c.inProcess.sql.p95, 0.001)).toFixed(1)}x`,
        pair(c.apiCached.total),
      ]),
    ),
  );
  parts.push('\nThrough the facet index (decision 0039), cold, in-process, p50 / p95 in ms');
  parts.push(
    table(
      ['combination', 'all 7 facets', 'chart', 'whole page (events, total, facets, chart)', 'API first page'],
      size.combinations.map((c) => [
        c.combination.label,
        pair(c.inProcess.facets),
        pair(c.inProcess.chart),
        pair(c.inProcess.indexed.view),
        pair(c.inProcess.indexed.page),
      ]),
    ),
  );
  const { app, sqlite3, sqlite3Version } = size.export;
  parts.push('\nCSV export of the whole published timeline');
  parts.push(
    table(
      ['', 'rows', 'seconds', 'rows/s', 'MB', 'peak RSS'],
      [
        ['app (GET /api/events/export)', int(app.rows), app.seconds.toFixed(1), int(app.rowsPerSecond), (app.bytes / 1e6).toFixed(0), mb(app.peakRssBytes)],
        ...(sqlite3
          ? [[`sqlite3 ${sqlite3Version ?? ''} -csv, same SELECT`, int(sqlite3.rows), sqlite3.seconds.toFixed(1), int(sqlite3.rowsPerSecond), (sqlite3.bytes / 1e6).toFixed(0), '-']]
          : []),
      ],
    ),
  );
  parts.push(
    `\nTimeline page ${size.page.path}: TTFB p50 ${ms(size.page.ttfb.p50)} ms, p95 ${ms(size.page.ttfb.p95)} ms computed ` +
      `(p50 ${ms(size.page.ttfbCached.p50)} ms as readers get it, cached until the next write); ` +
      `JavaScript ${size.page.scripts.length} chunks, ${kb(size.page.jsBytes)} (${kb(size.page.jsGzipBytes)} gzipped)` +
      (size.page.legacyScripts.length
        ? `, plus ${kb(size.page.legacyScripts.reduce((n, s) => n + s.gzipBytes, 0))} gzipped of polyfills that only browsers without modules load`
        : ''),
  );
  if (size.analystApi?.length) {
    parts.push('\nGET /api/events for the views of an analyst exploring, every request computed: p50 / p95 in ms');
    parts.push(
      table(
        ['view', 'query', 'app server', 'app round trip'],
        size.analystApi.map((a) => [a.label, a.query, pair(a.api.server), pair(a.api.total)]),
      ),
    );
  }
  if (size.viewPages?.length) {
    parts.push('\nTimeline page of each view: computed (first byte, last byte) and cached (first byte), p50 / p95 in ms');
    parts.push(
      table(
        ['view', 'path', 'computed, first byte', 'computed, whole page', 'cached'],
        size.viewPages.map((v) => [v.label, v.path.length > 60 ? `${v.path.slice(0, 57)}...` : v.path, pair(v.ttfb), v.total ? pair(v.total) : '-', pair(v.ttfbCached)]),
      ),
    );
  }
  if (size.afterWrite) {
    const a = size.afterWrite;
    parts.push(
      `\nThe next reader after each save (cache on): ${a.saves} saves, each followed by one view's page; first byte ${pair(a.ttfb)} ms, ` +
        `whole page ${pair(a.total)} ms (p50 / p95); by view: ${a.byPath.map((b) => `${b.path} ${pair(b.total)}`).join('; ')}`,
    );
  }
  for (const l of [size.load, size.loadFresh]) {
    if (!l) continue;
    parts.push(
      `\nLoad${l.fresh ? ', every read computed (Cache-Control: no-cache)' : ''}: ${l.connections} connections on GET /api/events for ${l.seconds} s, 10 writes/s through POST /api/events: ` +
        `${int(l.requestsPerSecond)} req/s, latency p50 ${ms(l.latency.p50)} / p99 ${ms(l.latency.p99)} ms, ` +
        `errors ${l.errors}, timeouts ${l.timeouts}, non-2xx ${l.non2xx}; writes ${l.writes.acknowledged}/${l.writes.attempted} acknowledged ` +
        `(p50 ${ms(l.writes.latencyP50)} / p99 ${ms(l.writes.latencyP99)} ms), ${l.writes.lost} lost${l.writes.failures.length ? `; failures: ${l.writes.failures.join(' | ')}` : ''}`,
    );
  }
  if (size.relations) {
    const r = size.relations;
    parts.push(
      `\nRelations with ${r.counterpart} (${r.rows} rows, ${r.years} years, ${int(r.changes)} changes, ${int(r.markers)} event markers): ` +
        `board in-process p50 / p95 ${pair(r.board)} ms computed, ${pair(r.boardCached)} ms as readers get it (reads cached until the next write); ` +
        `as-of answer in-process ${pair(r.asOf)} ms computed, ${pair(r.asOfCached)} ms cached (${kb(r.asOfBytes)} of JSON)` +
        (r.api ? `; GET /api/relations server ${pair(r.api.server)} ms, round trip ${pair(r.api.total)} ms` : ''),
    );
  }
  parts.push(`\nTargets (the issue sets them at 1,000,000 events):`);
  for (const c of checks) parts.push(`  ${c.met ? 'met   ' : 'MISSED'}  ${c.target}: ${c.measured}`);
  return parts.join('\n');
}
