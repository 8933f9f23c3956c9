/**
 * The kinds of event the tracker records. The key is what the database, the URL and the CSV carry;
 * the label is what people read. Colours are chosen to stay distinct for common colour-vision
 * deficiencies and to reach 3:1 contrast against both the light and dark backgrounds.
 */
export const EVENT_TYPES = [
  {
    key: 'designation',
    label: 'Sanctions designation',
    plural: 'Sanctions designations',
    description: 'Persons, companies or bodies added to a sanctions list.',
    color: '#dc2626',
    /** Tailwind class for the swatch (a class, not an inline style, so the CSP needs no 'unsafe-inline'). */
    swatch: 'bg-red-600',
  },
  {
    key: 'removal',
    label: 'Sanctions removal',
    plural: 'Sanctions removals',
    description: 'Delistings, waivers and licences that lift or ease a measure.',
    color: '#16a34a',
    swatch: 'bg-green-600',
  },
  {
    key: 'authority',
    label: 'Legal authority',
    plural: 'Legal authorities',
    description: 'Laws, executive orders and regulations that create sanctions powers.',
    color: '#9333ea',
    swatch: 'bg-purple-600',
  },
  {
    key: 'normalisation',
    label: 'Normalisation move',
    plural: 'Normalisation moves',
    description: 'Embassies reopened, visits, ties restored, readmission to a body.',
    color: '#d97706',
    swatch: 'bg-amber-600',
  },
  {
    key: 'isolation',
    label: 'Isolation move',
    plural: 'Isolation moves',
    description: 'Suspensions, expulsions, embassies closed, ambassadors withdrawn.',
    color: '#2563eb',
    swatch: 'bg-blue-600',
  },
  {
    key: 'statement',
    label: 'Official statement',
    plural: 'Official statements',
    description: 'Remarks, briefings and statements by governments and officials.',
    color: '#0891b2',
    swatch: 'bg-cyan-600',
  },
  {
    key: 'legislative',
    label: 'Legislative action',
    plural: 'Legislative actions',
    description: 'Congressional letters, bills, hearings and resolutions.',
    color: '#db2777',
    swatch: 'bg-pink-600',
  },
  {
    key: 'advocacy',
    label: 'Advocacy',
    plural: 'Advocacy',
    description: 'Letters and reports by former officials, NGOs and experts.',
    color: '#78716c',
    swatch: 'bg-stone-500',
  },
] as const;

export type EventTypeKey = (typeof EVENT_TYPES)[number]['key'];
export type EventTypeInfo = (typeof EVENT_TYPES)[number];

export const EVENT_TYPE_KEYS = EVENT_TYPES.map((t) => t.key) as [EventTypeKey, ...EventTypeKey[]];

const byKey = new Map<string, EventTypeInfo>(EVENT_TYPES.map((t) => [t.key, t]));

export function isEventType(value: string): value is EventTypeKey {
  return byKey.has(value);
}

export function eventTypeInfo(key: EventTypeKey): EventTypeInfo {
  return byKey.get(key)!;
}
