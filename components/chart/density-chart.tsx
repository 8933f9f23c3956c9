'use client';

import { useRouter } from 'next/navigation';
import { useEffect, useId, useRef, useState, useTransition, type KeyboardEvent } from 'react';
import { TypeSwatch } from '@/components/ui/type-badge';
import type { DensityBucket, DensityChartData } from '@/db/queries/density';
import { EVENT_TYPES, eventTypeInfo, type EventTypeKey } from '@/lib/event-types';
import { filtersHref, withDates, type TimelineFilters } from '@/lib/filters';

// Drawing area, in viewBox units; the SVG scales to its container's width.
const W = 720;
const H = 170;
const LEFT = 30;
const RIGHT = 4;
const TOP = 10;
const BOTTOM = 22;
const PLOT_W = W - LEFT - RIGHT;
const PLOT_H = H - TOP - BOTTOM;

const UNIT_HEADINGS: Record<DensityChartData['unit'], string> = { month: 'Month', year: 'Year', decade: 'Decade', century: 'Century' };

function countPhrase(n: number, type?: EventTypeKey): string {
  if (!type) return n === 1 ? '1 event' : `${n} events`;
  const info = eventTypeInfo(type);
  return `${n} ${n === 1 ? info.label.toLowerCase() : info.plural.toLowerCase()}`;
}

function periodName(bucket: DensityBucket): string {
  return bucket.name;
}

function barLabel(bucket: DensityBucket): string {
  const parts = EVENT_TYPES.filter((t) => bucket.counts[t.key] > 0).map((t) => countPhrase(bucket.counts[t.key], t.key));
  return `${periodName(bucket)}: ${countPhrase(bucket.total)}${parts.length > 0 ? ` (${parts.join(', ')})` : ''}`;
}

function axisLabel(bucket: DensityBucket, i: number, n: number, unit: DensityChartData['unit']): string | null {
  if (unit !== 'month') {
    const step = Math.ceil(n / 12);
    return i % step === 0 || i === n - 1 ? bucket.label : null;
  }
  const month = bucket.key.slice(5, 7);
  if (n <= 12) return bucket.label.slice(0, 3);
  if (i === 0 || month === '01') return n <= 24 && month !== '01' ? bucket.label : bucket.key.slice(0, 4);
  return null;
}

/**
 * Events per month (or year, decade or century, so never more than MAX_BARS bars) stacked by type.
 * Every bar is a link that narrows the date filter to its period, so the chart works without
 * JavaScript; with it, dragging across bars (or Shift+arrow keys) selects a span. One tab stop:
 * arrow keys move between bars. A table holds the same numbers.
 */
export function DensityChart({
  chart,
  filters,
  basePath,
}: {
  chart: DensityChartData;
  filters: TimelineFilters;
  basePath: string;
}) {
  const router = useRouter();
  const [isPending, startTransition] = useTransition();
  const n = chart.buckets.length;
  const lastWithEvents = chart.buckets.findLastIndex((b) => b.total > 0);
  const [active, setActive] = useState(Math.max(lastWithEvents, 0));
  const [selection, setSelection] = useState<{ anchor: number; end: number } | null>(null);
  const [seenChart, setSeenChart] = useState(chart);
  // React types an <a> inside <svg> as HTMLAnchorElement; at run time it is an SVGAElement.
  const bars = useRef<(HTMLAnchorElement | null)[]>([]);
  const drag = useRef<{ start: number; end: number } | null>(null);
  const refocus = useRef(false);
  const captionId = useId();
  const helpId = useId();

  // A new chart (after narrowing) starts afresh: its bars are different periods.
  if (seenChart !== chart) {
    setSeenChart(chart);
    setActive(Math.max(lastWithEvents, 0));
    setSelection(null);
  }

  useEffect(() => {
    // After narrowing with the keyboard, keep focus in the chart rather than losing it to the page.
    if (refocus.current && !isPending) {
      refocus.current = false;
      bars.current[active]?.focus();
    }
  }, [chart, isPending, active]);

  const hrefFor = (a: number, b: number) => {
    const lo = Math.min(a, b);
    const hi = Math.max(a, b);
    return filtersHref(basePath, withDates(filters, chart.buckets[lo]!.from, chart.buckets[hi]!.to));
  };

  const go = (a: number, b: number, fromKeyboard = false) => {
    refocus.current = fromKeyboard;
    startTransition(() => router.push(hrefFor(a, b), { scroll: false }));
  };

  const moveTo = (i: number, extend: boolean) => {
    const next = Math.min(Math.max(i, 0), n - 1);
    setActive(next);
    setSelection(extend ? { anchor: selection?.anchor ?? active, end: next } : null);
    bars.current[next]?.focus();
  };

  const onKeyDown = (e: KeyboardEvent<HTMLAnchorElement>, i: number) => {
    if (e.key === 'ArrowRight' || e.key === 'ArrowUp') moveTo(i + 1, e.shiftKey);
    else if (e.key === 'ArrowLeft' || e.key === 'ArrowDown') moveTo(i - 1, e.shiftKey);
    else if (e.key === 'Home') moveTo(0, e.shiftKey);
    else if (e.key === 'End') moveTo(n - 1, e.shiftKey);
    else if (e.key === 'Escape' && selection) setSelection(null);
    else if ((e.key === 'Enter' || e.key === ' ') && selection && selection.anchor !== selection.end) {
      go(selection.anchor, selection.end, true);
    } else if (e.key === ' ') go(i, i, true);
    else return;
    e.preventDefault();
  };

  const startDrag = (i: number, pointerType: string, button: number) => {
    if (pointerType !== 'mouse' || button !== 0) return;
    drag.current = { start: i, end: i };
    window.addEventListener(
      'pointerup',
      () => {
        const d = drag.current;
        drag.current = null;
        if (d && d.start !== d.end) go(d.start, d.end);
      },
      { once: true },
    );
  };

  const slot = PLOT_W / n;
  const barWidth = Math.max(1, slot * (n > 40 ? 0.86 : 0.72));
  const scale = chart.max > 0 ? PLOT_H / chart.max : 0;
  const unitWord = chart.unit;
  const typesShown = EVENT_TYPES.filter((t) => chart.buckets.some((b) => b.counts[t.key] > 0));
  const sel = selection && selection.anchor !== selection.end ? [Math.min(selection.anchor, selection.end), Math.max(selection.anchor, selection.end)] : null;

  return (
    <figure
      aria-labelledby={captionId}
      className="rounded border border-zinc-200 p-3 dark:border-zinc-800"
      data-pending={isPending ? '' : undefined}
      data-testid="density-chart"
    >
      <figcaption id={captionId} className="flex flex-wrap items-baseline justify-between gap-2 text-sm">
        <span className="font-medium">Events per {unitWord}, by type</span>
        <span id={helpId} className="text-xs text-zinc-600 dark:text-zinc-400">
          Select a bar to narrow the dates; drag across bars (or use Shift with the arrow keys) for a span.
        </span>
      </figcaption>
      {chart.max === 0 ? (
        <p className="py-6 text-sm text-zinc-600 dark:text-zinc-400">
          None of these events is dated to a month, so there is nothing to draw by month.
        </p>
      ) : (
        <svg
          viewBox={`0 0 ${W} ${H}`}
          className="mt-2 h-auto w-full select-none"
          role="group"
          aria-label={`Bars, one per ${unitWord}`}
          aria-describedby={helpId}
          onDragStart={(e) => e.preventDefault()}
        >
          <line x1={LEFT} x2={W - RIGHT} y1={TOP + PLOT_H + 0.5} y2={TOP + PLOT_H + 0.5} className="stroke-zinc-400" strokeWidth={1} />
          <line x1={LEFT} x2={W - RIGHT} y1={TOP + 0.5} y2={TOP + 0.5} className="stroke-zinc-200 dark:stroke-zinc-800" strokeWidth={1} />
          <text x={LEFT - 6} y={TOP + 4} textAnchor="end" fontSize={11} className="fill-zinc-600 dark:fill-zinc-400">
            {chart.max}
          </text>
          <text x={LEFT - 6} y={TOP + PLOT_H} textAnchor="end" fontSize={11} className="fill-zinc-600 dark:fill-zinc-400">
            0
          </text>
          {sel ? (
            <rect
              x={LEFT + sel[0]! * slot}
              y={TOP}
              width={(sel[1]! - sel[0]! + 1) * slot}
              height={PLOT_H}
              className="fill-blue-500/15 stroke-blue-600"
              strokeWidth={1}
              data-testid="chart-selection"
            />
          ) : null}
          {chart.buckets.map((bucket, i) => {
            let y = TOP + PLOT_H;
            const x = LEFT + i * slot + (slot - barWidth) / 2;
            const label = axisLabel(bucket, i, n, chart.unit);
            return (
              <a
                key={bucket.key}
                ref={(el) => {
                  bars.current[i] = el;
                }}
                href={hrefFor(i, i)}
                tabIndex={i === active ? 0 : -1}
                aria-label={barLabel(bucket)}
                className="group no-underline outline-none"
                data-testid="chart-bar"
                onClick={(e) => {
                  e.preventDefault();
                  go(i, i, e.detail === 0);
                }}
                onFocus={() => setActive(i)}
                onKeyDown={(e) => onKeyDown(e, i)}
                onPointerDown={(e) => startDrag(i, e.pointerType, e.button)}
                onPointerEnter={() => {
                  if (!drag.current) return;
                  drag.current.end = i;
                  setSelection({ anchor: drag.current.start, end: i });
                }}
              >
                <title>{barLabel(bucket)}</title>
                <rect x={LEFT + i * slot} y={TOP} width={slot} height={PLOT_H} className="fill-transparent group-hover:fill-zinc-500/10" />
                {EVENT_TYPES.map((t) => {
                  const c = bucket.counts[t.key];
                  if (c === 0) return null;
                  const h = c * scale;
                  y -= h;
                  return <rect key={t.key} x={x} y={y} width={barWidth} height={h} fill={t.color} />;
                })}
                <rect
                  x={LEFT + i * slot + 1}
                  y={TOP + 1}
                  width={Math.max(slot - 2, 1)}
                  height={PLOT_H - 2}
                  className="fill-none stroke-transparent group-focus-visible:stroke-blue-600 dark:group-focus-visible:stroke-blue-400"
                  strokeWidth={2}
                />
                {label ? (
                  <text
                    x={LEFT + i * slot + slot / 2}
                    y={H - 6}
                    textAnchor="middle"
                    fontSize={11}
                    className="fill-zinc-600 dark:fill-zinc-400"
                  >
                    {label}
                  </text>
                ) : null}
              </a>
            );
          })}
        </svg>
      )}
      <div className="mt-2 flex flex-wrap items-center gap-x-4 gap-y-1 text-xs text-zinc-700 dark:text-zinc-300">
        <ul className="flex flex-wrap gap-x-3 gap-y-1" aria-label="Legend">
          {typesShown.map((t) => (
            <li key={t.key} className="inline-flex items-center gap-1.5">
              <TypeSwatch type={t.key} />
              {t.plural}
            </li>
          ))}
        </ul>
        {chart.yearOnly > 0 ? (
          <p className="text-zinc-600 dark:text-zinc-400" data-testid="chart-year-only">
            {chart.yearOnly === 1 ? '1 event is' : `${chart.yearOnly} events are`} dated only to the year and not drawn by month.
          </p>
        ) : null}
      </div>
      <details className="mt-2 text-sm">
        <summary className="cursor-pointer text-zinc-700 dark:text-zinc-300">Show the chart as a table</summary>
        <table className="mt-2 w-full text-left text-xs tabular-nums">
          <caption className="sr-only">Events per {unitWord}, by type</caption>
          <thead>
            <tr className="border-b border-zinc-200 dark:border-zinc-800">
              <th scope="col" className="py-1 pr-2 font-medium">
                {UNIT_HEADINGS[chart.unit]}
              </th>
              <th scope="col" className="py-1 pr-2 font-medium">
                Events
              </th>
              {typesShown.map((t) => (
                <th key={t.key} scope="col" className="py-1 pr-2 font-medium">
                  {t.plural}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {chart.buckets
              .filter((b) => b.total > 0)
              .map((b) => (
                <tr key={b.key} className="border-b border-zinc-100 dark:border-zinc-900">
                  <th scope="row" className="py-1 pr-2 font-normal">
                    {periodName(b)}
                  </th>
                  <td className="py-1 pr-2">{b.total}</td>
                  {typesShown.map((t) => (
                    <td key={t.key} className="py-1 pr-2">
                      {b.counts[t.key]}
                    </td>
                  ))}
                </tr>
              ))}
          </tbody>
        </table>
      </details>
    </figure>
  );
}
