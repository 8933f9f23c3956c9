import type { DensityChartData } from '@/db/queries/density';
import { EVENT_TYPES } from '@/lib/event-types';
import { axisLabel, barLabel } from './chart-labels';
import type { ChartSelection } from './use-chart-selection';

// Drawing area, in viewBox units; the SVG scales to its container's width.
const W = 720;
const H = 170;
const LEFT = 30;
const RIGHT = 4;
const TOP = 10;
const BOTTOM = 22;
const PLOT_W = W - LEFT - RIGHT;
const PLOT_H = H - TOP - BOTTOM;

/** The bars as an SVG group: one link per period, its types stacked, the selected span shaded. */
export function DensityBars({ chart, selection, helpId }: { chart: DensityChartData; selection: ChartSelection; helpId: string }) {
  const n = chart.buckets.length;
  const slot = PLOT_W / n;
  const barWidth = Math.max(1, slot * (n > 40 ? 0.86 : 0.72));
  const scale = chart.max > 0 ? PLOT_H / chart.max : 0;
  const span = selection.span;

  return (
    <svg
      viewBox={`0 0 ${W} ${H}`}
      className="mt-2 h-auto w-full select-none"
      role="group"
      aria-label={`Bars, one per ${chart.unit}`}
      aria-describedby={helpId}
      onDragStart={(e) => e.preventDefault()}
    >
      <line x1={LEFT} x2={W - RIGHT} y1={TOP + PLOT_H + 0.5} y2={TOP + PLOT_H + 0.5} className="stroke-zinc-400" strokeWidth={1} />
      <line x1={LEFT} x2={W - RIGHT} y1={TOP + 0.5} y2={TOP + 0.5} className="stroke-zinc-200 dark:stroke-zinc-800" strokeWidth={1} />
      <text x={LEFT - 6} y={TOP + 4} textAnchor="end" fontSize={11} className="fill-zinc-600 dark:fill-zinc-400">
        {chart.max}
      </text>
      <text x={LEFT - 6} y={TOP + PLOT_H} textAnchor="end" fontSize={11} className="fill-zinc-600 dark:fill-zinc-400">
        0
      </text>
      {span ? (
        <rect
          x={LEFT + span[0] * slot}
          y={TOP}
          width={(span[1] - span[0] + 1) * slot}
          height={PLOT_H}
          className="fill-blue-500/15 stroke-blue-600"
          strokeWidth={1}
          data-testid="chart-selection"
        />
      ) : null}
      {chart.buckets.map((bucket, i) => {
        let y = TOP + PLOT_H;
        const x = LEFT + i * slot + (slot - barWidth) / 2;
        const label = axisLabel(bucket, i, n, chart.unit);
        return (
          <a key={bucket.key} {...selection.barProps(i)} aria-label={barLabel(bucket)} className="group no-underline outline-none" data-testid="chart-bar">
            <title>{barLabel(bucket)}</title>
            <rect x={LEFT + i * slot} y={TOP} width={slot} height={PLOT_H} className="fill-transparent group-hover:fill-zinc-500/10" />
            {EVENT_TYPES.map((t) => {
              const c = bucket.counts[t.key];
              if (c === 0) return null;
              const h = c * scale;
              y -= h;
              return <rect key={t.key} x={x} y={y} width={barWidth} height={h} fill={t.color} />;
            })}
            <rect
              x={LEFT + i * slot + 1}
              y={TOP + 1}
              width={Math.max(slot - 2, 1)}
              height={PLOT_H - 2}
              className="fill-none stroke-transparent group-focus-visible:stroke-blue-600 dark:group-focus-visible:stroke-blue-400"
              strokeWidth={2}
            />
            {label ? (
              <text x={LEFT + i * slot + slot / 2} y={H - 6} textAnchor="middle" fontSize={11} className="fill-zinc-600 dark:fill-zinc-400">
                {label}
              </text>
            ) : null}
          </a>
        );
      })}
    </svg>
  );
}
