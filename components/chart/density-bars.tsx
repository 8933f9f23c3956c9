import type { DensityChartData } from '@/db/queries/density';
import { EVENT_TYPES } from '@/lib/event-types';
import { axisLabel, barLabel } from './chart-labels';
import type { ChartSelection } from './use-chart-selection';

// The bars' drawing area, in viewBox units. The SVG stretches to its box (preserveAspectRatio
// "none"), so its height is set by CSS, not by the width of the screen; the numbers on the axes
// are HTML text beside it, at the page's font size on any screen (inside a scaled SVG they shrank
// to about 4 px on a phone).
const W = 720;
const H = 150;

/** The bars: one link per period, its types stacked, the selected span shaded; the axes' labels in HTML. */
export function DensityBars({ chart, selection, helpId }: { chart: DensityChartData; selection: ChartSelection; helpId: string }) {
  const n = chart.buckets.length;
  const slot = W / n;
  const barWidth = Math.max(1, slot * (n > 40 ? 0.86 : 0.72));
  const scale = chart.max > 0 ? H / chart.max : 0;
  const span = selection.span;
  const labels = chart.buckets.flatMap((bucket, i) => {
    const text = axisLabel(bucket, i, n, chart.unit);
    return text ? [{ key: bucket.key, i, text }] : [];
  });

  return (
    <div className="mt-2 flex gap-1.5 text-xs text-zinc-600 tabular-nums dark:text-zinc-400">
      <div aria-hidden="true" className="flex h-20 shrink-0 flex-col justify-between text-right sm:h-36">
        <span className="-mt-1.5 leading-none">{chart.max}</span>
        <span className="-mb-1 leading-none">0</span>
      </div>
      <div className="min-w-0 flex-1">
        <svg
          viewBox={`0 0 ${W} ${H}`}
          preserveAspectRatio="none"
          className="block h-20 w-full select-none overflow-visible sm:h-36"
          role="group"
          aria-label={`Bars, one per ${chart.unit}`}
          aria-describedby={helpId}
          onDragStart={(e) => e.preventDefault()}
        >
          <line x1={0} x2={W} y1={0} y2={0} className="stroke-zinc-200 dark:stroke-zinc-800" strokeWidth={1} vectorEffect="non-scaling-stroke" />
          <line x1={0} x2={W} y1={H} y2={H} className="stroke-zinc-400" strokeWidth={1} vectorEffect="non-scaling-stroke" />
          {span ? (
            <rect
              x={span[0] * slot}
              y={0}
              width={(span[1] - span[0] + 1) * slot}
              height={H}
              className="fill-blue-500/15 stroke-blue-600"
              strokeWidth={1}
              vectorEffect="non-scaling-stroke"
              data-testid="chart-selection"
            />
          ) : null}
          {chart.buckets.map((bucket, i) => {
            let y = H;
            const x = i * slot + (slot - barWidth) / 2;
            return (
              <a key={bucket.key} {...selection.barProps(i)} aria-label={barLabel(bucket)} className="group no-underline outline-none" data-testid="chart-bar">
                <title>{barLabel(bucket)}</title>
                <rect x={i * slot} y={0} width={slot} height={H} className="fill-transparent group-hover:fill-zinc-500/10" />
                {EVENT_TYPES.map((t) => {
                  const c = bucket.counts[t.key];
                  if (c === 0) return null;
                  const h = c * scale;
                  y -= h;
                  return <rect key={t.key} x={x} y={y} width={barWidth} height={h} fill={t.color} />;
                })}
                <rect
                  x={i * slot}
                  y={0}
                  width={slot}
                  height={H}
                  className="fill-none stroke-transparent group-focus-visible:stroke-blue-600 dark:group-focus-visible:stroke-blue-400"
                  strokeWidth={2}
                  vectorEffect="non-scaling-stroke"
                />
              </a>
            );
          })}
        </svg>
        {/* No viewBox: the labels are drawn at their font size in CSS pixels, placed by percentages
            (a style attribute would be refused by the Content-Security-Policy). */}
        <svg aria-hidden="true" className="mt-1 block h-4 w-full overflow-visible">
          {labels.map(({ key, i, text }, k) => (
            // On a phone every other label, so that they never run into each other.
            <text
              key={key}
              x={`${((i + 0.5) / n) * 100}%`}
              y={12}
              textAnchor="middle"
              fontSize={12}
              className={`fill-zinc-600 dark:fill-zinc-400 ${k % 2 === 1 ? 'max-sm:hidden' : ''}`}
              data-testid="chart-axis-label"
            >
              {text}
            </text>
          ))}
        </svg>
      </div>
    </div>
  );
}
