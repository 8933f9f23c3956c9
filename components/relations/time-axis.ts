/**
 * The board's horizontal scale: days from 1 January of the first year to 31 December of the last,
 * a fixed width per year (wider when zoomed to months), and the ticks to draw. Every row and the
 * axis share one scale, so a date is at the same x everywhere.
 */
import { monthName } from '@/lib/dates';
import type { BoardZoom } from '@/lib/relations/board-params';

const DAY_MS = 86_400_000;
const PX_PER_YEAR: Record<BoardZoom, number> = { years: 64, months: 12 * 30 };

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

export function timeScale(fromYear: number, toYear: number, zoom: BoardZoom): TimeScale {
  const from = `${String(fromYear).padStart(4, '0')}-01-01`;
  const to = `${String(toYear).padStart(4, '0')}-12-31`;
  const first = dayNumber(from);
  const days = dayNumber(to) - first + 1;
  const width = (toYear - fromYear + 1) * PX_PER_YEAR[zoom];
  const at = (n: number) => Math.round((Math.min(Math.max(n, 0), days) / days) * width * 10) / 10;
  const ticks: Tick[] = [];
  for (let y = fromYear; y <= toYear; y++) {
    const yyyy = String(y).padStart(4, '0');
    ticks.push({ x: at(dayNumber(`${yyyy}-01-01`) - first), label: yyyy, major: true });
    if (zoom === 'months') {
      for (let m = 2; m <= 12; m++) {
        ticks.push({ x: at(dayNumber(`${yyyy}-${String(m).padStart(2, '0')}-01`) - first), label: monthName(m).slice(0, 3), major: false });
      }
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
