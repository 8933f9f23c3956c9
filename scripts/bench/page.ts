/**
 * The timeline page as a browser first gets it: time to first byte of the HTML, and the
 * JavaScript it loads (every `<script src>` chunk of the page, gzipped as a server would send it).
 */
import zlib from 'node:zlib';
import { timedGet } from './http';
import { summarise, type Summary } from './stats';

export interface PageResult {
  path: string;
  ttfb: Summary;
  total: Summary;
  htmlBytes: number;
  /** What a current browser loads: every script but the legacy (nomodule) ones. */
  scripts: { src: string; bytes: number; gzipBytes: number }[];
  jsBytes: number;
  jsGzipBytes: number;
  /** Polyfills for browsers without modules (`<script nomodule>`), which current browsers skip. */
  legacyScripts: { src: string; bytes: number; gzipBytes: number }[];
}

export async function measurePage(base: string, path: string, runs: number): Promise<PageResult> {
  const ttfb: number[] = [];
  const total: number[] = [];
  let html = '';
  for (let i = 0; i < runs + 2; i++) {
    const t = await timedGet(`${base}${path}`, { accept: 'text/html' });
    if (t.status !== 200) throw new Error(`${path} answered ${t.status}`);
    if (i >= 2) {
      ttfb.push(t.firstByte);
      total.push(t.total);
    }
    html = t.body.toString('utf8');
  }
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
    ttfb: summarise(ttfb),
    total: summarise(total),
    htmlBytes: Buffer.byteLength(html),
    scripts,
    jsBytes: scripts.reduce((n, s) => n + s.bytes, 0),
    jsGzipBytes: scripts.reduce((n, s) => n + s.gzipBytes, 0),
  };
}
