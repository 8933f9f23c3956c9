/**
 * What an event says, field by field, independent of where it came from (a revision's snapshot,
 * a parsed form): the one place that knows how to compare two versions and how to show a field's
 * value to a person. The history's differences, the conflict view and "restore this version" all
 * use it.
 */
import { COUNTRY_ROLE_LABELS, countryName, type CountryRole } from '@/lib/countries';
import { DATE_PRECISION_LABELS, formatEventDate, toPartialIso, type DatePrecision } from '@/lib/dates';
import { eventTypeInfo, isEventType } from '@/lib/event-types';
import { ENTITY_ROLE_LABELS, LINK_KIND_LABELS, type EntityRole, type LinkKind } from '@/lib/vocabulary';
import { diffArrays } from 'diff';
import type { EventFormValues } from '@/lib/validation/event-form';
import type { EventInput } from '@/lib/validation/event';

/**
 * An event's content is what the event schema accepts (lib/validation/event.ts, the form's and the
 * import's shape, parsed), with each actor's name beside its id, since the history shows names.
 * Derived rather than written out, so a new field of the schema is a field here too (lib/ cannot
 * see the database's row type, and the form's schema is the shape people edit).
 */
export type EventContent = Omit<EventInput, 'actors' | 'countries'> & {
  actors: (EventInput['actors'][number] & { name: string })[];
  // Stored codes are not checked against today's list again (a code may have left ISO 3166).
  countries: (Omit<EventInput['countries'][number], 'code'> & { code: string })[];
};

/** A snapshot as db/mutations/revisions.ts writes it (older snapshots may lack newer keys). */
export type SnapshotLike = Partial<EventContent> & Pick<EventContent, 'type' | 'title' | 'summary' | 'date' | 'datePrecision' | 'status'>;

const byKey = <T>(key: (t: T) => string) => (a: T, b: T) => key(a).localeCompare(key(b));

function normalise(c: EventContent): EventContent {
  return {
    ...c,
    countries: [...c.countries].sort(byKey((x) => `${x.code}:${x.role}`)),
    actors: [...c.actors].sort(byKey((x) => `${String(x.entityId).padStart(12, '0')}:${x.role}`)),
    tags: [...c.tags].sort((a, b) => a.localeCompare(b)),
    links: [...c.links].sort(byKey((x) => `${String(x.toEventId).padStart(12, '0')}:${x.kind}`)),
  };
}

export function contentFromSnapshot(s: SnapshotLike): EventContent {
  return normalise({
    type: s.type,
    title: s.title,
    summary: s.summary,
    details: s.details ?? null,
    date: s.date,
    datePrecision: s.datePrecision,
    effectiveDate: s.effectiveDate ?? null,
    effectiveDatePrecision: s.effectiveDatePrecision ?? null,
    endDate: s.endDate ?? null,
    endDatePrecision: s.endDatePrecision ?? null,
    status: s.status,
    legalAuthority: s.legalAuthority ?? null,
    program: s.program ?? null,
    countries: (s.countries ?? []).map(({ code, role }) => ({ code, role })),
    actors: (s.actors ?? []).map(({ entityId, name, role }) => ({ entityId, name, role })),
    tags: s.tags ?? [],
    sources: (s.sources ?? []).map(({ url, title, publisher, publishedDate, excerpt, note }) => ({ url, title, publisher, publishedDate, excerpt, note: note ?? null })),
    links: (s.links ?? []).map(({ toEventId, kind }) => ({ toEventId, kind })),
  });
}

export function contentFromInput(input: EventInput, actorName: (id: number) => string): EventContent {
  return normalise({
    ...input,
    actors: input.actors.map((a) => ({ entityId: a.entityId, name: actorName(a.entityId), role: a.role })),
    sources: input.sources.map(({ url, title, publisher, publishedDate, excerpt, note }) => ({ url, title, publisher, publishedDate, excerpt, note })),
  });
}

export type EventFieldKey =
  | 'type'
  | 'title'
  | 'summary'
  | 'details'
  | 'date'
  | 'effectiveDate'
  | 'endDate'
  | 'status'
  | 'legalAuthority'
  | 'program'
  | 'countries'
  | 'actors'
  | 'tags'
  | 'sources'
  | 'links';

export interface DisplayContext {
  /** The title of a linked event (its current title; "Event #12" when unknown). */
  eventTitle: (id: number) => string;
}

type FieldSpec = {
  key: EventFieldKey;
  label: string;
  /** Long text: shown as a word-level difference. */
  text?: boolean;
  /** A list: shown as items added and removed. */
  items?: (c: EventContent, ctx: DisplayContext) => string[];
  value?: (c: EventContent, ctx: DisplayContext) => string | null;
  /** The form values this field is made of, for re-applying one side's field onto the other. */
  formKeys: (keyof EventFormValues)[];
};

function dateText(date: string | null, p: DatePrecision | null): string | null {
  if (!date || !p) return null;
  return `${formatEventDate(date, p)} (${DATE_PRECISION_LABELS[p].toLowerCase()})`;
}

function sourceText(s: EventContent['sources'][number]): string {
  const details = [s.publisher, s.publishedDate, s.url].filter(Boolean).join(', ');
  return [s.title, details ? `(${details})` : null, s.excerpt ? `“${s.excerpt}”` : null, s.note ? `[${s.note}]` : null].filter(Boolean).join(' ');
}

export const EVENT_FIELDS: FieldSpec[] = [
  { key: 'type', label: 'Type', value: (c) => (isEventType(c.type) ? eventTypeInfo(c.type).label : c.type), formKeys: ['type'] },
  { key: 'title', label: 'Title', text: true, value: (c) => c.title, formKeys: ['title'] },
  { key: 'summary', label: 'Summary', text: true, value: (c) => c.summary, formKeys: ['summary'] },
  { key: 'details', label: 'Details', text: true, value: (c) => c.details, formKeys: ['details'] },
  { key: 'date', label: 'Date', value: (c) => dateText(c.date, c.datePrecision), formKeys: ['date', 'datePrecision'] },
  {
    key: 'effectiveDate',
    label: 'In effect from',
    value: (c) => dateText(c.effectiveDate, c.effectiveDatePrecision),
    formKeys: ['effectiveDate', 'effectiveDatePrecision'],
  },
  { key: 'endDate', label: 'Until', value: (c) => dateText(c.endDate, c.endDatePrecision), formKeys: ['endDate', 'endDatePrecision'] },
  { key: 'status', label: 'Status', value: (c) => (c.status === 'published' ? 'Published' : 'Draft'), formKeys: ['status'] },
  { key: 'legalAuthority', label: 'Legal authority', value: (c) => c.legalAuthority, formKeys: ['legalAuthority'] },
  { key: 'program', label: 'Program', value: (c) => c.program, formKeys: ['program'] },
  {
    key: 'countries',
    label: 'Countries',
    items: (c) => c.countries.map((x) => `${countryName(x.code)} (${COUNTRY_ROLE_LABELS[x.role as CountryRole]?.toLowerCase() ?? x.role})`),
    formKeys: ['countries'],
  },
  {
    key: 'actors',
    label: 'Actors',
    items: (c) => c.actors.map((x) => `${x.name} (${ENTITY_ROLE_LABELS[x.role as EntityRole]?.toLowerCase() ?? x.role})`),
    formKeys: ['actors'],
  },
  { key: 'tags', label: 'Tags', items: (c) => c.tags, formKeys: ['tags'] },
  { key: 'sources', label: 'Sources', items: (c) => c.sources.map(sourceText), formKeys: ['sources'] },
  {
    key: 'links',
    label: 'Linked events',
    items: (c, ctx) => c.links.map((l) => `${LINK_KIND_LABELS[l.kind as LinkKind]?.forward ?? l.kind}: ${ctx.eventTitle(l.toEventId)}`),
    formKeys: ['links'],
  },
];

/** Compares one field: actors by id and role (a renamed actor is not a change to the event). */
function fieldValue(c: EventContent, key: EventFieldKey): unknown {
  switch (key) {
    case 'date':
      return [c.date, c.datePrecision];
    case 'effectiveDate':
      return [c.effectiveDate, c.effectiveDatePrecision];
    case 'endDate':
      return [c.endDate, c.endDatePrecision];
    case 'actors':
      return c.actors.map((a) => [a.entityId, a.role]);
    default:
      return c[key];
  }
}

export function fieldEquals(a: EventContent, b: EventContent, key: EventFieldKey): boolean {
  return JSON.stringify(fieldValue(a, key)) === JSON.stringify(fieldValue(b, key));
}

export type TextSegment = { op: 'same' | 'added' | 'removed'; text: string };

/** One field's change between two versions; `key` names the field (event or actor). */
export type FieldChange =
  | { key: string; label: string; kind: 'text'; before: string | null; after: string | null; segments: TextSegment[] | null }
  | { key: string; label: string; kind: 'value'; before: string | null; after: string | null }
  | { key: string; label: string; kind: 'items'; added: string[]; removed: string[] };

/** The fields that differ between two versions, in form order. `before` null: the first version. */
export function diffEventContent(before: EventContent | null, after: EventContent, ctx: DisplayContext): FieldChange[] {
  const changes: FieldChange[] = [];
  for (const field of EVENT_FIELDS) {
    if (before && fieldEquals(before, after, field.key)) continue;
    if (field.items) {
      const was = before ? field.items(before, ctx) : [];
      const now = field.items(after, ctx);
      if (!before && now.length === 0) continue;
      const added = now.filter((x) => !was.includes(x));
      const removed = was.filter((x) => !now.includes(x));
      if (added.length === 0 && removed.length === 0) {
        // Same items, other order (sources are ordered): say so rather than show nothing.
        changes.push({ key: field.key, label: field.label, kind: 'items', added: ['(order changed)'], removed: [] });
      } else {
        changes.push({ key: field.key, label: field.label, kind: 'items', added, removed });
      }
      continue;
    }
    const was = before ? field.value!(before, ctx) : null;
    const now = field.value!(after, ctx);
    if (was === now) continue;
    if (field.text) {
      changes.push({ key: field.key, label: field.label, kind: 'text', before: was, after: now, segments: was && now ? wordDiff(was, now) : null });
    } else {
      changes.push({ key: field.key, label: field.label, kind: 'value', before: was, after: now });
    }
  }
  return changes;
}

/** One field's value as people read it (a list joined by line breaks); for the conflict view. */
export function displayField(c: EventContent, key: EventFieldKey, ctx: DisplayContext): string {
  const field = EVENT_FIELDS.find((f) => f.key === key)!;
  if (field.items) {
    const items = field.items(c, ctx);
    return items.length === 0 ? '(none)' : items.join('\n');
  }
  return field.value!(c, ctx) ?? '(empty)';
}

const MAX_DIFF_TOKENS = 1500;

/**
 * Word-level difference over words and the runs of spaces between them (the `diff` package's
 * array diff over our tokens: its `diffWords` would split punctuation from words, and a changed
 * "Assad," would read as a changed comma). Texts longer than the bound are shown as whole
 * before/after instead.
 */
export function wordDiff(before: string, after: string): TextSegment[] | null {
  const a = before.split(/(\s+)/).filter((t) => t !== '');
  const b = after.split(/(\s+)/).filter((t) => t !== '');
  if (a.length > MAX_DIFF_TOKENS || b.length > MAX_DIFF_TOKENS) return null;
  const segments: TextSegment[] = diffArrays(a, b).map((change) => ({
    op: change.added ? 'added' : change.removed ? 'removed' : 'same',
    text: change.value.join(''),
  }));
  return readable(segments, before, after);
}

/**
 * Makes a word diff readable: a change spanning several words reads as one removed run then one
 * added run (not word by word), and when little is left in common the whole before and after are
 * clearer than a diff (null).
 */
function readable(segments: TextSegment[], before: string, after: string): TextSegment[] | null {
  const out: TextSegment[] = [];
  let removed = '';
  let added = '';
  const flush = () => {
    // Whitespace both runs end with belongs to the unchanged text after them.
    const tail = removed && added ? (/\s+$/.exec(removed)?.[0] ?? '') : '';
    const shared = tail && added.endsWith(tail) ? tail : '';
    if (removed) out.push({ op: 'removed', text: removed.slice(0, removed.length - shared.length) });
    if (added) out.push({ op: 'added', text: added.slice(0, added.length - shared.length) });
    if (shared) out.push({ op: 'same', text: shared });
    removed = '';
    added = '';
  };
  segments.forEach((seg, k) => {
    const betweenChanges = seg.op === 'same' && /^\s+$/.test(seg.text) && k > 0 && k < segments.length - 1 && (removed || added);
    if (seg.op === 'removed' || betweenChanges) removed += seg.text;
    if (seg.op === 'added' || betweenChanges) added += seg.text;
    if (seg.op === 'same' && !betweenChanges) {
      flush();
      out.push({ ...seg });
    }
  });
  flush();
  for (let k = out.length - 1; k > 0; k--) {
    if (out[k]!.op === 'same' && out[k - 1]!.op === 'same') {
      out[k - 1]!.text += out[k]!.text;
      out.splice(k, 1);
    }
  }
  const same = out.filter((x) => x.op === 'same').reduce((total, x) => total + x.text.trim().length, 0);
  return same < 0.4 * Math.max(before.length, after.length) ? null : out;
}

/** Form values showing a stored version, for editing or for re-applying onto. */
export function contentToFormValues(c: EventContent, ctx: DisplayContext): EventFormValues {
  const partial = (date: string | null, p: DatePrecision | null) => (date && p ? toPartialIso(date, p) : '');
  return {
    type: c.type,
    title: c.title,
    summary: c.summary,
    details: c.details ?? '',
    date: partial(c.date, c.datePrecision),
    datePrecision: '',
    effectiveDate: partial(c.effectiveDate, c.effectiveDatePrecision),
    effectiveDatePrecision: '',
    endDate: partial(c.endDate, c.endDatePrecision),
    endDatePrecision: '',
    status: c.status,
    legalAuthority: c.legalAuthority ?? '',
    program: c.program ?? '',
    countries: c.countries.map((x) => ({ ...x })),
    actors: c.actors.map((a) => ({ entityId: String(a.entityId), name: a.name, role: a.role })),
    tags: [...c.tags],
    sources: c.sources.map((s) => ({
      url: s.url ?? '',
      title: s.title,
      publisher: s.publisher ?? '',
      publishedDate: s.publishedDate ?? '',
      excerpt: s.excerpt ?? '',
      note: s.note ?? '',
    })),
    links: c.links.map((l) => ({ toEventId: String(l.toEventId), title: ctx.eventTitle(l.toEventId), kind: l.kind })),
  };
}

/** A field as the conflict view compares it: the version you started from, theirs, yours. */
export interface ConflictField {
  key: EventFieldKey;
  label: string;
  base: string | null;
  theirs: string;
  mine: string;
  theyChanged: boolean;
  youChanged: boolean;
}

export interface ConflictComparison {
  fields: ConflictField[];
  /** Theirs with your changed fields on top: what "re-apply my changes" puts in the form. */
  reapplied: EventFormValues;
}

/**
 * Three-way comparison for a save refused because someone saved first. A field you changed (from
 * the version you started editing) keeps your value; every other field takes theirs. Without the
 * base version (history lost), every field that differs counts as changed by both.
 */
export function compareForConflict(
  base: EventContent | null,
  theirs: EventContent,
  mine: EventContent,
  mineAsTyped: EventFormValues,
  ctx: DisplayContext,
): ConflictComparison {
  const reapplied = contentToFormValues(theirs, ctx);
  const fields: ConflictField[] = [];
  for (const field of EVENT_FIELDS) {
    const theyChanged = base ? !fieldEquals(base, theirs, field.key) : !fieldEquals(theirs, mine, field.key);
    const youChanged = base ? !fieldEquals(base, mine, field.key) : !fieldEquals(theirs, mine, field.key);
    if (youChanged) {
      for (const k of field.formKeys) (reapplied as unknown as Record<string, unknown>)[k] = structuredClone(mineAsTyped[k]);
    }
    if (!theyChanged && !youChanged) continue;
    fields.push({
      key: field.key,
      label: field.label,
      base: base ? displayField(base, field.key, ctx) : null,
      theirs: displayField(theirs, field.key, ctx),
      mine: displayField(mine, field.key, ctx),
      theyChanged,
      youChanged,
    });
  }
  return { fields, reapplied };
}
