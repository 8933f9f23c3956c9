/**
 * The relations board's URL: the counterpart, as-of date and range that the API reads too
 * (`parseRelationsParams`, ./params.ts), plus how the page shows them (zoom, view). A bad value is
 * a notice on the board with the default in its place, never an error page.
 *
 *   /relations?with=SY&as_of=2019-06-01&from=2010&to=2023-06&zoom=months&view=table
 */
import { formatEventDate, todayIso } from '@/lib/dates';
import { DEFAULT_COUNTERPART, DEFAULT_FROM_YEAR, parseRelationsParams } from './params';

export { DEFAULT_COUNTERPART, DEFAULT_FROM_YEAR };

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
  /** The band's first and last day, YYYY-MM-DD. */
  from: string;
  to: string;
  zoom: BoardZoom;
  view: BoardView;
  /** What in the URL could not be used, in words, with what was used instead. */
  notices: string[];
}

type Search = Record<string, string | string[] | undefined> | URLSearchParams;

function toSearchParams(search: Search): URLSearchParams {
  if (search instanceof URLSearchParams) return search;
  const out = new URLSearchParams();
  for (const [k, v] of Object.entries(search)) {
    const first = Array.isArray(v) ? v[0] : v;
    if (first !== undefined) out.set(k, first);
  }
  return out;
}

const NAMES: Record<string, string> = { with: 'Counterpart', as_of: 'As of', from: 'From', to: 'To' };

export function parseBoardParams(search: Search, now: Date = new Date()): BoardParams {
  const params = toSearchParams(search);
  const today = todayIso(now);
  const parsed = parseRelationsParams(params, today);
  const notices = parsed.issues.map((i) => `${NAMES[i.param] ?? i.param}: ${i.message} ${i.param === 'with' ? 'Showing Syria.' : i.param === 'as_of' ? 'Showing today.' : 'Showing the default range.'}`);
  let { from } = parsed;
  const { to } = parsed;
  const earliest = `${String(Number(to.slice(0, 4)) - MAX_YEARS + 1).padStart(4, '0')}-01-01`;
  if (from < earliest) {
    notices.push(`At most ${MAX_YEARS} years fit on the board; starting in ${earliest.slice(0, 4)}.`);
    from = earliest;
  }

  const rawZoom = params.get('zoom')?.trim();
  const zoom: BoardZoom = rawZoom === 'months' ? 'months' : 'years';
  if (rawZoom && !(BOARD_ZOOMS as readonly string[]).includes(rawZoom)) notices.push('Zoom is "years" or "months"; showing years.');
  const rawView = params.get('view')?.trim();
  const view: BoardView = rawView === 'table' ? 'table' : 'chart';
  if (rawView && !(BOARD_VIEWS as readonly string[]).includes(rawView)) notices.push('View is "chart" or "table"; showing the chart.');

  return { counterpart: parsed.counterpart, asOf: parsed.asOf, from, to, zoom, view, notices };
}

/** A range bound as short as it reads: "2015" for 1 January (from) or 31 December (to), "2018-06" for a whole month. */
export function boundText(day: string, side: 'from' | 'to'): string {
  const md = day.slice(5);
  if (side === 'from' ? md === '01-01' : md === '12-31') return day.slice(0, 4);
  if (side === 'from' && day.slice(8) === '01') return day.slice(0, 7);
  if (side === 'to') {
    const next = new Date(`${day}T00:00:00Z`);
    next.setUTCDate(next.getUTCDate() + 1);
    if (next.getUTCDate() === 1) return day.slice(0, 7);
  }
  return day;
}

/** "2010 to 2026", "June 2018 to February 2019", "2019": a range in words, as precisely as it was asked. */
export function rangeText(from: string, to: string): string {
  // formatEventDate reads only the year, or the year and month, at those precisions.
  const words = (day: string, side: 'from' | 'to') => {
    const n = boundText(day, side).length;
    return formatEventDate(day, n === 4 ? 'year' : n === 7 ? 'month' : 'day');
  };
  const a = words(from, 'from');
  const b = words(to, 'to');
  return a === b ? a : `${a} to ${b}`;
}

/** The board's URL for these choices, leaving defaults out so that links stay short. */
export function boardHref(p: Omit<BoardParams, 'notices'>, now: Date = new Date(), path = '/relations'): string {
  const q = new URLSearchParams();
  const today = todayIso(now);
  if (p.counterpart !== DEFAULT_COUNTERPART) q.set('with', p.counterpart);
  if (p.asOf !== today) q.set('as_of', p.asOf);
  if (p.from !== `${DEFAULT_FROM_YEAR}-01-01`) q.set('from', boundText(p.from, 'from'));
  if (p.to !== `${today.slice(0, 4)}-12-31`) q.set('to', boundText(p.to, 'to'));
  if (p.zoom !== 'years') q.set('zoom', p.zoom);
  if (p.view !== 'chart') q.set('view', p.view);
  const s = q.toString();
  return s ? `${path}?${s}` : path;
}
