/**
 * How a level looks on the board: a fill, a short label drawn on the band, and a pattern, so that
 * the band does not rely on colour alone. Lower levels are warmer, higher ones greener; "unknown"
 * is grey with dots, and uncertain spans are hatched over their colour.
 */
import type { LevelValue } from '@/lib/relations/scale';

export interface LevelStyle {
  fill: string;
  /** Text colour on that fill, 4.5:1 or better. */
  ink: string;
  /** Drawn on the band where the segment is wide enough. */
  short: string;
  /** The SVG pattern laid over the fill, when there is one (see BandPatterns). */
  pattern: 'dots' | 'cross' | 'stripes' | null;
}

export const LEVEL_STYLES: Record<LevelValue, LevelStyle> = {
  severed: { fill: '#7f1d1d', ink: '#ffffff', short: 'Severed', pattern: 'cross' },
  no_presence: { fill: '#ea580c', ink: '#111827', short: 'None', pattern: 'stripes' },
  protecting_power: { fill: '#f59e0b', ink: '#111827', short: 'Prot.', pattern: null },
  interests_section: { fill: '#fde047', ink: '#111827', short: 'Int. sec.', pattern: null },
  charge_d_affaires: { fill: '#5eead4', ink: '#111827', short: 'CdA', pattern: null },
  minister: { fill: '#14b8a6', ink: '#111827', short: 'Min.', pattern: null },
  ambassador: { fill: '#047857', ink: '#ffffff', short: 'Amb.', pattern: null },
  not_member: { fill: '#7f1d1d', ink: '#ffffff', short: 'Not member', pattern: 'cross' },
  suspended: { fill: '#ea580c', ink: '#111827', short: 'Suspended', pattern: 'stripes' },
  member: { fill: '#047857', ink: '#ffffff', short: 'Member', pattern: null },
  unknown: { fill: '#e4e4e7', ink: '#18181b', short: 'Unknown', pattern: 'dots' },
};

/** The embassy strip under the band: open is a solid bar, closed an outlined gap, unknown nothing. */
export const EMBASSY_FILL = { open: '#1e3a8a', closed: '#ffffff' } as const;
