/**
 * What `npm run lighthouse` reads from a Lighthouse report, and the targets of issue 15 it checks:
 * on a phone, performance at least 90, layout shift under 0.05, accessibility 100, and the page's
 * JavaScript under 170 KB as sent (gzipped).
 */

export const LIGHTHOUSE_TARGETS = {
  performance: 90,
  cls: 0.05,
  accessibility: 100,
  scriptTransferBytes: 170 * 1024,
} as const;

export interface LighthouseFigures {
  /** Category scores, 0-100. */
  performance: number;
  accessibility: number;
  fcpMs: number;
  lcpMs: number;
  tbtMs: number;
  cls: number;
  speedIndexMs: number;
  /** Main-thread work and script boot-up, as Lighthouse reports them (scaled by its 4× CPU slowdown). */
  mainThreadMs: number;
  bootupMs: number;
  /** Every script the page loaded, as sent over the wire (gzipped), and uncompressed. */
  scriptTransferBytes: number;
  scriptResourceBytes: number;
  /** Main-thread time by kind of work (script evaluation, style and layout, parsing...). */
  mainThreadByGroup: Record<string, number>;
  /** The accessibility audits the page fails, by Lighthouse's id (e.g. "color-contrast"). */
  accessibilityFailures: string[];
  /** The scripts that took longest to run, with their time. */
  bootupByScript: { url: string; totalMs: number; scriptingMs: number }[];
}

/** The parts of a Lighthouse result (LH.Result) this reads: loose, so a test can build one by hand. */
export interface LighthouseResultLike {
  categories: Record<string, { score: number | null; auditRefs?: { id: string; weight: number }[] } | undefined>;
  audits: Record<string, { score?: number | null; numericValue?: number; details?: object } | undefined>;
}

function numeric(lhr: LighthouseResultLike, id: string): number {
  const value = lhr.audits[id]?.numericValue;
  if (typeof value !== 'number') throw new Error(`The Lighthouse report has no figure for ${id}.`);
  return value;
}

function items<T>(lhr: LighthouseResultLike, id: string): T[] {
  const details = lhr.audits[id]?.details as { items?: T[] } | undefined;
  return details?.items ?? [];
}

function score(lhr: LighthouseResultLike, category: string): number {
  const s = lhr.categories[category]?.score;
  if (typeof s !== 'number') throw new Error(`The Lighthouse report has no ${category} score.`);
  return Math.round(s * 100);
}

export function pageFigures(lhr: LighthouseResultLike): LighthouseFigures {
  const scripts = items<{ resourceType?: string; transferSize?: number; resourceSize?: number }>(lhr, 'network-requests').filter(
    (r) => r.resourceType === 'Script',
  );
  return {
    performance: score(lhr, 'performance'),
    accessibility: score(lhr, 'accessibility'),
    fcpMs: numeric(lhr, 'first-contentful-paint'),
    lcpMs: numeric(lhr, 'largest-contentful-paint'),
    tbtMs: numeric(lhr, 'total-blocking-time'),
    cls: numeric(lhr, 'cumulative-layout-shift'),
    speedIndexMs: numeric(lhr, 'speed-index'),
    mainThreadMs: numeric(lhr, 'mainthread-work-breakdown'),
    bootupMs: numeric(lhr, 'bootup-time'),
    scriptTransferBytes: scripts.reduce((n, r) => n + (r.transferSize ?? 0), 0),
    scriptResourceBytes: scripts.reduce((n, r) => n + (r.resourceSize ?? 0), 0),
    accessibilityFailures: (lhr.categories.accessibility?.auditRefs ?? [])
      .filter((ref) => ref.weight > 0 && lhr.audits[ref.id]?.score === 0)
      .map((ref) => ref.id),
    mainThreadByGroup: Object.fromEntries(
      items<{ groupLabel: string; duration: number }>(lhr, 'mainthread-work-breakdown').map((g) => [g.groupLabel, Math.round(g.duration)]),
    ),
    bootupByScript: items<{ url: string; total: number; scripting: number }>(lhr, 'bootup-time').map((s) => ({
      url: s.url.replace(/^https?:\/\/[^/]+/, ''),
      totalMs: Math.round(s.total),
      scriptingMs: Math.round(s.scripting),
    })),
  };
}

/** The targets a page misses, each in words with the figure; empty when it meets them all. */
export function missedTargets(f: LighthouseFigures): string[] {
  const t = LIGHTHOUSE_TARGETS;
  const missed: string[] = [];
  if (f.performance < t.performance) missed.push(`performance ${f.performance} (target ≥ ${t.performance})`);
  if (f.cls >= t.cls) missed.push(`cumulative layout shift ${f.cls.toFixed(3)} (target < ${t.cls})`);
  if (f.accessibility < t.accessibility) {
    const failing = f.accessibilityFailures.length > 0 ? `; failing: ${f.accessibilityFailures.join(', ')}` : '';
    missed.push(`accessibility ${f.accessibility} (target ${t.accessibility}${failing})`);
  }
  if (f.scriptTransferBytes >= t.scriptTransferBytes) {
    missed.push(`JavaScript ${(f.scriptTransferBytes / 1024).toFixed(0)} KB gzipped (target < ${t.scriptTransferBytes / 1024} KB)`);
  }
  return missed;
}
