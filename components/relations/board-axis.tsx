import type { TimeScale } from './time-axis';

/** The years (and months when zoomed) over the rows; decorative, the rows carry their own dates. */
export function BoardAxis({ scale }: { scale: TimeScale }) {
  return (
    <svg width={scale.width} height={20} viewBox={`0 0 ${scale.width} 20`} aria-hidden="true" className="block overflow-visible">
      {scale.ticks.map((t) => (
        <g key={`${t.x}-${t.label}`}>
          <line x1={t.x} x2={t.x} y1={t.major ? 6 : 12} y2={20} stroke="#71717a" strokeWidth={t.major ? 1 : 0.5} />
          <text x={t.x + 3} y={t.major ? 12 : 16} fontSize={t.major ? 11 : 9} fill="currentColor">
            {t.label}
          </text>
        </g>
      ))}
    </svg>
  );
}
