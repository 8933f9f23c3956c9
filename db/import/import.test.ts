import { sql } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Connection } from '@/db/engine/client';
import { applyImport, ImportRefusedError, planImport } from './import';
import { updateEvent } from '@/db/mutations/events';
import { exportRows } from '@/db/queries/export';
import { getEvent, listRevisions } from '@/db/queries/events';
import { seedDatabase, seedKey } from '@/db/seed/seed';
import { createTestDb, makeEntity, TEST_ACTOR } from '@/db/testing/test-db';
import { createEventCsvStream } from '@/db/exports/csv';
import { readCsvUpload, type CsvRow } from '@/lib/csv/import';
import { EMPTY_FILTERS } from '@/lib/filters';
import { eventInputSchema } from '@/lib/validation/event';
import { snapshotToInput } from '@/db/mutations/events';
import { eventSnapshot } from '@/db/mutations/revisions';

let conn: Connection;
beforeEach(() => {
  conn = createTestDb();
  seedDatabase(conn.db);
});
afterEach(() => conn.sqlite.close());

const fingerprint = () =>
  JSON.stringify(conn.db.all(sql`SELECT * FROM events ORDER BY id`)) +
  JSON.stringify(conn.db.all(sql`SELECT id FROM revisions`)) +
  JSON.stringify(conn.db.all(sql`SELECT id, name FROM entities ORDER BY id`)) +
  JSON.stringify(conn.db.all(sql`SELECT * FROM event_entities ORDER BY event_id, entity_id, role`)) +
  JSON.stringify(conn.db.all(sql`SELECT * FROM sources ORDER BY id`)) +
  JSON.stringify(conn.db.all(sql`SELECT * FROM event_tags ORDER BY event_id, tag_id`));

function rows(text: string): CsvRow[] {
  const read = readCsvUpload(new TextEncoder().encode(text));
  if (!read.ok) throw new Error(read.error);
  return read.rows;
}

async function exportAll(): Promise<string> {
  const stream = createEventCsvStream(exportRows(conn.db, EMPTY_FILTERS, { includeDrafts: false }), { bom: true, origin: 'https://t.example' });
  return new TextDecoder().decode(new Uint8Array(await new Response(stream).arrayBuffer()));
}

const seedId = (key: string) => (conn.sqlite.prepare('SELECT id FROM events WHERE external_id = ?').get(seedKey(key)) as { id: number }).id;

describe('importing a CSV', () => {
  it('changes nothing when the exported file is imported again (round trip)', async () => {
    const file = await exportAll();
    const before = fingerprint();
    const plan = planImport(conn.db, rows(file), 'events.csv');
    expect(plan.counts).toEqual({ create: 0, update: 0, unchanged: 16, error: 0 });
    expect(plan.rows.every((r) => r.changes.length === 0)).toBe(true);
    const result = applyImport(conn.db, rows(file), 'events.csv', plan.digest, TEST_ACTOR);
    expect(result).toEqual({ created: [], updated: [], unchanged: 16, actorsCreated: [] });
    expect(fingerprint()).toBe(before);
  });

  it('keeps hostile-looking text exactly through export and import', async () => {
    const id = seedId('patel-remarks-2023-03-28');
    const input = snapshotToInput(conn.db as never, eventSnapshot(conn.db, id));
    const hostile = { ...input, title: "=HYPERLINK(\"http://x\") and '=1+1", summary: "\n-1 and '@x" };
    updateEvent(conn.db, id, eventInputSchema.parse(hostile), 1, TEST_ACTOR);
    const file = await exportAll();
    expect(file).toContain(`"'=HYPERLINK(""http://x"") and '=1+1"`);
    const plan = planImport(conn.db, rows(file), 'events.csv');
    expect(plan.counts.unchanged).toBe(16);
  });

  it('creates events from a file with only the required columns, as drafts', () => {
    const file = 'date,type,title\r\n2024-05,designation,First imported designation\r\n2024,Official statement,An imported statement\r\n';
    const plan = planImport(conn.db, rows(file), 'list.csv');
    expect(plan.rows.map((r) => [r.line, r.action, r.title])).toEqual([
      [2, 'create', 'First imported designation'],
      [3, 'create', 'An imported statement'],
    ]);
    const result = applyImport(conn.db, rows(file), 'list.csv', plan.digest, TEST_ACTOR);
    expect(result.created).toHaveLength(2);
    const created = getEvent(conn.db, result.created[0]!.id, { includeDrafts: true })!;
    expect(created).toMatchObject({ status: 'draft', type: 'designation', date: '2024-05-01', datePrecision: 'month', summary: '' });
    expect(listRevisions(conn.db, 'event', created.id)).toMatchObject([{ action: 'import', note: 'Imported from list.csv, line 2' }]);
  });

  it('matches actors by name or alias, creates unknown ones once, and matches tags by slug', () => {
    const file = [
      'date,type,title,actors,tags,status',
      '2024-05-01,designation,Designation one,"Khaled Qaddour (target); Newly Named Trading LLC (target)","caesar act; Brand-new tag",published',
      '2024-05-02,designation,Designation two,Newly Named Trading LLC (subject),,published',
    ].join('\r\n');
    const plan = planImport(conn.db, rows(file), 'list.csv');
    expect(plan.newActors).toEqual(['Newly Named Trading LLC']);
    expect(plan.newTags).toEqual(['Brand-new tag']);
    const result = applyImport(conn.db, rows(file), 'list.csv', plan.digest, TEST_ACTOR);
    expect(result.actorsCreated).toHaveLength(1);
    const one = getEvent(conn.db, result.created[0]!.id)!;
    expect(one.actors.map((a) => `${a.name} (${a.role})`).sort()).toEqual(['Khalid Qaddour (target)', 'Newly Named Trading LLC (target)']);
    expect(one.tags.map((t) => t.label)).toEqual(['Brand-new tag', 'Caesar Act']);
    const two = getEvent(conn.db, result.created[1]!.id)!;
    expect(two.actors[0]!.id).toBe(result.actorsCreated[0]!.id);
  });

  it('updates an event matched by id, keeping the columns the file does not have, and records it', () => {
    const id = seedId('caesar-designations-qaddour-samer-assad');
    const before = getEvent(conn.db, id)!;
    const file = `id,date,type,title,tags\r\n${id},2023-03-28,designation,Caesar Act sanctions on two regime-linked Syrians,"Caesar Act; Captagon"\r\n`;
    const plan = planImport(conn.db, rows(file), 'fix.csv');
    expect(plan.rows[0]).toMatchObject({ action: 'update', eventId: id, changes: ['Title', 'Tags'] });
    applyImport(conn.db, rows(file), 'fix.csv', plan.digest, TEST_ACTOR);
    const after = getEvent(conn.db, id)!;
    expect(after.title).toBe('Caesar Act sanctions on two regime-linked Syrians');
    expect(after.tags.map((t) => t.label)).toEqual(['Caesar Act', 'Captagon']);
    expect(after.summary).toBe(before.summary);
    expect(after.actors).toEqual(before.actors);
    expect(after.sources.map(({ id: _id, ...s }) => s)).toEqual(before.sources.map(({ id: _id, ...s }) => s));
    expect(listRevisions(conn.db, 'event', id)[0]).toMatchObject({ action: 'update', version: 2, note: 'Imported from fix.csv, line 2' });
  });

  it('names the row and column of every problem and writes nothing while any row fails', () => {
    makeEntity(conn.db, { name: 'Twin Name' });
    makeEntity(conn.db, { name: 'Twin Name' }, TEST_ACTOR, { allowNamesake: true });
    const deleted = seedId('uae-reopens-embassy');
    conn.sqlite.prepare(`UPDATE events SET deleted_at = '2026-01-01T00:00:00Z' WHERE id = ?`).run(deleted);
    const before = fingerprint();
    const file = [
      'id,date,type,title,actors,countries,source_urls,source_titles',
      ',2024-05-01,designation,A good row,,,,',
      ',2024-02-30,designation,Bad date,,,,',
      '99999,2024,statement,Missing id,,,,',
      `${deleted},2024,statement,Deleted id,,,,`,
      ',2024,statement,Twin,Twin Name (target),,,',
      ',2024,statement,Bad country,,XX (target),,',
      ',2024,statement,Bad url,,,javascript:alert(1),A source',
      ',2024,rumour,x,,,,',
    ].join('\r\n');
    const plan = planImport(conn.db, rows(file), 'bad.csv');
    expect(plan.counts).toEqual({ create: 1, update: 0, unchanged: 0, error: 7 });
    const problems = plan.rows.filter((r) => r.action === 'error').map((r) => [r.line, r.errors.map((e) => e.column)]);
    expect(problems).toEqual([
      [3, ['date']],
      [4, ['id']],
      [5, ['id']],
      [6, ['actors']],
      [7, ['countries']],
      [8, ['source_urls']],
      [9, ['type', 'title']],
    ]);
    expect(() => applyImport(conn.db, rows(file), 'bad.csv', plan.digest, TEST_ACTOR)).toThrow(ImportRefusedError);
    expect(fingerprint()).toBe(before);
  });

  it('refuses a commit when the data changed after the dry run, and writes nothing', () => {
    const id = seedId('caesar-act-signed');
    const file = `id,date,type,title\r\n${id},2019,authority,Caesar Act becomes law\r\n,2024,statement,A new one\r\n`;
    const plan = planImport(conn.db, rows(file), 'x.csv');
    const input = snapshotToInput(conn.db as never, eventSnapshot(conn.db, id));
    updateEvent(conn.db, id, eventInputSchema.parse({ ...input, summary: 'A colleague edited this meanwhile.' }), 1, TEST_ACTOR);
    const before = fingerprint();
    let refusal: unknown;
    try {
      applyImport(conn.db, rows(file), 'x.csv', plan.digest, TEST_ACTOR);
    } catch (err) {
      refusal = err;
    }
    expect(refusal).toBeInstanceOf(ImportRefusedError);
    expect((refusal as ImportRefusedError).message).toMatch(/changed since the dry run/);
    expect((refusal as ImportRefusedError).plan.digest).not.toBe(plan.digest);
    expect(fingerprint()).toBe(before);
  });

  it('refuses the same id twice in one file', () => {
    const id = seedId('caesar-act-signed');
    const plan = planImport(conn.db, rows(`id,date,type,title\r\n${id},2019,authority,One\r\n${id},2019,authority,Two\r\n`), 'x.csv');
    expect(plan.rows[1]!.errors).toEqual([{ column: 'id', message: `Event #${id} is already in the file at line 2.` }]);
  });

  it('matches actors by the normalised name: a joiner, a soft hyphen, full width or capitals add no actor (issue 10)', () => {
    const qaddour = (conn.sqlite.prepare(`SELECT id FROM entities WHERE name = 'Khalid Qaddour'`).get() as { id: number }).id;
    const entitiesBefore = conn.sqlite.prepare('SELECT count(*) AS n FROM entities').get();
    const file = [
      'date,type,title,actors',
      '2024-05-01,designation,Joiner,Khalid Qad\u200Ddour (target)',
      '2024-05-02,designation,Soft hyphen,Khalid Qad\u00ADdour (target)',
      '2024-05-03,designation,Full width,ＫＨＡＬＩＤ ＱＡＤＤＯＵＲ (target)',
      '2024-05-04,designation,New twice,Nour Hadd\u200Cad (target); NOUR HADDAD (subject)',
      '2024-05-05,designation,New again,nour haddad (target)',
    ].join('\r\n');
    const plan = planImport(conn.db, rows(file), 'lookalikes.csv');
    expect(plan.counts).toMatchObject({ create: 5, error: 0 });
    expect(plan.newActors).toEqual(['Nour Haddad']);
    const result = applyImport(conn.db, rows(file), 'lookalikes.csv', plan.digest, TEST_ACTOR);
    expect(result.actorsCreated.map((a) => a.name)).toEqual(['Nour Haddad']);
    const newId = result.actorsCreated[0]!.id;
    const actorsOf = (id: number) => getEvent(conn.db, id, { includeDrafts: true })!.actors.map((a) => [a.id, a.role]);
    expect(result.created.slice(0, 3).map((c) => actorsOf(c.id))).toEqual([[[qaddour, 'target']], [[qaddour, 'target']], [[qaddour, 'target']]]);
    expect(actorsOf(result.created[3]!.id)).toEqual([[newId, 'subject'], [newId, 'target']]);
    expect(actorsOf(result.created[4]!.id)).toEqual([[newId, 'target']]);
    expect(conn.sqlite.prepare('SELECT count(*) AS n FROM entities').get()).toEqual({ n: (entitiesBefore as { n: number }).n + 1 });
  });

  it('commits what the dry run promised for source URLs a browser reads as http(s) addresses, and refuses credentials (issue 10)', () => {
    const file = [
      'date,type,title,source_urls,source_titles',
      '2024-05-01,designation,No slashes,https:evil.test,One',
      '2024-05-02,designation,Backslash,http:/\\evil.test/x,Two',
      '2024-05-03,designation,Looks like state.gov,https://state.gov@evil.test/,Three',
    ].join('\r\n');
    const plan = planImport(conn.db, rows(file), 'urls.csv');
    expect(plan.rows.map((r) => r.action)).toEqual(['create', 'create', 'error']);
    expect(plan.rows[2]!.errors[0]!.message).toMatch(/user name or password/);
    const good = rows(file).slice(0, 2);
    const goodPlan = planImport(conn.db, good, 'urls.csv');
    const result = applyImport(conn.db, good, 'urls.csv', goodPlan.digest, TEST_ACTOR);
    expect(result.created.map((c) => getEvent(conn.db, c.id, { includeDrafts: true })!.sources[0]!.url)).toEqual(['https://evil.test/', 'http://evil.test/x']);
  });
});
