/**
 * The record as it stood at a moment, rebuilt from its revisions (issue 14, "as recorded on a
 * date"). Every revision holds the full record after its change (db/revisions.ts), so the state at
 * a time is simply the snapshot of the last revision made at or before it: nothing is replayed.
 *
 * Order: revisions are ordered by their time, and revisions made in the same millisecond by id
 * (ids grow with every insert, so the id says which of two same-millisecond changes came last).
 * Visibility: a `delete` revision leaves the record deleted until a later revision (a `restore`)
 * brings it back; every other action leaves it live. A record with no revision at or before the
 * time had not been recorded yet.
 *
 * Pure: callers read the revision rows (all of one record, or many records' at once) and pass them
 * in; nothing here touches the database.
 */
import type { RevisionAction } from '@/lib/vocabulary';

/** The columns of a revision row that the reconstruction needs. */
export interface RevisionLike<S = unknown> {
  id: number;
  action: RevisionAction;
  version: number;
  /** When the change was made: an ISO 8601 instant as `nowIso()` writes it. */
  createdAt: string;
  /** The full record after the change. */
  snapshot: S;
}

export interface RecordRevision<S = unknown> extends RevisionLike<S> {
  recordId: number;
}

export interface RecordState<S> {
  /** The revision in force: the last one made at or before the moment. */
  revision: RevisionLike<S>;
  snapshot: S;
  /** Deleted at that moment (the revision in force is a deletion). */
  deleted: boolean;
}

/**
 * Milliseconds since the epoch of a revision time. Accepts what SQLite and `nowIso()` write
 * ("2026-11-27T21:00:00.000Z", "2026-11-27 21:00:00"); a time without a zone is UTC, as SQLite's
 * are. Throws on anything else: a revision without a readable time cannot be placed in history.
 */
export function revisionTime(createdAt: string): number {
  const text = /^\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}(:\d{2}(\.\d+)?)?$/.test(createdAt)
    ? `${createdAt.replace(' ', 'T')}Z`
    : createdAt;
  const ms = Date.parse(text);
  if (Number.isNaN(ms)) throw new Error(`A revision's time is not a readable instant: ${JSON.stringify(createdAt)}`);
  return ms;
}

/** True when `a` comes after `b` in history: later time, or the same millisecond and a larger id. */
function isLater(aTime: number, aId: number, bTime: number, bId: number): boolean {
  return aTime > bTime || (aTime === bTime && aId > bId);
}

function stateOf<S>(revision: RevisionLike<S>): RecordState<S> {
  return { revision, snapshot: revision.snapshot, deleted: revision.action === 'delete' };
}

/**
 * One record's state at `at` (milliseconds since the epoch, or an ISO instant): its snapshot and
 * whether it was deleted then, or null when it had not been recorded yet. The revisions may come in
 * any order.
 */
export function stateAsOf<S>(revisions: Iterable<RevisionLike<S>>, at: number | string): RecordState<S> | null {
  const limit = typeof at === 'number' ? at : revisionTime(at);
  let best: RevisionLike<S> | null = null;
  let bestTime = 0;
  for (const revision of revisions) {
    const time = revisionTime(revision.createdAt);
    if (time > limit) continue;
    if (best === null || isLater(time, revision.id, bestTime, best.id)) {
      best = revision;
      bestTime = time;
    }
  }
  return best === null ? null : stateOf(best);
}

/** One record as readers saw it at `at`: its snapshot, or null when not yet recorded or deleted then. */
export function recordAsOf<S>(revisions: Iterable<RevisionLike<S>>, at: number | string): S | null {
  const state = stateAsOf(revisions, at);
  return state && !state.deleted ? state.snapshot : null;
}

/**
 * Many records' states at `at`, in one pass over their revisions (any order, any mix of records):
 * O(revisions) time, O(records) memory. Records not yet recorded at `at` are absent from the map;
 * deleted ones are present with `deleted: true` (so a caller can tell "deleted" from "not yet").
 */
export function statesAsOf<S>(revisions: Iterable<RecordRevision<S>>, at: number | string): Map<number, RecordState<S>> {
  const limit = typeof at === 'number' ? at : revisionTime(at);
  const best = new Map<number, { revision: RecordRevision<S>; time: number }>();
  for (const revision of revisions) {
    const time = revisionTime(revision.createdAt);
    if (time > limit) continue;
    const current = best.get(revision.recordId);
    if (!current || isLater(time, revision.id, current.time, current.revision.id)) best.set(revision.recordId, { revision, time });
  }
  const states = new Map<number, RecordState<S>>();
  for (const [id, { revision }] of best) states.set(id, stateOf(revision));
  return states;
}

/** The records live at `at`, by id: what a list "as recorded on" that moment shows. */
export function recordsAsOf<S>(revisions: Iterable<RecordRevision<S>>, at: number | string): Map<number, S> {
  const live = new Map<number, S>();
  for (const [id, state] of statesAsOf(revisions, at)) if (!state.deleted) live.set(id, state.snapshot);
  return live;
}

// ---------------------------------------------------------------------------------------------
// What changed between two moments

/** A field whose value differs between two snapshots. Lists also say which items came and went. */
export interface FieldDiff {
  field: string;
  before: unknown;
  after: unknown;
  /** For list fields: items in `after` and not in `before` (compared by value). */
  added?: unknown[];
  /** For list fields: items in `before` and not in `after`. */
  removed?: unknown[];
}

/**
 * Fields that change with every save and say nothing about the content; a diff that differed
 * only in these is no edit.
 */
export const BOOKKEEPING_FIELDS = ['version', 'updatedAt', 'updatedBy', 'createdAt', 'createdBy', 'deletedAt'] as const;

/**
 * JSON with object keys sorted, so that two values that are equal in content have the same text
 * whatever order their keys were written in (snapshots come back from JSON columns).
 */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) => {
    if (v && typeof v === 'object' && !Array.isArray(v)) {
      return Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
    }
    return v;
  });
}

function multiset(items: unknown[]): Map<string, { item: unknown; count: number }> {
  const out = new Map<string, { item: unknown; count: number }>();
  for (const item of items) {
    const key = canonicalJson(item);
    const entry = out.get(key);
    if (entry) entry.count++;
    else out.set(key, { item, count: 1 });
  }
  return out;
}

function listDifference(a: unknown[], b: unknown[]): unknown[] {
  const inB = multiset(b);
  const out: unknown[] = [];
  for (const item of a) {
    const entry = inB.get(canonicalJson(item));
    if (entry && entry.count > 0) entry.count--;
    else out.push(item);
  }
  return out;
}

export interface DiffOptions {
  /** Top-level fields to leave out of the comparison; `BOOKKEEPING_FIELDS` when not given. */
  ignore?: readonly string[];
}

/**
 * The top-level fields that differ between two snapshots (any JSON-like objects), in the order the
 * fields first appear. Values are compared by content (`canonicalJson`); a field missing on one
 * side counts as null there. For arrays, `added` and `removed` list the items that came and went.
 */
export function diffSnapshots(before: object | null, after: object | null, options: DiffOptions = {}): FieldDiff[] {
  const ignore = new Set(options.ignore ?? BOOKKEEPING_FIELDS);
  const a = (before ?? {}) as Record<string, unknown>;
  const b = (after ?? {}) as Record<string, unknown>;
  const fields = [...new Set([...Object.keys(a), ...Object.keys(b)])].filter((f) => !ignore.has(f));
  const diffs: FieldDiff[] = [];
  for (const field of fields) {
    const x = a[field] ?? null;
    const y = b[field] ?? null;
    if (canonicalJson(x) === canonicalJson(y)) continue;
    const diff: FieldDiff = { field, before: x, after: y };
    if (Array.isArray(x) || Array.isArray(y)) {
      const xs = Array.isArray(x) ? x : [];
      const ys = Array.isArray(y) ? y : [];
      diff.added = listDifference(ys, xs);
      diff.removed = listDifference(xs, ys);
    }
    diffs.push(diff);
  }
  return diffs;
}

/**
 * How a record changed between two moments, judged by its state at each end:
 * - created: not recorded at the start, live at the end;
 * - created-and-deleted: not recorded at the start, deleted by the end (it was live in between);
 * - deleted: live at the start, deleted at the end;
 * - restored: deleted at the start, live at the end (fields: what differs from the deleted version);
 * - edited: live at both ends with different content.
 * A record live at both ends with the same content (an edit undone, a deletion restored) and one
 * deleted at both ends did not change for a reader and is left out, as are records without
 * revisions in the window.
 */
export type ChangeKind = 'created' | 'created-and-deleted' | 'deleted' | 'restored' | 'edited';

export interface RecordChange<S> {
  recordId: number;
  kind: ChangeKind;
  /** State at the start (null: not yet recorded) and at the end. */
  before: RecordState<S> | null;
  after: RecordState<S>;
  /** Field differences between the snapshot at the start and at the end (empty for created/deleted). */
  fields: FieldDiff[];
  /** The revisions made in the window, oldest first: who did what, for the page to list. */
  revisions: RecordRevision<S>[];
}

/**
 * What changed between `from` (exclusive) and `to` (inclusive), per record, in one pass over the
 * revisions (any order, any mix of records) plus a sort of each changed record's window. Revisions
 * after `to` are ignored, so the answer for a past window does not move when later changes come.
 * Ordered by the time of each record's last change in the window, newest first.
 */
export function changesBetween<S extends object>(
  revisions: Iterable<RecordRevision<S>>,
  from: number | string,
  to: number | string,
  options: DiffOptions = {},
): RecordChange<S>[] {
  const start = typeof from === 'number' ? from : revisionTime(from);
  const end = typeof to === 'number' ? to : revisionTime(to);
  if (end < start) throw new RangeError('changesBetween: the end of the window is before its start');
  interface Acc {
    before: { revision: RecordRevision<S>; time: number } | null;
    after: { revision: RecordRevision<S>; time: number } | null;
    inWindow: { revision: RecordRevision<S>; time: number }[];
  }
  const byRecord = new Map<number, Acc>();
  for (const revision of revisions) {
    const time = revisionTime(revision.createdAt);
    if (time > end) continue;
    let acc = byRecord.get(revision.recordId);
    if (!acc) {
      acc = { before: null, after: null, inWindow: [] };
      byRecord.set(revision.recordId, acc);
    }
    if (!acc.after || isLater(time, revision.id, acc.after.time, acc.after.revision.id)) acc.after = { revision, time };
    if (time <= start) {
      if (!acc.before || isLater(time, revision.id, acc.before.time, acc.before.revision.id)) acc.before = { revision, time };
    } else {
      acc.inWindow.push({ revision, time });
    }
  }
  const changes: { change: RecordChange<S>; time: number; id: number }[] = [];
  for (const [recordId, acc] of byRecord) {
    if (acc.inWindow.length === 0 || !acc.after) continue;
    const before = acc.before ? stateOf(acc.before.revision) : null;
    const after = stateOf(acc.after.revision);
    const kind = classify(before, after, options);
    if (!kind) continue;
    const fields = kind === 'edited' || kind === 'restored' ? diffSnapshots(before!.snapshot, after.snapshot, options) : [];
    const window = acc.inWindow.sort((x, y) => x.time - y.time || x.revision.id - y.revision.id).map((w) => w.revision);
    changes.push({ change: { recordId, kind, before, after, fields, revisions: window }, time: acc.after.time, id: acc.after.revision.id });
  }
  return changes.sort((x, y) => y.time - x.time || y.id - x.id).map((c) => c.change);
}

function classify<S extends object>(before: RecordState<S> | null, after: RecordState<S>, options: DiffOptions): ChangeKind | null {
  if (!before) return after.deleted ? 'created-and-deleted' : 'created';
  if (before.deleted && after.deleted) return null;
  if (after.deleted) return 'deleted';
  if (before.deleted) return 'restored';
  return diffSnapshots(before.snapshot, after.snapshot, options).length > 0 ? 'edited' : null;
}

// ---------------------------------------------------------------------------------------------
// The `as_recorded` and `since` parameters

export type MomentParse = { ok: true; at: number; iso: string } | { ok: false; message: string };

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;
const INSTANT = /^(\d{4}-\d{2}-\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,3})?)?(?:Z|[+-](\d{2}):(\d{2}))$/;

function isRealDay(y: number, m: number, d: number): boolean {
  const check = new Date(Date.UTC(y, m - 1, d));
  return y >= 1000 && check.getUTCFullYear() === y && check.getUTCMonth() === m - 1 && check.getUTCDate() === d;
}

/**
 * Reads a moment as the URL carries it: a day ("2024-03-01", meaning the end of that day, UTC: the
 * record as it stood when that day was over) or an ISO instant with a zone
 * ("2024-03-01T12:00:00Z"). `endOfDay: false` reads a day as its start instead (for `since`).
 * Refuses malformed text, impossible days and moments after `now`, with a message for a person.
 */
export function parseMoment(
  value: string,
  options: { name: string; now?: number; endOfDay?: boolean; earliest?: number },
): MomentParse {
  const { name } = options;
  const now = options.now ?? Date.now();
  const text = value.trim();
  const day = DAY.exec(text);
  if (day) {
    const [y, m, d] = [Number(day[1]), Number(day[2]), Number(day[3])];
    if (!isRealDay(y, m, d)) return { ok: false, message: `${name} must be a real day written as YYYY-MM-DD; "${text}" is not one.` };
    const start = Date.UTC(y, m - 1, d);
    // "Today" is allowed: as recorded at the end of today is the record now.
    if (start > now) return { ok: false, message: `${name} is in the future; the record can only be shown as it stood up to now.` };
    return withinHistory(Math.min(options.endOfDay === false ? start : start + 86_400_000 - 1, now), options);
  }
  const instant = INSTANT.exec(text);
  const [y, m, d] = (instant?.[1] ?? '').split('-').map(Number);
  const inRange = (v: string | undefined, max: number) => v === undefined || Number(v) <= max;
  if (
    !instant ||
    !isRealDay(y!, m!, d!) ||
    !inRange(instant[2], 23) ||
    !inRange(instant[3], 59) ||
    !inRange(instant[4], 59) ||
    !inRange(instant[5], 23) ||
    !inRange(instant[6], 59)
  ) {
    return { ok: false, message: `${name} must be a day (YYYY-MM-DD) or a time such as 2024-03-01T12:00:00Z; "${text.slice(0, 40)}" is neither.` };
  }
  const at = Date.parse(text);
  if (at > now) return { ok: false, message: `${name} is in the future; the record can only be shown as it stood up to now.` };
  return withinHistory(at, options);
}

function withinHistory(at: number, options: { name: string; earliest?: number }): MomentParse {
  if (options.earliest !== undefined && at < options.earliest) {
    const first = new Date(options.earliest).toISOString();
    return {
      ok: false,
      message: `${options.name} is before the first record (${first.slice(0, 10)} ${first.slice(11, 16)} UTC); nothing had been recorded then.`,
    };
  }
  return { ok: true, at, iso: new Date(at).toISOString() };
}
