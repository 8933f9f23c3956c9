/**
 * Search on PostgreSQL answers as search on SQLite does (issue 16, "same behaviour on both"): the
 * seed and a few events written to be hard (spellings, diacritics, Arabic letter forms, full-width
 * letters, joiners, a phrase split across two fields, a deleted event) are copied from SQLite into
 * PostgreSQL with db:copy, then the search box's texts an analyst types are run through
 * `matchingIdsSql` (FTS5) and `pgMatchingIdsSql` (tsquery) and must find the same events.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { copyDatabase } from '@/db/copy/copy';
import { bootstrapDatabase } from '@/db/engine/bootstrap';
import type { Connection } from '@/db/engine/client';
import { deleteEvent } from '@/db/mutations/events';
import { matchingIdsSql, rankedMatches } from '@/db/queries/search';
import { makeEntity, makeEvent, TEST_ACTOR } from '@/db/testing/test-db';
import { analyseQuery } from '@/lib/search/query';
import { parseSearch } from '@/lib/search-syntax';
import { ENTITY_ROLES } from '@/lib/vocabulary';

const ROLE = ENTITY_ROLES[0];
import { createTestPostgres, type TestPostgres } from '@/testing/postgres';
import { connectPostgres, type PgConnection } from './connect';
import { pgMatchingIdsSql, pgRankedMatchesSql, pgReindexEvents, toTsQuery } from './search';
import { pgIndexSuggester, pgSuggestCorrection, pgVocabulary } from './suggestions';
import { suggestCorrection } from '@/db/derived/suggestions';

let dir: string;
let sqlite: Connection;
let database: TestPostgres;
let pg: PgConnection;
const ids: Record<string, number> = {};

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tracker-pg-search-'));
  const file = path.join(dir, 'source.db');
  const source = bootstrapDatabase({ path: file, seedOnEmpty: true, check: 'schema' });
  const { db } = source;
  const minister = makeEntity(db, { name: 'Mevlüt Çavuşoğlu', aliases: ['Cavusoglu', 'مولود جاويش أوغلو'] });
  ids.spellings = makeEvent(db, { title: 'Ministers discussed the normalization of ties', summary: 'Talks on normalising relations with Damascus.' }).id;
  ids.arabic = makeEvent(db, { title: 'بيان حول الأسد', summary: 'إعادة العلاقات مع سوريا', countries: [{ code: 'SY', role: 'target' }] }).id;
  ids.diacritics = makeEvent(db, {
    title: 'Erdoğan and his foreign minister in Ankara',
    summary: 'The minister spoke for Türkiye.',
    actors: [{ entityId: minister.id, role: ROLE }],
  }).id;
  ids.fullWidth = makeEvent(db, { title: 'ＣＡＥＳＡＲ designations reviewed', summary: 'Qad\u200Ddour named again.' }).id;
  // "caesar act" must not be found across the end of the title and the start of the summary.
  ids.split = makeEvent(db, { title: 'Congress letter on caesar', summary: 'Act quickly, the letter says.' }).id;
  const deleted = makeEvent(db, { title: 'Withdrawn captagon note', summary: 'Captagon trade figures.' });
  deleteEvent(db, deleted.id, deleted.version, TEST_ACTOR);
  ids.deleted = deleted.id;
  source.sqlite.close();

  database = await createTestPostgres('tracker_search', { icuLocale: 'en-US' });
  await copyDatabase(file, database.url);
  sqlite = bootstrapDatabase({ path: file, seedOnEmpty: false, check: 'schema' });
  pg = await connectPostgres(database.url);
});

afterAll(async () => {
  sqlite?.sqlite.close();
  await pg?.close();
  await database?.drop();
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

function sqliteIds(q: string): number[] {
  const { groups } = analyseQuery(q);
  if (groups.length === 0) return [];
  return sqlite.db
    .all<{ id: number }>(sql`SELECT id FROM (${matchingIdsSql(groups)}) ORDER BY id`)
    .map((r) => r.id);
}

async function pgIds(q: string): Promise<number[]> {
  const { groups } = analyseQuery(q);
  if (groups.length === 0) return [];
  const { rows } = await pg.db.execute<{ id: number }>(sql`SELECT id FROM (${pgMatchingIdsSql(groups)}) AS m ORDER BY id`);
  return rows.map((r) => Number(r.id));
}

/** What analysts type (the seed's search tests, issue 14's probe) and what the events above are for. */
const QUERIES = [
  'normalisation', 'normalization', 'normalize', 'normalis', 'normaliz', 'caesar', 'Caesar Act', '"caesar act"', 'caesar nine', 'qadd', 'QADDOUR',
  'qaddour samer', '(qaddour samer)', 'Qad\u200Ddour', 'khaled', 'khalid', 'خالد قدور', 'الاسد', 'الأسد', 'سوريا', 'Erdoğan', 'erdogan', 'ERDOĞ',
  'Turkey', 'Türkiye', 'Turkiye', 'Turkish', 'Syria', 'Syrian Arab Republic', 'Syria Turkey', 'SYRIA-EO13894', 'embassy OR suspends', 'iraq OR lebanon',
  'captagon', 'illicit drug', 'policy analysis', 'regional moves', 'al-Assad', 'assad', 'Arab League', 'arab league readmission', 'cavusoglu',
  'Çavuşoğlu', 'جاويش', 'ｃａｅｓａｒ', 'designations reviewed', 'letter', '"letter says"', 'urged', 'NEAR(assad qaddour, 2)', 'x', 'a b c',
];

describe('the same events found on both engines', () => {
  it.each(QUERIES)('%s', async (q) => {
    expect(await pgIds(q)).toEqual(sqliteIds(q));
  });

  it('the hard cases behave as intended on both, not just alike', async () => {
    expect(await pgIds('normalisation')).toContain(ids.spellings);
    expect(await pgIds('الاسد')).toContain(ids.arabic);
    expect(await pgIds('erdogan')).toContain(ids.diacritics);
    expect(await pgIds('cavusoglu')).toContain(ids.diacritics);
    expect(await pgIds('caesar')).toContain(ids.fullWidth);
    expect(await pgIds('qaddour')).toContain(ids.fullWidth);
    expect(await pgIds('caesar')).toContain(ids.split);
    expect(await pgIds('"caesar act"')).not.toContain(ids.split);
    expect(await pgIds('captagon')).not.toContain(ids.deleted);
    // A query that finds something on both, so the equalities above are not all empty.
    expect((await pgIds('syria')).length).toBeGreaterThan(10);
  });
});

describe('relevance', () => {
  const ranked = async (q: string) => {
    const { groups } = analyseQuery(q);
    const onSqlite = sqlite.db
      .select()
      .from(rankedMatches(sqlite.db, groups))
      .all()
      .sort((a, b) => a.score - b.score || a.id - b.id);
    const { rows } = await pg.db.execute<{ id: number; score: number }>(sql`SELECT id, score FROM (${pgRankedMatchesSql(groups)}) AS r ORDER BY score, id`);
    return { sqlite: onSqlite.map((r) => r.id), pg: rows.map((r) => Number(r.id)) };
  };
  const titleMatches = async (id: number, q: string) => {
    const tsq = toTsQuery(analyseQuery(q).groups.map((g) => g.flatMap((a) => (a.kind === 'text' ? [{ tokens: a.tokens, prefix: a.prefix }] : []))));
    const { rows } = await pg.db.execute<{ hit: boolean }>(
      sql`SELECT to_tsvector('simple', title) @@ to_tsquery('simple', ${tsq}) AS hit FROM event_search WHERE event_id = ${id}`,
    );
    return rows[0]?.hit === true;
  };

  it('ranks the same events, a word match before an event found only by its country', async () => {
    const r = await ranked('Turkish');
    expect([...r.pg].sort((a, b) => a - b)).toEqual([...r.sqlite].sort((a, b) => a - b));
    expect(r.pg[0]).toBe(r.sqlite[0]);
  });

  // bm25 (SQLite) weighs a field's length, ts_rank (PostgreSQL) does not: between two events with
  // the word in the title the order may differ, but a title match comes first on both.
  it.each(['normalization', 'caesar', 'erdogan', 'embassy'])('%s: the best match has the word in its title on both engines', async (q) => {
    const r = await ranked(q);
    expect([...r.pg].sort((a, b) => a - b)).toEqual([...r.sqlite].sort((a, b) => a - b));
    expect(await titleMatches(r.sqlite[0]!, q), 'SQLite').toBe(true);
    expect(await titleMatches(r.pg[0]!, q), 'PostgreSQL').toBe(true);
  });
});

describe('did you mean', () => {
  it('reads the same vocabulary from both indexes: every word and how many events hold it', async () => {
    const a = sqlite.db.all<{ term: string; doc: number }>(sql`SELECT term, doc FROM events_fts_vocab ORDER BY term`);
    const b = (await pgVocabulary(pg.db)).sort((x, y) => (x.term < y.term ? -1 : x.term > y.term ? 1 : 0));
    expect(b).toEqual(a);
    expect(a.length).toBeGreaterThan(300);
  });

  it.each(['qadour', 'normalisaton', 'erdogn', 'sanctons', 'Damscus', 'caeser act', 'assad', 'قدوور', 'xqzv'])('suggests the same for %s', async (q) => {
    expect(await pgSuggestCorrection(pg.db, q)).toEqual(suggestCorrection(sqlite.db, q));
  });

  it('a misspelling is corrected, and a word written since is known', async () => {
    expect((await pgSuggestCorrection(pg.db, 'qadour'))?.text).toMatch(/qaddour/i);
    const before = await pgIndexSuggester(pg.db);
    expect(await pgIndexSuggester(pg.db)).toBe(before);
    await pg.db.transaction(async (tx) => {
      await tx.execute(sql`UPDATE events SET summary = summary || ' Zanzibarian observers attended.' WHERE id = ${ids.spellings!}`);
      await pgReindexEvents(tx, [ids.spellings!]);
    });
    expect(await pgIndexSuggester(pg.db)).not.toBe(before);
    expect((await pgSuggestCorrection(pg.db, 'zanzibarien'))?.text).toMatch(/zanzibarian/i);
  });
});

describe('keeping event_search', () => {
  it('pgReindexEvents writes what the copy wrote from SQLite (the same folded words)', async () => {
    const before = await pg.db.execute<{ event_id: number; title: string; summary: string; body: string }>(
      sql`SELECT event_id, title, summary, body FROM event_search ORDER BY event_id`,
    );
    const all = await pg.db.execute<{ id: number }>(sql`SELECT id FROM events`);
    const written = await pg.db.transaction((tx) => pgReindexEvents(tx, all.rows.map((r) => Number(r.id))));
    expect(written).toBe(before.rows.length);
    const after = await pg.db.execute<{ event_id: number; title: string; summary: string; body: string }>(
      sql`SELECT event_id, title, summary, body FROM event_search ORDER BY event_id`,
    );
    // The body's parts are gathered by string_agg / group_concat, whose order neither engine fixes.
    const words = (s: string) => s.split(' ').sort().join(' ');
    expect(after.rows.map((r) => ({ ...r, body: words(r.body) }))).toEqual(before.rows.map((r) => ({ ...r, body: words(r.body) })));
  });

  it('an edit is found by its new words and not its old ones, in the same transaction as the edit', async () => {
    const id = ids.split!;
    await pg.db.transaction(async (tx) => {
      await tx.execute(sql`UPDATE events SET title = 'Congress letter on captagon routes' WHERE id = ${id}`);
      await pgReindexEvents(tx, [id]);
    });
    expect(await pgIds('captagon routes')).toEqual([id]);
    expect(await pgIds('"letter on caesar"')).toEqual([]);
    await pg.db.transaction(async (tx) => {
      await tx.execute(sql`UPDATE events SET deleted_at = '2026-12-03T00:00:00.000Z' WHERE id = ${id}`);
      await pgReindexEvents(tx, [id]);
    });
    expect(await pgIds('captagon routes')).toEqual([]);
  });
});

describe('toTsQuery', () => {
  const q = (text: string) => toTsQuery(parseSearch(text).groups);

  it('quotes every word, marks prefixes, ANDs groups and ORs alternatives', () => {
    expect(q('qadd')).toBe("'qadd':*");
    expect(q('x')).toBe("'x'");
    expect(q('iraq OR lebanon')).toBe("('iraq':* | 'lebanon':*)");
  });

  it('asks a phrase of each field in turn, so it never runs from one field into the next', () => {
    expect(q('"caesar act"')).toBe("('caesar':A <-> 'act':A | 'caesar':B <-> 'act':B | 'caesar':C <-> 'act':C)");
  });

  it('leaves tsquery operators in the text inert', () => {
    expect(toTsQuery([[{ tokens: ["o'brien\\", '&', '|'], prefix: false }]])).toBe(
      "('o''brien\\\\':A <-> '&':A <-> '|':A | 'o''brien\\\\':B <-> '&':B <-> '|':B | 'o''brien\\\\':C <-> '&':C <-> '|':C)",
    );
  });
});
