/**
 * What the colours, patterns and shapes mean, in words: the band never relies on colour alone.
 */
import { DIPLOMATIC_LEVELS, LEVEL_LABELS, MEMBERSHIP_LEVELS, type LevelValue } from '@/lib/relations/scale';
import { EMBASSY_FILL, LEVEL_STYLES } from './level-style';

function Swatch({ level }: { level: LevelValue }) {
  const style = LEVEL_STYLES[level];
  return (
    <svg width={28} height={14} aria-hidden="true" className="inline-block shrink-0 align-middle">
      <rect width={28} height={14} fill={style.fill} stroke="#71717a" strokeWidth={0.5} />
      {style.pattern ? <rect width={28} height={14} fill={`url(#rel-${style.pattern})`} /> : null}
    </svg>
  );
}

function Item({ icon, children }: { icon: React.ReactNode; children: React.ReactNode }) {
  return (
    <li className="flex items-center gap-1.5">
      {icon}
      <span>{children}</span>
    </li>
  );
}

export function BandLegend() {
  const shape = (d: React.ReactNode) => (
    <svg width={16} height={16} viewBox="-8 -8 16 16" aria-hidden="true" className="inline-block shrink-0">
      {d}
    </svg>
  );
  return (
    <div className="space-y-2 text-xs" data-testid="band-legend">
      <h2 className="text-sm font-semibold">Key</h2>
      <ul className="flex flex-wrap gap-x-4 gap-y-1" aria-label="Diplomatic levels, lowest first">
        {DIPLOMATIC_LEVELS.map((l) => (
          <Item key={l} icon={<Swatch level={l} />}>
            {LEVEL_LABELS[l]} <span className="text-zinc-600 dark:text-zinc-400">({LEVEL_STYLES[l].short})</span>
          </Item>
        ))}
      </ul>
      <ul className="flex flex-wrap gap-x-4 gap-y-1" aria-label="Membership of an organisation">
        {MEMBERSHIP_LEVELS.map((l) => (
          <Item key={l} icon={<Swatch level={l} />}>
            {LEVEL_LABELS[l]} (organisations)
          </Item>
        ))}
        <Item icon={<Swatch level="unknown" />}>Unknown: the sources do not say</Item>
        <Item
          icon={
            <svg width={28} height={14} aria-hidden="true" className="inline-block shrink-0">
              <rect width={28} height={14} fill="#e4e4e7" />
              <rect width={28} height={14} fill="url(#rel-hatch)" />
            </svg>
          }
        >
          Hatched: changing within an imprecise date, or order not recorded
        </Item>
      </ul>
      <ul className="flex flex-wrap gap-x-4 gap-y-1" aria-label="Embassy and changes">
        <Item icon={<svg width={28} height={8} aria-hidden="true" className="inline-block"><rect width={28} height={6} y={1} fill={EMBASSY_FILL.open} /></svg>}>
          Embassy open (bar under the band)
        </Item>
        <Item
          icon={
            <svg width={28} height={8} aria-hidden="true" className="inline-block">
              <rect x={0.5} y={1.5} width={27} height={5} fill="#fff" stroke={EMBASSY_FILL.open} strokeDasharray="3 2" />
            </svg>
          }
        >
          Embassy closed (dashed outline)
        </Item>
        <Item icon={shape(<path d="M0 -6L6 0L0 6L-6 0Z" fill="#18181b" />)}>Change in effect</Item>
        <Item icon={shape(<path d="M0 -6L6 0L0 6L-6 0Z" fill="#fff" stroke="#18181b" strokeWidth={1.5} />)}>Change announced</Item>
        <Item icon={shape(<circle r={5} fill="#fff" stroke="#18181b" strokeWidth={1.5} strokeDasharray="2 1.5" />)}>Change reported</Item>
        <Item icon={shape(<circle r={4.5} fill="#d97706" stroke="#18181b" />)}>Event between the two sides, in its type&apos;s colour</Item>
        <Item icon={<svg width={8} height={16} aria-hidden="true" className="inline-block"><line x1={4} x2={4} y1={0} y2={16} stroke="#b91c1c" strokeWidth={2} /></svg>}>
          The as-of date
        </Item>
      </ul>
    </div>
  );
}
