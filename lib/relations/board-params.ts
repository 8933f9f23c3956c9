/**
 * The relations board's URL: every choice on the board lives here, and a bad value is a notice
 * on the board with the default in its place, never an error page.
 *
 *   /relations?with=SY&as_of=2019-06-01&from=2010&to=2023&zoom=months&view=table
 */
import { countryName, isCountryCode } from '@/lib/countries';
import { isIsoDay, todayIso } from '@/lib/dates';

export const DEFAULT_COUNTERPART = 'SY';
/** The seed's story starts with the 2011 suspension; a year before it gives the band a lead-in. */
export const DEFAULT_FROM_YEAR = 2010;
/** Wider than this is unreadable on the board (and heavier than the speed budget assumes). */
export const MAX_YEARS = 80;

export const BOARD_ZOOMS = ['years', 'months'] as const;
export type BoardZoom = (typeof BOARD_ZOOMS)[number];
export const BOARD_VIEWS = ['chart', 'table'] as const;
export type BoardView = (typeof BOARD_VIEWS)[number];

export interface BoardParams {
  counterpart: string;
  /** YYYY-MM-DD, end of that day. */
  asOf: string;
  fromYear: number;
  toYear: number;
  zoom: BoardZoom;
  view: BoardView;
  /** What in the URL could not be used, in words, with what was used instead. */
  notices: string[];
}

type Search = Record<string, string | string[] | undefined>;

function one(search: Search, key: string): string | undefined {
  const v = search[key];
  const s = Array.isArray(v) ? v[0] : v;
  return s === undefined ? undefined : s.trim();
}

function year(raw: string | undefined): number | null | undefined {
  if (raw === undefined || raw === '') return undefined;
  if (!/^\d{4}$/.test(raw)) return null;
  const y = Number(raw);
  return y >= 1900 && y <= 2100 ? y : null;
}

export function parseBoardParams(search: Search, now: Date = new Date()): BoardParams {
  const notices: string[] = [];
  const today = todayIso(now);
  const thisYear = Number(today.slice(0, 4));

  let counterpart = DEFAULT_COUNTERPART;
  const rawWith = one(search, 'with');
  if (rawWith) {
    const code = rawWith.toUpperCase();
    if (isCountryCode(code)) counterpart = code;
    else notices.push(`"${rawWith.slice(0, 40)}" is not a country code we know (use ISO 3166-1 alpha-2, e.g. SY); showing ${countryName(DEFAULT_COUNTERPART)}.`);
  }

  let asOf = today;
  const rawAsOf = one(search, 'as_of');
  if (rawAsOf) {
    if (isIsoDay(rawAsOf)) asOf = rawAsOf;
    else notices.push(`"${rawAsOf.slice(0, 40)}" is not a date (use YYYY-MM-DD, e.g. 2019-06-01); showing the standings as of today.`);
  }

  let fromYear = DEFAULT_FROM_YEAR;
  let toYear = thisYear;
  const from = year(one(search, 'from'));
  const to = year(one(search, 'to'));
  if (from === null) notices.push(`"From" must be a year between 1900 and 2100; starting at ${DEFAULT_FROM_YEAR}.`);
  if (to === null) notices.push(`"To" must be a year between 1900 and 2100; ending at ${thisYear}.`);
  if (typeof from === 'number') fromYear = from;
  if (typeof to === 'number') toYear = to;
  if (fromYear > toYear) {
    notices.push(`"From" (${fromYear}) is after "to" (${toYear}); showing ${DEFAULT_FROM_YEAR} to ${thisYear}.`);
    fromYear = DEFAULT_FROM_YEAR;
    toYear = thisYear;
  } else if (toYear - fromYear + 1 > MAX_YEARS) {
    notices.push(`At most ${MAX_YEARS} years fit on the board; showing ${toYear - MAX_YEARS + 1} to ${toYear}.`);
    fromYear = toYear - MAX_YEARS + 1;
  }

  const rawZoom = one(search, 'zoom');
  const zoom: BoardZoom = rawZoom === 'months' ? 'months' : 'years';
  if (rawZoom && !(BOARD_ZOOMS as readonly string[]).includes(rawZoom)) notices.push(`Zoom is "years" or "months"; showing years.`);
  const rawView = one(search, 'view');
  const view: BoardView = rawView === 'table' ? 'table' : 'chart';
  if (rawView && !(BOARD_VIEWS as readonly string[]).includes(rawView)) notices.push(`View is "chart" or "table"; showing the chart.`);

  return { counterpart, asOf, fromYear, toYear, zoom, view, notices };
}

/** The board's URL for these choices, leaving defaults out so that links stay short. */
export function boardHref(p: Omit<BoardParams, 'notices'>, now: Date = new Date(), path = '/relations'): string {
  const q = new URLSearchParams();
  if (p.counterpart !== DEFAULT_COUNTERPART) q.set('with', p.counterpart);
  if (p.asOf !== todayIso(now)) q.set('as_of', p.asOf);
  if (p.fromYear !== DEFAULT_FROM_YEAR) q.set('from', String(p.fromYear));
  if (p.toYear !== Number(todayIso(now).slice(0, 4))) q.set('to', String(p.toYear));
  if (p.zoom !== 'years') q.set('zoom', p.zoom);
  if (p.view !== 'chart') q.set('view', p.view);
  const s = q.toString();
  return s ? `${path}?${s}` : path;
}
