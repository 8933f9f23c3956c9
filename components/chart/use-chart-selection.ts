'use client';

import { useRouter } from 'next/navigation';
import { useEffect, useRef, useState, useTransition, type KeyboardEvent } from 'react';
import type { DensityChartData } from '@/db/queries/density';
import { filtersHref, withDates, type TimelineFilters } from '@/lib/filter-url';

/**
 * Which bar has the chart's one tab stop, and the span being selected, by keyboard (arrows move,
 * Shift+arrows extend, Enter or Space narrows, Escape drops the span) or by dragging with the
 * mouse. Narrowing is a navigation to the span's dates.
 */
export function useChartSelection(chart: DensityChartData, filters: TimelineFilters, basePath: string) {
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

  const dragOver = (i: number) => {
    if (!drag.current) return;
    drag.current.end = i;
    setSelection({ anchor: drag.current.start, end: i });
  };

  /** The selected span as [first, last] bar, once it covers more than one bar. */
  const span = selection && selection.anchor !== selection.end ? ([Math.min(selection.anchor, selection.end), Math.max(selection.anchor, selection.end)] as const) : null;

  /** Everything bar `i` needs: its link, its place in the tab order, and its handlers. */
  const barProps = (i: number) => ({
    ref: (el: HTMLAnchorElement | null) => {
      bars.current[i] = el;
    },
    href: hrefFor(i, i),
    tabIndex: i === active ? 0 : -1,
    onClick: (e: React.MouseEvent) => {
      e.preventDefault();
      go(i, i, e.detail === 0);
    },
    onFocus: () => setActive(i),
    onKeyDown: (e: KeyboardEvent<HTMLAnchorElement>) => onKeyDown(e, i),
    onPointerDown: (e: React.PointerEvent) => startDrag(i, e.pointerType, e.button),
    onPointerEnter: () => dragOver(i),
  });

  return { isPending, span, barProps };
}

export type ChartSelection = ReturnType<typeof useChartSelection>;
