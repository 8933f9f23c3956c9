/**
 * The board's horizontal scale: the days from `from` to `to`, a fixed width per year (wider when
 * zoomed to months; a narrow range gets at least MIN_WIDTH), and the ticks to draw: years, and
 * months once they are far enough apart to label. Every row and the axis share one scale, so a
 * date is at the same x everywhere.
 */
import { monthName } from '@/lib/dates';
import type { BoardZoom } from '@/lib/relations/board-params';

const DAY_MS = 86_400_000;
const PX_PER_YEAR: Record<BoardZoom, number> = { years: 64, months: 12 * 30 };
const MIN_WIDTH = 640;
/** Month ticks are drawn when a month is at least this wide. */
const MONTH_TICK_PX = 22;

export interface Tick {
  x: number;
  label: string;
  /** A year's start (longer line, always labelled). */
  major: boolean;
}

export interface TimeScale {
  from: string;
  to: string;
  width: number;
  /** x of the start of a day (YYYY-MM-DD); days outside the range are clamped to its edges. */
  x: (day: string) => number;
  /** x of the end of a day. */
  xEnd: (day: string) => number;
  ticks: Tick[];
}

function dayNumber(day: string): number {
  return Math.round(Date.UTC(Number(day.slice(0, 4)), Number(day.slice(5, 7)) - 1, Number(day.slice(8, 10))) / DAY_MS);
}

const pad = (n: number, w = 2) => String(n).padStart(w, '0');

export function timeScale(from: string, to: string, zoom: BoardZoom): TimeScale {
  const first = dayNumber(from);
  const days = dayNumber(to) - first + 1;
  const width = Math.round(Math.max((days / 365.25) * PX_PER_YEAR[zoom], MIN_WIDTH));
  const at = (n: number) => Math.round((Math.min(Math.max(n, 0), days) / days) * width * 10) / 10;
  const monthTicks = (width / days) * 30 >= MONTH_TICK_PX;
  const ticks: Tick[] = [];
  const startYear = Number(from.slice(0, 4));
  const endYear = Number(to.slice(0, 4));
  for (let y = startYear; y <= endYear; y++) {
    for (let m = 1; m <= 12; m++) {
      if (m > 1 && !monthTicks) break;
      const day = `${pad(y, 4)}-${pad(m)}-01`;
      if (day < from || day > to) continue;
      ticks.push(m === 1 ? { x: at(dayNumber(day) - first), label: pad(y, 4), major: true } : { x: at(dayNumber(day) - first), label: monthName(m).slice(0, 3), major: false });
    }
  }
  return {
    from,
    to,
    width,
    x: (day) => at(dayNumber(day) - first),
    xEnd: (day) => at(dayNumber(day) - first + 1),
    ticks,
  };
}
