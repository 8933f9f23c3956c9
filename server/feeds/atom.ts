/**
 * Atom 1.0 (RFC 4287) for a filtered view, so an analyst can subscribe to "new Caesar Act
 * designations" in any feed reader. Entries carry text only (no HTML), escaped for XML, with the
 * characters XML 1.0 forbids removed.
 */
import type { EventSummary } from '@/db/queries/events';
import { COUNTRY_ROLE_LABELS, countryName } from '@/lib/countries';
import { formatEventDate, toPartialIso, type DatePrecision } from '@/lib/dates';
import { eventTypeInfo } from '@/lib/event-types';
import { ENTITY_ROLE_LABELS } from '@/lib/vocabulary';

// XML 1.0 allows tab, LF, CR and U+0020 upwards, minus surrogates and U+FFFE/U+FFFF.
const XML_INVALID = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

export function xmlEscape(value: string): string {
  return value
    .replace(XML_INVALID, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

/**
 * Where the event happened in time, at its precision: Dublin Core's `dc:date` takes W3C-DTF, which
 * allows "2011" and "2023-03" as they are; the tracker's own element says the precision beside it.
 * A feed reader that knows neither still has the date in the entry's text.
 */
export const TRACKER_NAMESPACE = 'urn:x-sanctions-tracker:event';

function dateElements(name: string, isoDay: string | null, precision: DatePrecision | null): string[] {
  if (!isoDay || !precision) return [];
  const partial = xmlEscape(toPartialIso(isoDay, precision));
  return [`<t:${name} precision="${xmlEscape(precision)}">${partial}</t:${name}>`];
}

function eventDateElements(event: EventSummary): string[] {
  return [
    `<dc:date>${xmlEscape(toPartialIso(event.date, event.datePrecision))}</dc:date>`,
    ...dateElements('date', event.date, event.datePrecision),
    ...dateElements('effectiveDate', event.effectiveDate, event.effectiveDatePrecision),
    ...dateElements('endDate', event.endDate, event.endDatePrecision),
  ];
}

export interface AtomFeedOptions {
  /** The feed's own URL (with its canonical filters): its id and rel="self". */
  selfUrl: string;
  /** The timeline view the feed follows: rel="alternate". */
  viewUrl: string;
  origin: string;
  title: string;
  subtitle: string;
  events: EventSummary[];
  now?: Date;
}

function entryText(event: EventSummary): string {
  const lines = [
    `${eventTypeInfo(event.type).label}, ${formatEventDate(event.date, event.datePrecision)}.`,
    event.summary,
  ];
  if (event.legalAuthority) lines.push(`Legal authority: ${event.legalAuthority}${event.program ? ` (${event.program})` : ''}.`);
  if (event.countries.length > 0) {
    lines.push(`Countries: ${event.countries.map((c) => `${countryName(c.code)} (${COUNTRY_ROLE_LABELS[c.role].toLowerCase()})`).join('; ')}.`);
  }
  if (event.actors.length > 0) {
    lines.push(`Actors: ${event.actors.map((a) => `${a.name} (${ENTITY_ROLE_LABELS[a.role].toLowerCase()})`).join('; ')}.`);
  }
  if (event.sources.length > 0) lines.push(`Sources: ${event.sources.map((s) => (s.url ? `${s.title} <${s.url}>` : s.title)).join('; ')}.`);
  return lines.join('\n\n');
}

export function renderAtomFeed(options: AtomFeedOptions): string {
  const updated = options.events.reduce((max, e) => (e.updatedAt > max ? e.updatedAt : max), '') || (options.now ?? new Date()).toISOString();
  const entries = options.events.map((event) => {
    const url = `${options.origin}/events/${event.id}`;
    const categories = [
      `<category term="${xmlEscape(event.type)}" label="${xmlEscape(eventTypeInfo(event.type).label)}"/>`,
      ...event.tags.map((t) => `<category term="${xmlEscape(t.slug)}" label="${xmlEscape(t.label)}"/>`),
    ];
    return [
      '  <entry>',
      `    <id>${xmlEscape(url)}</id>`,
      `    <title type="text">${xmlEscape(event.title)}</title>`,
      `    <link rel="alternate" type="text/html" href="${xmlEscape(url)}"/>`,
      `    <published>${xmlEscape(event.createdAt)}</published>`,
      `    <updated>${xmlEscape(event.updatedAt)}</updated>`,
      `    <summary type="text">${xmlEscape(event.summary)}</summary>`,
      `    <content type="text">${xmlEscape(entryText(event))}</content>`,
      ...eventDateElements(event).map((d) => `    ${d}`),
      ...categories.map((c) => `    ${c}`),
      '  </entry>',
    ].join('\n');
  });
  return [
    '<?xml version="1.0" encoding="utf-8"?>',
    `<feed xmlns="http://www.w3.org/2005/Atom" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:t="${TRACKER_NAMESPACE}">`,
    `  <id>${xmlEscape(options.selfUrl)}</id>`,
    `  <title type="text">${xmlEscape(options.title)}</title>`,
    `  <subtitle type="text">${xmlEscape(options.subtitle)}</subtitle>`,
    `  <updated>${xmlEscape(updated)}</updated>`,
    `  <link rel="self" type="application/atom+xml" href="${xmlEscape(options.selfUrl)}"/>`,
    `  <link rel="alternate" type="text/html" href="${xmlEscape(options.viewUrl)}"/>`,
    '  <author><name>Sanctions &amp; Policy Tracker</name></author>',
    '  <generator>Sanctions &amp; Policy Tracker</generator>',
    ...entries,
    '</feed>',
    '',
  ].join('\n');
}
