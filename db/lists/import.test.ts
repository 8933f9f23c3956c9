import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { count, eq } from 'drizzle-orm';
import { beforeEach, describe, expect, it } from 'vitest';
import type { Connection } from '@/db/engine/client';
import { listEntries, listProposals, listVersions } from '@/db/schema';
import { createTestDb, TEST_ACTOR } from '@/db/testing/test-db';
import type { ListSource } from '@/lib/lists';
import { importListVersion, ListImportError, type ListImportResult, type OfacCsvPaths } from './import';
import { rejectProposal } from './review';

const fixture = (name: string) => join(import.meta.dirname, '..', '..', 'lib', 'lists', 'fixtures', name);
const csvSet = (v: 1 | 2): OfacCsvPaths => ({ sdn: fixture(`ofac-sdn-v${v}.csv`), add: fixture(`ofac-add-v${v}.csv`), alt: fixture(`ofac-alt-v${v}.csv`) });

let conn: Connection;
beforeEach(() => {
  conn = createTestDb();
});

function run(source: ListSource, path: string | OfacCsvPaths, extra: { dryRun?: boolean; publishedAt?: string } = {}) {
  return importListVersion(conn.db, { source, path, importedBy: TEST_ACTOR, ...extra });
}

/** What the second version proposes, as an analyst reads it: kind, entry key, and the date the event would carry. */
const proposed = (r: ListImportResult) => r.proposals.map((p) => [p.kind, p.entryKey, p.date ? `${p.date.date}/${p.date.precision}/${p.date.basis}` : null]);

const tables = () => ({
  versions: conn.db.select({ n: count() }).from(listVersions).get()!.n,
  entries: conn.db.select({ n: count() }).from(listEntries).get()!.n,
  proposals: conn.db.select({ n: count() }).from(listProposals).get()!.n,
});

const NOVEMBER = '2026-11-01/month/between';

describe('importing two versions of each fixture list', () => {
  it('OFAC sdn.xml: the first version is the baseline, the second proposes its designation, amendment and removal, dated within November 2026', async () => {
    const v1 = await run('ofac-sdn', fixture('ofac-sdn-v1.xml'));
    expect(v1).toMatchObject({ status: 'imported', format: 'ofac-sdn-xml', publishedAt: '2026-11-03', publishedBy: 'list', entryCount: 4, previous: null, proposals: [] });
    const v2 = await run('ofac-sdn', fixture('ofac-sdn-v2.xml'));
    expect(v2).toMatchObject({ status: 'imported', publishedAt: '2026-11-10', previous: { id: v1.versionId, publishedAt: '2026-11-03' } });
    expect(proposed(v2)).toEqual([
      ['designation', '90005', NOVEMBER],
      ['amendment', '90002', NOVEMBER],
      ['removal', '90003', NOVEMBER],
    ]);
    const rows = conn.db.select().from(listProposals).where(eq(listProposals.versionId, v2.versionId!)).orderBy(listProposals.id).all();
    expect(rows.map((r) => [r.kind, r.entryKey, r.afterPublishedAt, r.onOrBeforePublishedAt, r.status])).toEqual([
      ['designation', '90005', '2026-11-03', '2026-11-10', 'proposed'],
      ['amendment', '90002', '2026-11-03', '2026-11-10', 'proposed'],
      ['removal', '90003', '2026-11-03', '2026-11-10', 'proposed'],
    ]);
    const amendment = rows.find((r) => r.kind === 'amendment')!;
    expect(amendment.before?.programs).not.toContain('UKRAINE-EO13662');
    expect(amendment.after?.programs).toContain('UKRAINE-EO13662');
  });

  it('OFAC advanced XML gives the same proposals as sdn.xml', async () => {
    await run('ofac-sdn', fixture('ofac-advanced-v1.xml'));
    expect(proposed(await run('ofac-sdn', fixture('ofac-advanced-v2.xml')))).toEqual([
      ['designation', '90005', NOVEMBER],
      ['amendment', '90002', NOVEMBER],
      ['removal', '90003', NOVEMBER],
    ]);
  });

  it('OFAC CSV set: no date in the files, so the dates staff supply bound the changes (and are recorded as theirs)', async () => {
    const v1 = await run('ofac-sdn', csvSet(1));
    expect(v1).toMatchObject({ format: 'ofac-csv', publishedAt: null, publishedBy: null });
    const v2 = await run('ofac-sdn', csvSet(2), { publishedAt: '2026-11-10' });
    expect(v2.publishedBy).toBe('staff');
    // The earlier version states no date: the interval has no lower bound, so no date is made up.
    expect(proposed(v2)).toEqual([
      ['designation', '90005', null],
      ['amendment', '90002', null],
      ['removal', '90003', null],
    ]);
  });

  it("UN: the list's own listing and update dates date the designation and the amendment; the removal lies between the versions", async () => {
    await run('un-sc', fixture('un-sc-v1.xml'));
    expect(proposed(await run('un-sc', fixture('un-sc-v2.xml')))).toEqual([
      ['designation', '9900004', '2026-11-06/day/list'],
      ['amendment', '9900002', '2026-11-07/day/list'],
      ['removal', '9900003', NOVEMBER],
    ]);
  });

  it('EU: designationDate dates the designation, the amendment has no date of its own', async () => {
    await run('eu-fsf', fixture('eu-fsf-v1.xml'));
    expect(proposed(await run('eu-fsf', fixture('eu-fsf-v2.xml')))).toEqual([
      ['designation', '990004', '2026-11-06/day/list'],
      ['amendment', '990002', NOVEMBER],
      ['removal', '990003', NOVEMBER],
    ]);
  });

  it('UK: DateDesignated and LastUpdated date their changes', async () => {
    await run('uk-fcdo', fixture('uk-sanctions-list-v1.xml'));
    expect(proposed(await run('uk-fcdo', fixture('uk-sanctions-list-v2.xml')))).toEqual([
      ['designation', 'SYR0905', '2026-11-06/day/list'],
      ['amendment', 'RUS0902', '2026-11-07/day/list'],
      ['removal', 'AQD0903', NOVEMBER],
    ]);
  });

  it('OpenSanctions: dated by the publication dates staff give for both versions', async () => {
    await run('opensanctions', fixture('opensanctions-v1.ftm.json'), { publishedAt: '2026-11-03' });
    expect(proposed(await run('opensanctions', fixture('opensanctions-v2.ftm.json'), { publishedAt: '2026-11-10' }))).toEqual([
      ['designation', 'NK-TEST5testPersonFive', NOVEMBER],
      ['amendment', 'NK-TEST2testBankTwo', NOVEMBER],
      ['removal', 'NK-TEST3testPersonThree', NOVEMBER],
    ]);
  });
});

describe('import rules', () => {
  it('importing the same file again writes nothing and says when it was imported', async () => {
    const first = await run('ofac-sdn', fixture('ofac-sdn-v1.xml'));
    const before = tables();
    const again = await run('ofac-sdn', fixture('ofac-sdn-v1.xml'));
    expect(again).toMatchObject({ status: 'unchanged', versionId: first.versionId, existing: { importedBy: TEST_ACTOR.label } });
    expect(tables()).toEqual(before);
  });

  it('a failure while writing leaves nothing: the version, its entries and proposals commit together', async () => {
    await run('ofac-sdn', fixture('ofac-sdn-v1.xml'));
    const before = tables();
    conn.sqlite.exec(`CREATE TRIGGER fail_on_proposal AFTER INSERT ON list_proposals BEGIN SELECT RAISE(ABORT, 'forced failure'); END`);
    await expect(run('ofac-sdn', fixture('ofac-sdn-v2.xml'))).rejects.toThrow('forced failure');
    expect(tables()).toEqual(before);
  });

  it('a dry run reports the proposals and writes nothing', async () => {
    await run('ofac-sdn', fixture('ofac-sdn-v1.xml'));
    const before = tables();
    const dry = await run('ofac-sdn', fixture('ofac-sdn-v2.xml'), { dryRun: true });
    expect(dry).toMatchObject({ status: 'dry-run', versionId: null, designations: 1, amendments: 1, removals: 1 });
    expect(tables()).toEqual(before);
  });

  it('a rejected change is not proposed again when the same change comes back', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'lists-test-'));
    const v1 = await readFile(fixture('ofac-sdn-v1.xml'), 'utf8');
    const v2 = await readFile(fixture('ofac-sdn-v2.xml'), 'utf8');
    await run('ofac-sdn', fixture('ofac-sdn-v1.xml'));
    const second = await run('ofac-sdn', fixture('ofac-sdn-v2.xml'));
    const designation = conn.db.select().from(listProposals).where(eq(listProposals.versionId, second.versionId!)).all().find((p) => p.kind === 'designation')!;
    rejectProposal(conn.db, designation.id, TEST_ACTOR);
    // v3: the list goes back to v1's content; v4: v2's content again, so 90005 is designated again.
    await writeFile(join(dir, 'v3.xml'), v1.replace('11/03/2026', '11/17/2026'));
    await writeFile(join(dir, 'v4.xml'), v2.replace('11/10/2026', '11/24/2026'));
    const third = await run('ofac-sdn', join(dir, 'v3.xml'));
    expect(proposed(third).map((p) => p.slice(0, 2))).toEqual([
      ['designation', '90003'],
      ['amendment', '90002'],
      ['removal', '90005'],
    ]);
    const fourth = await run('ofac-sdn', join(dir, 'v4.xml'));
    expect(fourth.skippedRejected).toBe(1);
    expect(proposed(fourth).map((p) => p.slice(0, 2))).toEqual([
      ['amendment', '90002'],
      ['removal', '90003'],
    ]);
  });

  it('refuses a version older than the last one imported', async () => {
    await run('ofac-sdn', fixture('ofac-sdn-v2.xml'));
    await expect(run('ofac-sdn', fixture('ofac-sdn-v1.xml'))).rejects.toThrow(/published 2026-11-03, before version #1 \(published 2026-11-10\)/);
  });

  it('refuses a file of another list, naming the file, and writes nothing', async () => {
    const err = await run('ofac-sdn', fixture('un-sc-v1.xml')).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ListImportError);
    expect((err as Error).message).toContain('un-sc-v1.xml');
    expect((err as Error).message).toContain('not a ofac-sdn list file');
    expect(tables()).toEqual({ versions: 0, entries: 0, proposals: 0 });
  });

  it('an uploaded file that is truncated is refused under its own name, with the line, and nothing is written', async () => {
    const text = await readFile(fixture('ofac-sdn-v1.xml'), 'utf8');
    const err = await importListVersion(conn.db, { source: 'ofac-sdn', bytes: Buffer.from(text.slice(0, text.length / 2)), fileName: 'sdn.xml', importedBy: TEST_ACTOR }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ListImportError);
    expect((err as Error).message).toMatch(/^sdn\.xml, line \d+/);
    expect(tables()).toEqual({ versions: 0, entries: 0, proposals: 0 });
  });

  it('an upload over the size limit is refused before it is read', async () => {
    const err = await importListVersion(conn.db, { source: 'ofac-sdn', bytes: new Uint8Array(2048), fileName: 'big.xml', importedBy: TEST_ACTOR, maxBytes: 1024 }).catch((e: unknown) => e);
    expect((err as Error).message).toBe('big.xml: the file is 2 KB, larger than the 1 KB a list file may be.');
  });
});
