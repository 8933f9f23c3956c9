/**
 * An event as an analyst cites it in a brief: its title, its date at the precision we know it, the
 * tracker's permalink, and the sources it rests on. Plain text, one line per part, so it pastes
 * the same into a document, an e-mail or a chat.
 */
import { formatEventDate, type DatePrecision } from './dates';

export interface CitableSource {
  title: string;
  url: string | null;
  publisher: string | null;
  publishedDate: string | null;
}

export interface CitableEvent {
  title: string;
  date: string;
  datePrecision: DatePrecision;
  permalink: string;
  sources: readonly CitableSource[];
  /** The day the reader looked, as YYYY-MM-DD ("accessed 2 December 2026"). */
  accessed: string;
}

const SITE = 'Sanctions & Policy Tracker';

function sourceLine(source: CitableSource): string {
  const parts = [source.title, source.publisher, source.publishedDate ? formatEventDate(source.publishedDate, 'day') : null, source.url];
  return `- ${parts.filter(Boolean).join(', ')}`;
}

/**
 * "Caesar Act sanctions on … (28 March 2023). Sanctions & Policy Tracker, https://…/events/14
 * (accessed 2 December 2026).\nSources:\n- An article, Reuters, 28 March 2023, https://…"
 */
export function formatCitation(event: CitableEvent): string {
  const title = event.title.trim().replace(/[.\s]+$/, '');
  const head = `${title} (${formatEventDate(event.date, event.datePrecision)}). ${SITE}, ${event.permalink} (accessed ${formatEventDate(event.accessed, 'day')}).`;
  if (event.sources.length === 0) return `${head}\nSources: none recorded.`;
  return [head, 'Sources:', ...event.sources.map(sourceLine)].join('\n');
}
