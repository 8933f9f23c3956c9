'use client';

/**
 * "3 new since your last visit": this browser remembers when it last opened the timeline
 * (localStorage), keeps that moment as the baseline for the rest of the tab's session
 * (sessionStorage), so that changing filters does not reset it, and asks how many events of the
 * view were recorded since. Nothing is stored on the server; a first visit shows nothing.
 */
import Link from 'next/link';
import { useEffect, useState } from 'react';
import { formatTimestamp } from '@/lib/dates';

const LAST_VISIT = 'tracker:timeline:last-visit';
const BASELINE = 'tracker:timeline:baseline';

function readBaseline(): string | null {
  try {
    let baseline = sessionStorage.getItem(BASELINE);
    if (baseline === null) {
      baseline = localStorage.getItem(LAST_VISIT) ?? '';
      sessionStorage.setItem(BASELINE, baseline);
    }
    localStorage.setItem(LAST_VISIT, new Date().toISOString());
    return /^\d{4}-\d{2}-\d{2}T/.test(baseline) ? baseline : null;
  } catch {
    return null; // Storage refused (private mode, settings): no count, nothing else changes.
  }
}

export function NewSinceLastVisit({ search }: { search: string }) {
  const [state, setState] = useState<{ since: string; count: number } | null>(null);
  useEffect(() => {
    const since = readBaseline();
    if (!since) return;
    const controller = new AbortController();
    const params = new URLSearchParams(search);
    params.set('since', since);
    fetch(`/api/changes/count?${params.toString()}`, { signal: controller.signal })
      .then((r) => (r.ok ? (r.json() as Promise<{ count: number }>) : null))
      .then((body) => {
        if (body) setState({ since, count: body.count });
      })
      .catch(() => undefined);
    return () => controller.abort();
  }, [search]);

  if (!state || state.count === 0) return null;
  const params = new URLSearchParams(search);
  params.set('since', state.since);
  return (
    <p role="status" className="no-print text-sm" data-testid="new-since-last-visit">
      <span className="rounded bg-indigo-100 px-1.5 py-0.5 font-semibold text-indigo-950 dark:bg-indigo-900 dark:text-indigo-100">
        {state.count.toLocaleString('en')} new
      </span>{' '}
      in this view since your last visit ({formatTimestamp(state.since)}).{' '}
      <Link href={`/changes?${params.toString()}`}>See what changed</Link>
    </p>
  );
}
