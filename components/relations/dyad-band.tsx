'use client';

/**
 * One dyad's band: its segments coloured and patterned by level (hatched where uncertain), the
 * embassy strip under it, a marker for every change (below) and for every event between the two
 * sides (above, in the timeline's type colours), and the as-of line. Every marker is a link that
 * can be focused; focusing or pointing at one shows what it is under the band, with its links.
 * Without JavaScript the markers still link to their evidence and carry their text as a title.
 */
import Link from 'next/link';
import { useState } from 'react';
import { formatEventDate } from '@/lib/dates';
import { eventTypeInfo } from '@/lib/event-types';
import type { ChangeMarker } from '@/lib/relations/bands';
import { CHANGE_STATUS_LABELS, type SubjectKind } from '@/lib/relations/scale';
import { EMBASSY_FILL, LEVEL_STYLES } from './level-style';
import type { BoardZoom } from '@/lib/relations/board-params';
import { timeScale } from './time-axis';
import type { BoardEvent } from './types';
import { changeDateText, changeFactsText, changeText, segmentText } from './words';
import type { DyadBand as DyadBandData } from '@/lib/relations/bands';

export const BAND = { eventLane: 12, band: 22, strip: 6, changeLane: 16 } as const;
const BAND_TOP = BAND.eventLane;
const STRIP_TOP = BAND_TOP + BAND.band + 1;
const CHANGE_Y = STRIP_TOP + BAND.strip + 8;
export const ROW_HEIGHT = CHANGE_Y + 8;

type Active = { kind: 'change'; marker: ChangeMarker } | { kind: 'event'; event: BoardEvent } | null;

/** The words drawn on a segment; "?" marks an uncertain one (the hatching says it too). */
const labelText = (short: string, uncertain: boolean) => (uncertain ? `${short} ?` : short);

function evidenceHref(m: ChangeMarker): string {
  return m.evidenceEventIds.length > 0 ? `/events/${m.evidenceEventIds[0]}` : '#';
}

/** Filled diamond in effect, hollow diamond announced, dashed circle reported. */
function ChangeShape({ x, status }: { x: number; status: ChangeMarker['status'] }) {
  const y = CHANGE_Y;
  if (status === 'reported') return <circle cx={x} cy={y} r={5} fill="#ffffff" stroke="#18181b" strokeWidth={1.5} strokeDasharray="2 1.5" />;
  const d = `M${x} ${y - 6}L${x + 6} ${y}L${x} ${y + 6}L${x - 6} ${y}Z`;
  return <path d={d} fill={status === 'in_effect' ? '#18181b' : '#ffffff'} stroke="#18181b" strokeWidth={1.5} />;
}

export function DyadBand({
  band,
  events,
  range,
  asOf,
  subjectKind,
  label,
  eventsById,
}: {
  band: DyadBandData;
  events: readonly BoardEvent[];
  /** The shared scale's inputs (a server component cannot hand a client one functions). */
  range: { from: string; to: string; zoom: BoardZoom };
  asOf: string;
  subjectKind: SubjectKind;
  /** "United Arab Emirates and Syria": the band's accessible name. */
  label: string;
  /** Titles for evidence links, where the board knows them. */
  eventsById?: ReadonlyMap<number, BoardEvent>;
}) {
  const [active, setActive] = useState<Active>(null);
  const scale = timeScale(range.from, range.to, range.zoom);
  const asOfX = asOf >= scale.from && asOf <= scale.to ? scale.xEnd(asOf) : null;
  const titles = eventsById ?? new Map(events.map((e) => [e.id, e]));

  return (
    <div className="relations-band">
      <svg
        width={scale.width}
        height={ROW_HEIGHT}
        viewBox={`0 0 ${scale.width} ${ROW_HEIGHT}`}
        role="group"
        aria-label={`${label}: standing from ${scale.from.slice(0, 4)} to ${scale.to.slice(0, 4)}, ${band.markers.length} recorded ${band.markers.length === 1 ? 'change' : 'changes'}, ${events.length} ${events.length === 1 ? 'event' : 'events'}`}
        className="block overflow-visible"
        data-testid="dyad-band"
      >
        {scale.ticks
          .filter((t) => t.major)
          .map((t) => (
            <line key={t.x} x1={t.x} x2={t.x} y1={0} y2={ROW_HEIGHT} stroke="#d4d4d8" strokeWidth={0.5} aria-hidden="true" />
          ))}
        {band.segments.map((seg) => {
          const x = scale.x(seg.from);
          const w = Math.max(scale.xEnd(seg.to) - x, 0.5);
          const style = LEVEL_STYLES[seg.level];
          const text = segmentText(seg, subjectKind);
          return (
            <g key={seg.from} data-level={seg.level} data-uncertain={seg.uncertain || undefined} data-testid="band-segment">
              <title>{text}</title>
              <rect x={x} y={BAND_TOP} width={w} height={BAND.band} fill={style.fill} />
              {style.pattern ? <rect x={x} y={BAND_TOP} width={w} height={BAND.band} fill={`url(#rel-${style.pattern})`} /> : null}
              {seg.uncertain ? <rect x={x} y={BAND_TOP} width={w} height={BAND.band} fill="url(#rel-hatch)" /> : null}
              {seg.embassy === 'open' ? (
                <rect x={x} y={STRIP_TOP} width={w} height={BAND.strip} fill={EMBASSY_FILL.open} />
              ) : seg.embassy === 'closed' ? (
                <rect x={x + 0.5} y={STRIP_TOP + 0.5} width={Math.max(w - 1, 0.5)} height={BAND.strip - 1} fill={EMBASSY_FILL.closed} stroke={EMBASSY_FILL.open} strokeWidth={1} strokeDasharray="3 2" />
              ) : null}
              {w >= labelText(style.short, seg.uncertain).length * 6.5 + 8 ? (
                <text x={x + 4} y={BAND_TOP + 15} fontSize={11} fill={style.ink} aria-hidden="true" className="pointer-events-none select-none">
                  {labelText(style.short, seg.uncertain)}
                </text>
              ) : null}
            </g>
          );
        })}
        {asOfX !== null ? (
          <line x1={asOfX} x2={asOfX} y1={0} y2={ROW_HEIGHT} stroke="#b91c1c" strokeWidth={2} data-testid="as-of-line" aria-hidden="true" />
        ) : null}
        {band.markers.map((m) => {
          const x = scale.x(m.date);
          const end = scale.xEnd(m.end);
          const text = `${changeText(m)}. Evidence: ${m.evidenceEventIds.map((id) => titles.get(id)?.title ?? `event #${id}`).join('; ')}`;
          return (
            <a
              key={m.changeId}
              href={evidenceHref(m)}
              aria-label={text}
              className="group cursor-pointer outline-none"
              onFocus={() => setActive({ kind: 'change', marker: m })}
              onMouseEnter={() => setActive({ kind: 'change', marker: m })}
              data-testid="change-marker"
              data-change-id={m.changeId}
              data-status={m.status}
            >
              <title>{text}</title>
              {end - x > 2 ? <line x1={x} x2={end} y1={CHANGE_Y} y2={CHANGE_Y} stroke="#18181b" strokeWidth={1.5} strokeDasharray={m.status === 'in_effect' ? undefined : '3 2'} /> : null}
              <rect x={x - 8} y={CHANGE_Y - 8} width={Math.max(end - x, 0) + 16} height={16} fill="transparent" />
              <ChangeShape x={x} status={m.status} />
              <rect x={x - 9} y={CHANGE_Y - 9} width={18} height={18} fill="none" stroke="#2563eb" strokeWidth={2} className="opacity-0 group-hover:opacity-100 group-focus-visible:opacity-100" />
            </a>
          );
        })}
        {events.map((e) => {
          const x = scale.x(e.date);
          const info = eventTypeInfo(e.type);
          const text = `${info.label}, ${formatEventDate(e.date, e.precision)}: ${e.title}`;
          return (
            <a
              key={e.id}
              href={`/events/${e.id}`}
              aria-label={text}
              className="group outline-none"
              onFocus={() => setActive({ kind: 'event', event: e })}
              onMouseEnter={() => setActive({ kind: 'event', event: e })}
              data-testid="event-marker"
            >
              <title>{text}</title>
              <circle cx={x} cy={BAND.eventLane / 2} r={4.5} fill={info.color} stroke="#18181b" strokeWidth={1} />
              <rect x={x - 7} y={-1} width={14} height={14} fill="none" stroke="#2563eb" strokeWidth={2} className="opacity-0 group-hover:opacity-100 group-focus-visible:opacity-100" />
            </a>
          );
        })}
      </svg>
      <MarkerDetails active={active} titles={titles} />
    </div>
  );
}

/** What the focused or pointed-at marker is, with its links; stays until another is chosen. */
function MarkerDetails({ active, titles }: { active: Active; titles: ReadonlyMap<number, BoardEvent> }) {
  if (!active) return null;
  if (active.kind === 'event') {
    const e = active.event;
    return (
      <p className="no-print mt-1 max-w-xl text-xs" data-testid="marker-details">
        <span className="font-medium">{eventTypeInfo(e.type).label}</span>, {formatEventDate(e.date, e.precision)}:{' '}
        <Link href={`/events/${e.id}`}>{e.title}</Link>
      </p>
    );
  }
  const m = active.marker;
  return (
    <div className="no-print mt-1 max-w-xl text-xs" data-testid="marker-details">
      <p>
        <span className="font-medium">{CHANGE_STATUS_LABELS[m.status]}</span>
        {m.status === 'in_effect' ? '' : ' (not in effect)'}, {changeDateText(m)}: {changeFactsText(m) || 'no fact recorded'}.
      </p>
      <p>
        Evidence:{' '}
        {m.evidenceEventIds.map((id, i) => (
          <span key={id}>
            {i > 0 ? '; ' : ''}
            <Link href={`/events/${id}`}>{titles.get(id)?.title ?? `Event #${id}`}</Link>
          </span>
        ))}
        {m.note ? <span className="text-zinc-600 dark:text-zinc-400"> · {m.note}</span> : null}
      </p>
    </div>
  );
}

/** The patterns the bands refer to, once per page. */
export function BandPatterns() {
  return (
    <svg width={0} height={0} aria-hidden="true" className="absolute">
      <defs>
        <pattern id="rel-hatch" width={6} height={6} patternUnits="userSpaceOnUse" patternTransform="rotate(45)">
          <rect width={6} height={6} fill="#ffffff" fillOpacity={0.35} />
          <line x1={0} y1={0} x2={0} y2={6} stroke="#18181b" strokeWidth={2} strokeOpacity={0.7} />
        </pattern>
        <pattern id="rel-dots" width={6} height={6} patternUnits="userSpaceOnUse">
          <circle cx={3} cy={3} r={1} fill="#52525b" />
        </pattern>
        <pattern id="rel-stripes" width={8} height={8} patternUnits="userSpaceOnUse">
          <line x1={0} y1={4} x2={8} y2={4} stroke="#18181b" strokeWidth={1} strokeOpacity={0.35} />
        </pattern>
        <pattern id="rel-cross" width={8} height={8} patternUnits="userSpaceOnUse">
          <path d="M0 0L8 8M8 0L0 8" stroke="#ffffff" strokeWidth={1} strokeOpacity={0.5} />
        </pattern>
      </defs>
    </svg>
  );
}
