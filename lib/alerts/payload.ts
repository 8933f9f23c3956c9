/**
 * The JSON a webhook carries (issue 14, decision 0035). Stored with site-relative links when the
 * event is written (the write does not know the site's address); the dispatcher makes them
 * absolute with the configured origin, the same way on every attempt, so retries send the same bytes.
 */
import { toPartialIso, type DatePrecision } from '@/lib/dates';

export type AlertTrigger = 'recorded' | 'published';

export interface AlertPayload {
  trigger: AlertTrigger;
  event: { id: number; title: string; date: string; datePrecision: DatePrecision; type: string; permalink: string };
  view: { id: number; name: string; url: string };
}

export function alertPayload(
  trigger: AlertTrigger,
  event: { id: number; title: string; date: string; datePrecision: DatePrecision; type: string },
  view: { id: number; name: string; query: string },
): AlertPayload {
  return {
    trigger,
    event: { id: event.id, title: event.title, date: toPartialIso(event.date, event.datePrecision), datePrecision: event.datePrecision, type: event.type, permalink: `/events/${event.id}` },
    view: { id: view.id, name: view.name, url: view.query ? `/?${view.query}` : '/' },
  };
}

/** The body sent: the stored payload with its links made absolute under `origin` (no trailing slash). */
export function payloadBody(stored: string, origin: string): string {
  const payload = JSON.parse(stored) as AlertPayload;
  const base = origin.replace(/\/+$/, '');
  return JSON.stringify({
    ...payload,
    event: { ...payload.event, permalink: base + payload.event.permalink },
    view: { ...payload.view, url: base + payload.view.url },
  });
}
