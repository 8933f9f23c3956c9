/**
 * What a confirmation of the import is bound to, and what the dry run warns about (issue 10,
 * item 7): committing the same dry run twice created its rows twice (a 5,000-row file twice gave
 * 10,000 events). Also the bulk writing of new events (item 9) against the per-row path it
 * replaced: counts, search and history as every other write leaves them.
 */
import { sql } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Connection } from '@/db/engine/client';
import { derivedMismatches } from '@/db/derived/counts';
import { applyImport, applyImportAsync, ImportRefusedError, planImport } from './import';
import { updateEvent, snapshotToInput } from '@/db/mutations/events';
import { eventSnapshot } from '@/db/mutations/revisions';
import { seedDatabase } from '@/db/seed/seed';
import { createTestDb, makeEntity, makeEvent, TEST_ACTOR } from '@/db/testing/test-db';
import { readCsvUpload, type CsvRow } from '@/lib/csv/import';
import { eventInputSchema } from '@/lib/validation/event';

let conn: Connection;
beforeEach(() => {
  conn = createTestDb();
  seedDatabase(conn.db);
});
afterEach(() => conn.sqlite.close());

function rows(text: string): CsvRow[] {
  const read = readCsvUpload(new TextEncoder().encode(text));
  if (!read.ok) throw new Error(read.error);
  return read.rows;
}

const eventCount = () => conn.db.get<{ n: number }>(sql`SELECT count(*) AS n FROM events`).n;
const fingerprint = () =>
  JSON.stringify(conn.db.all(sql`SELECT * FROM events ORDER BY id`)) +
  JSON.stringify(conn.db.all(sql`SELECT id FROM revisions`)) +
  JSON.stringify(conn.db.all(sql`SELECT id, name, kind FROM entities ORDER BY id`)) +
  JSON.stringify(conn.db.all(sql`SELECT * FROM import_commits`));

function refusal(fn: () => unknown): ImportRefusedError {
  try {
    fn();
  } catch (err) {
    if (err instanceof ImportRefusedError) return err;
    throw err;
  }
  throw new Error('The import was not refused.');
}

const LIST = [
  'date,type,title,actors,tags,status',
  '2024-05-01,designation,Designation of Replay Trading LLC,Replay Trading LLC (target),Caesar Act,published',
  '2024-05-02,designation,Designation of Replay Shipping Co,Replay Shipping Co (target),,published',
].join('\r\n');

describe('confirming an import', () => {
  it('refuses the same confirmation a second time, saying when and by whom it was imported, and writes nothing', () => {
    const before = eventCount();
    const plan = planImport(conn.db, rows(LIST), 'list.csv');
    applyImport(conn.db, rows(LIST), 'list.csv', plan.digest, TEST_ACTOR);
    expect(eventCount()).toBe(before + 2);
    const afterFirst = fingerprint();

    const again = refusal(() => applyImport(conn.db, rows(LIST), 'list.csv', plan.digest, TEST_ACTOR));
    expect(again.reason).toBe('replayed');
    expect(again.message).toMatch(/^This dry run was already imported on \d{4}-\d\d-\d\d at \d\d:\d\d UTC by test@example\.org \(2 new events, 0 updates\)/);
    expect(fingerprint()).toBe(afterFirst);
    expect(eventCount()).toBe(before + 2);
  });

  it('refuses a confirmation when anything changed since the dry run, even an unrelated event', () => {
    const plan = planImport(conn.db, rows(LIST), 'list.csv');
    const other = makeEvent(conn.db, { title: 'A colleague added this meanwhile' });
    const input = snapshotToInput(conn.db as never, eventSnapshot(conn.db, other.id));
    updateEvent(conn.db, other.id, eventInputSchema.parse({ ...input, summary: 'and edited it' }), 1, TEST_ACTOR);
    const before = fingerprint();
    const changed = refusal(() => applyImport(conn.db, rows(LIST), 'list.csv', plan.digest, TEST_ACTOR));
    expect(changed.reason).toBe('changed');
    expect(changed.message).toMatch(/changed since the dry run/);
    expect(fingerprint()).toBe(before);
    // A new dry run binds to the new state and goes through.
    const fresh = planImport(conn.db, rows(LIST), 'list.csv');
    expect(applyImport(conn.db, rows(LIST), 'list.csv', fresh.digest, TEST_ACTOR).created).toHaveLength(2);
  });

  it('lets a file be imported again only through a new dry run, which warns that its rows look like recorded events', () => {
    const first = planImport(conn.db, rows(LIST), 'list.csv');
    expect(first.rows.flatMap((r) => r.warnings)).toEqual([]);
    const { created } = applyImport(conn.db, rows(LIST), 'list.csv', first.digest, TEST_ACTOR);

    const second = planImport(conn.db, rows(LIST), 'list.csv');
    expect(second.digest).not.toBe(first.digest);
    expect(second.counts.create).toBe(2);
    expect(second.rows.map((r) => r.warnings.map((w) => w.message))).toEqual([
      [`Looks like event #${created[0]!.id}, "Designation of Replay Trading LLC" (same type, date and a similar title). If it is that event, put ${created[0]!.id} in the id column to update it, or leave the row out.`],
      [`Looks like event #${created[1]!.id}, "Designation of Replay Shipping Co" (same type, date and a similar title). If it is that event, put ${created[1]!.id} in the id column to update it, or leave the row out.`],
    ]);
    // Deliberately importing it again is the editor's call.
    expect(applyImport(conn.db, rows(LIST), 'list.csv', second.digest, TEST_ACTOR).created).toHaveLength(2);
  });

  it('warns about rows like existing events or earlier rows: same type, same date, similar title', () => {
    const recorded = makeEvent(conn.db, { type: 'designation', date: '2024-06-03', title: 'Treasury designates ten Syrian regime officials for drug trade' });
    const file = [
      'date,type,title',
      '2024-06-03,designation,Treasury designates ten Syrian regime officials for the drug trade', // like the event
      '2024-06-03,statement,Treasury designates ten Syrian regime officials for drug trade', // other type
      '2024-06-04,designation,Treasury designates ten Syrian regime officials for drug trade', // other date
      '2024-06-03,designation,Treasury designates a Lebanese bank', // other title
      '2024-06,designation,Treasury designates ten Syrian regime officials for drug trade', // other precision
      '2024-06-04,designation,"Treasury designates ten Syrian regime officials, for drug trade"', // like line 4
    ].join('\r\n');
    const plan = planImport(conn.db, rows(file), 'x.csv');
    const like = (message: string) => /^Looks like (event #\d+|line \d+)/.exec(message)?.[1];
    expect(plan.rows.map((r) => [r.line, r.warnings.map((w) => like(w.message))])).toEqual([
      [2, [`event #${recorded.id}`]],
      [3, []],
      [4, []],
      [5, []],
      [6, []],
      [7, ['line 4']],
    ]);
    expect(plan.counts).toEqual({ create: 6, update: 0, unchanged: 0, error: 0 });
  });
});

describe('the kind of an actor the import creates', () => {
  it('is the one the file gives, an organisation when it gives none', () => {
    const file = [
      'date,type,title,actors',
      '2024-05-01,statement,Statement one,"Jane Roe (speaker, person); Republic of Nowhere (issuer, government); Some Group (subject)"',
      '2024-05-02,statement,Statement two,"Jane Roe (speaker); Acme Shipping (target, Company)"',
    ].join('\r\n');
    const plan = planImport(conn.db, rows(file), 'kinds.csv');
    expect(plan.newActorKinds).toEqual({ 'Jane Roe': 'person', 'Republic of Nowhere': 'government', 'Some Group': 'organisation', 'Acme Shipping': 'company' });
    const { actorsCreated } = applyImport(conn.db, rows(file), 'kinds.csv', plan.digest, TEST_ACTOR);
    const kinds = Object.fromEntries(
      actorsCreated.map((a) => [a.name, conn.db.get<{ kind: string }>(sql`SELECT kind FROM entities WHERE id = ${a.id}`).kind]),
    );
    expect(kinds).toEqual(plan.newActorKinds);
    // Each actor once, whatever the spelling of its case in A-Z.
    expect(actorsCreated).toHaveLength(4);
  });

  it('must be one kind per new actor in a file', () => {
    const file = ['date,type,title,actors', '2024-05-01,statement,One,"Jane Roe (speaker, person)"', '2024-05-02,statement,Two,"jane roe (speaker, company)"'].join('\r\n');
    const plan = planImport(conn.db, rows(file), 'kinds.csv');
    expect(plan.rows[1]!.errors).toEqual([{ column: 'actors', message: '"jane roe" is a person at line 2; give one kind for an actor.' }]);
  });

  it('is never changed for an existing actor; a different kind in the file is a warning', () => {
    const before = conn.db.get<{ id: number; kind: string }>(sql`SELECT id, kind FROM entities WHERE name = 'Khalid Qaddour'`);
    const file = ['date,type,title,actors', '2024-05-01,designation,A designation,"Khalid Qaddour (target, company)"'].join('\r\n');
    const plan = planImport(conn.db, rows(file), 'x.csv');
    expect(plan.rows[0]!.warnings).toEqual([
      { column: 'actors', message: `"Khalid Qaddour" is recorded as a person, not a company; the import does not change an actor's kind (change it on the actor's page).` },
    ]);
    applyImport(conn.db, rows(file), 'x.csv', plan.digest, TEST_ACTOR);
    expect(conn.db.get<{ kind: string }>(sql`SELECT kind FROM entities WHERE id = ${before.id}`).kind).toBe(before.kind);
  });

  it('matches names with letters outside A-Z exactly, instead of creating the actor again', () => {
    const omer = makeEntity(conn.db, { name: 'Ömer Çelik', kind: 'person' });
    const plan = planImport(conn.db, rows('date,type,title,actors\r\n2024-05-01,statement,A statement,"Ömer Çelik (speaker)"\r\n'), 'x.csv');
    expect(plan.newActors).toEqual([]);
    const { created } = applyImport(conn.db, rows('date,type,title,actors\r\n2024-05-01,statement,A statement,"Ömer Çelik (speaker)"\r\n'), 'x.csv', plan.digest, TEST_ACTOR);
    expect(eventSnapshot(conn.db, created[0]!.id).actors).toEqual([{ entityId: omer.id, name: 'Ömer Çelik', role: 'speaker' }]);
  });
});

describe('new events written in bulk', () => {
  const file = (n: number) =>
    [
      'date,type,title,countries,actors,tags,source_urls,source_titles,status,legal_authority,program',
      ...Array.from({ length: n }, (_, i) =>
        [
          `2024-0${(i % 9) + 1}-1${i % 10}`,
          i % 3 === 0 ? 'statement' : 'designation',
          `Bulk event ${i} about Zanzibarite shipping`,
          `"SY (target); SY (location); US (actor)"`,
          `"Khalid Qaddour (target); Khalid Qaddour (subject); Bulk Co ${i % 4} (target, company)"`,
          `"Caesar Act; Bulk tag ${i % 3}; bulk TAG ${i % 3}"`,
          `"https://example.test/${i}; "`,
          `"Press release ${i}; An article"`,
          i % 2 === 0 ? 'published' : 'draft',
          i % 5 === 0 ? '' : 'Caesar Syria Civilian Protection Act of 2019',
          i % 4 === 0 ? '' : 'SYRIA-CAESAR',
        ].join(','),
      ),
    ].join('\r\n');

  it('leaves the counts, the search index and the history as one event at a time would', () => {
    const plan = planImport(conn.db, rows(file(60)), 'bulk.csv');
    expect(plan.counts.error).toBe(0);
    const { created } = applyImport(conn.db, rows(file(60)), 'bulk.csv', plan.digest, TEST_ACTOR);
    expect(created).toHaveLength(60);
    expect(derivedMismatches(conn.sqlite)).toEqual([]);
    const found = conn.db.all<{ id: number }>(sql`SELECT rowid AS id FROM events_fts WHERE events_fts MATCH 'zanzibarite' ORDER BY rowid`);
    expect(found.map((r) => r.id)).toEqual(created.map((c) => c.id));
    for (const { id, line } of created) {
      const revisions = conn.db.all<{ action: string; version: number; snapshot: string; note: string }>(
        sql`SELECT action, version, snapshot, note FROM revisions WHERE record_type = 'event' AND record_id = ${id}`,
      );
      expect(revisions).toHaveLength(1);
      expect(revisions[0]).toMatchObject({ action: 'import', version: 1, note: `Imported from bulk.csv, line ${line}` });
      expect(JSON.parse(revisions[0]!.snapshot)).toEqual(JSON.parse(JSON.stringify(eventSnapshot(conn.db, id))));
    }
    // The triggers are back for the writes that follow.
    const triggers = conn.db.all<{ name: string }>(sql`SELECT name FROM sqlite_master WHERE type = 'trigger' AND name LIKE '%derived_insert'`);
    expect(triggers).toHaveLength(4);
    makeEvent(conn.db, { countries: [{ code: 'TR', role: 'actor' }], tags: ['After the import'] });
    expect(derivedMismatches(conn.sqlite)).toEqual([]);
  });

  it('writes nothing, triggers included, when the transaction fails', async () => {
    const plan = planImport(conn.db, rows(file(5)), 'bulk.csv');
    const before = fingerprint();
    // The last write of the transaction fails, after the events, counts and triggers were written.
    conn.sqlite.exec(`CREATE TRIGGER fail_on_import AFTER INSERT ON import_commits BEGIN SELECT RAISE(ABORT, 'forced failure'); END`);
    await expect(applyImportAsync(conn.db, rows(file(5)), 'bulk.csv', plan.digest, TEST_ACTOR)).rejects.toThrow(/forced failure/);
    conn.sqlite.exec('DROP TRIGGER fail_on_import');
    expect(fingerprint()).toBe(before);
    expect(conn.db.all(sql`SELECT name FROM sqlite_master WHERE type = 'trigger' AND name LIKE '%derived_insert'`)).toHaveLength(4);
    expect(derivedMismatches(conn.sqlite)).toEqual([]);
  });
});
