import { describe, expect, it } from 'vitest';
import { missedTargets, pageFigures, type LighthouseResultLike } from './lighthouse-targets';

function report(over: { performance?: number; accessibility?: number; cls?: number; scripts?: number[] } = {}): LighthouseResultLike {
  const value = (numericValue: number) => ({ numericValue });
  return {
    categories: { performance: { score: (over.performance ?? 95) / 100 }, accessibility: { score: (over.accessibility ?? 100) / 100 } },
    audits: {
      'first-contentful-paint': value(900),
      'largest-contentful-paint': value(1800),
      'total-blocking-time': value(120),
      'cumulative-layout-shift': value(over.cls ?? 0.01),
      'speed-index': value(1500),
      'mainthread-work-breakdown': { numericValue: 1900, details: { items: [{ groupLabel: 'Script Evaluation', duration: 800.4 }] } },
      'bootup-time': { numericValue: 900, details: { items: [{ url: 'http://127.0.0.1:3450/_next/static/chunks/a.js', total: 500, scripting: 400 }] } },
      'network-requests': {
        details: {
          items: [
            { resourceType: 'Document', transferSize: 30_000, resourceSize: 90_000 },
            ...(over.scripts ?? [60_000, 40_000]).map((transferSize) => ({ resourceType: 'Script', transferSize, resourceSize: transferSize * 3 })),
          ],
        },
      },
    },
  };
}

describe('the Lighthouse figures and targets of a phone’s first load', () => {
  it('reads the scores, the metrics and the scripts as sent, and passes a page that meets every target', () => {
    const f = pageFigures(report());
    expect(f).toMatchObject({ performance: 95, accessibility: 100, lcpMs: 1800, tbtMs: 120, cls: 0.01, scriptTransferBytes: 100_000 });
    expect(f.mainThreadByGroup).toEqual({ 'Script Evaluation': 800 });
    expect(f.bootupByScript).toEqual([{ url: '/_next/static/chunks/a.js', totalMs: 500, scriptingMs: 400 }]);
    expect(missedTargets(f)).toEqual([]);
  });

  it('names each missed target with its figure', () => {
    const f = pageFigures(report({ performance: 89, accessibility: 96, cls: 0.05, scripts: [100_000, 75_000] }));
    expect(missedTargets(f)).toEqual([
      'performance 89 (target ≥ 90)',
      'cumulative layout shift 0.050 (target < 0.05)',
      'accessibility 96 (target 100)',
      'JavaScript 171 KB gzipped (target < 170 KB)',
    ]);
  });

  it('refuses a report without the figures rather than reading them as zero', () => {
    const broken = report();
    delete broken.audits['total-blocking-time'];
    expect(() => pageFigures(broken)).toThrow('no figure for total-blocking-time');
  });
});
