/**
 * The timeline page as a browser first gets it: time to first byte of the HTML, and the
 * JavaScript it loads (every `<script src>` chunk of the page, gzipped as a server would send it).
 */
import zlib from 'node:zlib';
import { timedGet } from './http';
import { benchEvent } from './load';
import { sameOriginHeaders } from '../harness/staff-client';
import { summarise, type Summary } from './stats';

export interface PageResult {
  path: string;
  /** Every request computed (`Cache-Control: no-cache`, as a hard reload sends). */
  ttfb: Summary;
  total: Summary;
  /** As readers get it: the view from the cache of the current database state (lib/timeline-view.ts). */
  ttfbCached: Summary;
  htmlBytes: number;
  /** What a current browser loads: every script but the legacy (nomodule) ones. */
  scripts: { src: string; bytes: number; gzipBytes: number }[];
  jsBytes: number;
  jsGzipBytes: number;
  /** Polyfills for browsers without modules (`<script nomodule>`), which current browsers skip. */
  legacyScripts: { src: string; bytes: number; gzipBytes: number }[];
}

/** Time to first byte of a page, computed every time and as readers get it (cached); the last HTML. */
export async function measureTtfb(
  base: string,
  path: string,
  runs: number,
  headers: Record<string, string> = {},
): Promise<{ ttfb: Summary; total: Summary; ttfbCached: Summary; html: string }> {
  const ttfb: number[] = [];
  const total: number[] = [];
  const ttfbCached: number[] = [];
  let html = '';
  for (const fresh of [true, false]) {
    for (let i = 0; i < runs + 2; i++) {
      const t = await timedGet(`${base}${path}`, { accept: 'text/html', ...headers, ...(fresh ? { 'cache-control': 'no-cache' } : {}) });
      if (t.status !== 200) throw new Error(`${path} answered ${t.status}`);
      if (i >= 2) {
        (fresh ? ttfb : ttfbCached).push(t.firstByte);
        if (fresh) total.push(t.total);
      }
      html = t.body.toString('utf8');
    }
  }
  return { ttfb: summarise(ttfb), total: summarise(total), ttfbCached: summarise(ttfbCached), html };
}

export async function measurePage(base: string, path: string, runs: number): Promise<PageResult> {
  const { ttfb, total, ttfbCached, html } = await measureTtfb(base, path, runs);
  const tags = [...html.matchAll(/<script([^>]*)\ssrc="([^"]+)"([^>]*)>/g)].map((m) => ({
    src: m[2]!.replace(/&amp;/g, '&'),
    legacy: /\snomodule\b/i.test(`${m[1]} ${m[3]}`),
  }));
  const scripts: PageResult['scripts'] = [];
  const legacyScripts: PageResult['scripts'] = [];
  const seen = new Set<string>();
  for (const { src, legacy } of tags) {
    const url = new URL(src, base);
    if (url.origin !== new URL(base).origin || seen.has(url.pathname)) continue;
    seen.add(url.pathname);
    const t = await timedGet(url.toString());
    if (t.status !== 200) throw new Error(`${src} answered ${t.status}`);
    (legacy ? legacyScripts : scripts).push({ src: url.pathname, bytes: t.bytes, gzipBytes: zlib.gzipSync(t.body, { level: 9 }).length });
  }
  return {
    legacyScripts,
    path,
    ttfb,
    total,
    ttfbCached,
    htmlBytes: Buffer.byteLength(html),
    scripts,
    jsBytes: scripts.reduce((n, s) => n + s.bytes, 0),
    jsGzipBytes: scripts.reduce((n, s) => n + s.gzipBytes, 0),
  };
}

export interface AfterWriteResult {
  /** Saves made, one before each read. */
  saves: number;
  /** The first reader of a view's page right after a save, as readers ask (no `no-cache`): to the first and to the last byte. */
  ttfb: Summary;
  total: Summary;
  /** The whole page, per view. */
  byPath: { path: string; total: Summary }[];
}

/**
 * The next reader after a write (issue 15): an editor saves an event, then a reader opens a view
 * as readers do (the cache would serve it, but the save emptied it, and the facet index must catch
 * up on the saved event first). `rounds` saves and reads for each view, after one unmeasured round.
 */
export async function measureAfterWrite(base: string, cookie: string, paths: string[], rounds: number): Promise<AfterWriteResult> {
  const ttfb: number[] = [];
  const total: number[] = [];
  const byPath = new Map<string, number[]>(paths.map((p) => [p, []]));
  let saves = 0;
  for (let round = 0; round <= rounds; round++) {
    for (const path of paths) {
      const response = await fetch(`${base}/api/events`, {
        method: 'POST',
        headers: sameOriginHeaders(base, cookie),
        body: JSON.stringify({ event: benchEvent(1_000_000 + saves) }),
      });
      await response.arrayBuffer();
      if (response.status !== 201) throw new Error(`the save before reading ${path} answered ${response.status}`);
      saves++;
      const t = await timedGet(`${base}${path}`, { accept: 'text/html' });
      if (t.status !== 200) throw new Error(`${path} answered ${t.status} after a save`);
      if (round === 0) continue;
      ttfb.push(t.firstByte);
      total.push(t.total);
      byPath.get(path)!.push(t.total);
    }
  }
  return { saves, ttfb: summarise(ttfb), total: summarise(total), byPath: paths.map((path) => ({ path, total: summarise(byPath.get(path)!) })) };
}
