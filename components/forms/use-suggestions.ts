'use client';

import { useEffect, useState } from 'react';

/** Answers kept for 30 seconds per URL, for every box of the page (typing back and forth asks once). */
const FRESH_MS = 30_000;
const answers = new Map<string, { at: number; items: unknown[] }>();
/** At most this many answers are kept: a long session of typing must not grow the page's memory. */
export const MAX_ANSWERS = 100;

/** Keeps an answer, dropping the stale ones and, past `MAX_ANSWERS`, the oldest. */
export function rememberAnswer(url: string, items: unknown[], now = Date.now()): void {
  for (const [key, hit] of answers) if (now - hit.at >= FRESH_MS) answers.delete(key);
  answers.delete(url);
  while (answers.size >= MAX_ANSWERS) answers.delete(answers.keys().next().value!);
  answers.set(url, { at: now, items });
}

/** For tests: how many answers are kept. */
export function keptAnswers(): number {
  return answers.size;
}

function freshAnswer(url: string | null): unknown[] | null {
  if (!url) return null;
  const hit = answers.get(url);
  return hit && Date.now() - hit.at < FRESH_MS ? hit.items : null;
}

/**
 * Suggestions for what is being typed: asked once typing pauses (150 ms), from an endpoint that
 * answers `{ items: T[] }` (or `{ error }` with a refusal), kept for 30 seconds per query. A plain
 * fetch with a small cache (no query library: it would ship on every page for this one use).
 */
export function useSuggestions<T>(url: (query: string) => string, query: string) {
  const [debounced, setDebounced] = useState('');
  const [answer, setAnswer] = useState<{ url: string; items: T[] | null } | null>(null);

  useEffect(() => {
    const t = setTimeout(() => setDebounced(query.trim()), 150);
    return () => clearTimeout(t);
  }, [query]);

  const asked = debounced.length > 0 ? url(debounced) : null;
  const cached = freshAnswer(asked) as T[] | null;

  useEffect(() => {
    if (!asked || freshAnswer(asked)) return;
    const controller = new AbortController();
    fetch(asked, { signal: controller.signal, headers: { accept: 'application/json' } })
      .then(async (res) => {
        if (!res.ok) throw new Error(`Suggestions failed (${res.status})`);
        const items = ((await res.json()) as { items: T[] }).items;
        rememberAnswer(asked, items);
        setAnswer({ url: asked, items });
      })
      .catch(() => {
        if (!controller.signal.aborted) setAnswer({ url: asked, items: null });
      });
    return () => controller.abort();
  }, [asked]);

  const current = answer?.url === asked ? answer : null;
  return {
    /** The query the suggestions answer (typing may be ahead of it). */
    debounced,
    items: asked ? (cached ?? current?.items ?? []) : [],
    isFetching: asked !== null && !cached && !current,
    isError: asked !== null && !cached && current !== null && current.items === null,
    /** Forget the query at once (after a pick), rather than after the pause. */
    reset: () => setDebounced(''),
  };
}
