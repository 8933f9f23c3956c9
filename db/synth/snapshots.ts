/**
 * Revision snapshots for synthetic rows, built from the generated values instead of read back
 * from the database (db/mutations/revisions.ts reads six tables per event, far too slow for a million).
 * They must be exactly what `eventSnapshot` / `entitySnapshot` would return for the same row:
 * same keys, same order of lists, so that showing or restoring a version works on synthetic
 * data as on real data. A test compares the two on a built database.
 */
import type { SynthEntity } from './entities';
import type { SynthEvent } from './events';

/** The order SQLite's BINARY collation gives (all generated text is in the Basic Multilingual Plane). */
function binary(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export interface EventSnapshotState {
  version: number;
  updatedAt: string;
  deletedAt: string | null;
}

export function eventSnapshotJson(
  event: SynthEvent,
  entityNames: readonly string[],
  tagLabels: readonly string[],
  state: EventSnapshotState,
): string {
  return JSON.stringify({
    id: event.id,
    type: event.type,
    title: event.title,
    summary: event.summary,
    details: event.details,
    date: event.date,
    datePrecision: event.datePrecision,
    effectiveDate: event.effectiveDate,
    effectiveDatePrecision: event.effectiveDatePrecision,
    endDate: event.endDate,
    endDatePrecision: event.endDatePrecision,
    status: event.status,
    legalAuthority: event.legalAuthority,
    program: event.program,
    externalId: event.externalId,
    createdAt: event.createdAt,
    updatedAt: state.updatedAt,
    createdBy: null,
    updatedBy: null,
    version: state.version,
    deletedAt: state.deletedAt,
    countries: event.countries
      .map((c) => ({ code: c.code, role: c.role }))
      .sort((a, b) => binary(a.code, b.code) || binary(a.role, b.role)),
    actors: event.actors
      .map((a) => ({ entityId: a.entityId, name: entityNames[a.entityId]!, role: a.role }))
      .sort((a, b) => binary(a.name, b.name) || binary(a.role, b.role)),
    tags: event.tagIds.map((id) => tagLabels[id - 1]!).sort(binary),
    sources: event.sources.map((s) => ({
      url: s.url,
      title: s.title,
      publisher: s.publisher,
      publishedDate: s.publishedDate,
      excerpt: s.excerpt,
      note: s.note,
    })),
    links: event.links
      .map((l) => ({ toEventId: l.toEventId, kind: l.kind }))
      .sort((a, b) => a.toEventId - b.toEventId || binary(a.kind, b.kind)),
  });
}

export function entitySnapshotJson(entity: SynthEntity): string {
  return JSON.stringify({
    id: entity.id,
    kind: entity.kind,
    name: entity.name,
    description: entity.description,
    countryCode: entity.countryCode,
    opensanctionsId: entity.opensanctionsId,
    ofacUid: entity.ofacUid,
    mergedIntoId: null,
    createdAt: entity.createdAt,
    updatedAt: entity.createdAt,
    createdBy: null,
    updatedBy: null,
    version: 1,
    madePublic: false,
    aliases: [...entity.aliases].sort(binary),
  });
}
