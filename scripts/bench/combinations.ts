/**
 * The filter combinations the benchmark times: each a query string of `GET /api/events` (and of
 * the page), from no filter to several at once. Values that depend on the data (a rare actor, the
 * most involved person, a name to search, a deep cursor) are picked from the database by fixed
 * rules, so that every size of every seed gets comparable combinations.
 */
import type Database from 'better-sqlite3';
import { encodeCursor } from '@/db/queries/events';

export interface Combination {
  key: string;
  label: string;
  query: string;
}

const one = <T>(sqlite: Database.Database, query: string, ...params: unknown[]) => sqlite.prepare(query).get(...params) as T | undefined;

/** The longest word of a name, without diacritics: what someone types to find that person. */
function searchWord(name: string): string {
  const words = name
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .split(/[^A-Za-z]+/)
    .filter((w) => w.length >= 4);
  return (words.sort((a, b) => b.length - a.length)[0] ?? name).toLowerCase();
}

export function pickCombinations(sqlite: Database.Database): Combination[] {
  const visible = one<{ n: number }>(sqlite, `SELECT count(*) AS n FROM events WHERE deleted_at IS NULL AND status = 'published'`)!.n;
  const rare = one<{ id: number }>(
    sqlite,
    `SELECT entity_id AS id FROM facet_counts f JOIN event_entities ee ON ee.entity_id = CAST(f.value AS INTEGER)
      WHERE f.facet = 'actor' AND f.n BETWEEN 3 AND 5 ORDER BY CAST(f.value AS INTEGER) LIMIT 1`,
  );
  const person = one<{ id: number }>(
    sqlite,
    `SELECT e.id FROM facet_counts f JOIN entities e ON e.id = CAST(f.value AS INTEGER)
      WHERE f.facet = 'actor' AND e.kind = 'person' ORDER BY f.n DESC, e.id LIMIT 1`,
  );
  // A person in about one event in two thousand: a name someone would search for.
  const named = one<{ name: string }>(
    sqlite,
    `SELECT e.name FROM facet_counts f JOIN entities e ON e.id = CAST(f.value AS INTEGER)
      WHERE f.facet = 'actor' AND e.kind = 'person' ORDER BY abs(f.n - ?) , e.id LIMIT 1`,
    Math.max(3, Math.round(visible / 2000)),
  );
  const deep = one<{ date: string; id: number }>(
    sqlite,
    `SELECT date, id FROM events WHERE deleted_at IS NULL AND status = 'published' ORDER BY date DESC, id DESC LIMIT 1 OFFSET ?`,
    Math.floor(visible * 0.9),
  );
  const name = searchWord(named?.name ?? 'sanctions');
  const list: (Combination | null)[] = [
    { key: 'none', label: 'no filter', query: '' },
    { key: 'type', label: 'one type', query: 'type=designation' },
    { key: 'country-target', label: 'country as target', query: 'country=SY&role=target' },
    { key: 'dates', label: 'date range (18 months)', query: 'from=2019-03&to=2020-08' },
    { key: 'text-name', label: `full text: a name ("${name}")`, query: `q=${encodeURIComponent(name)}` },
    { key: 'text-word', label: 'full text: common word ("oil")', query: 'q=oil' },
    { key: 'text-relevance', label: 'full text by relevance', query: `q=${encodeURIComponent(name)}&sort=relevance` },
    rare ? { key: 'rare-actor', label: 'a rare actor (3-5 events)', query: `actor=${rare.id}` } : null,
    person ? { key: 'actor-type', label: 'top person + one type', query: `actor=${person.id}&type=designation` } : null,
    { key: 'tag', label: 'one tag', query: 'tag=human-rights' },
    { key: 'program', label: 'one program', query: 'program=SYRIA-CAESAR' },
    {
      key: 'combined',
      label: 'several combined',
      query: 'type=designation&type=removal&country=SY&role=target&from=2015&to=2022&tag=asset-freeze',
    },
    deep ? { key: 'deep-page', label: 'deep page (cursor at 90%)', query: `cursor=${encodeCursor(deep)}` } : null,
  ];
  return list.filter((c): c is Combination => c !== null);
}

/** A view of an analyst exploring (issue 15); `staff` views need a signed-in viewer. */
export interface AnalystView extends Combination {
  staff: boolean;
}

/**
 * The views of an analyst exploring (issue 15): a country alone, a common word, a date range alone,
 * the actor with most events, three filters combined, a program, and staff's whole timeline.
 */
export function analystViews(sqlite: Database.Database): AnalystView[] {
  const top = one<{ id: number }>(sqlite, `SELECT CAST(value AS INTEGER) AS id FROM facet_counts WHERE facet = 'actor' ORDER BY n DESC LIMIT 1`);
  const list: (AnalystView | null)[] = [
    { key: 'a-country', label: 'a country alone', query: 'country=SY', staff: false },
    { key: 'a-word', label: 'a common word', query: 'q=oil', staff: false },
    { key: 'a-dates', label: 'a date range alone', query: 'from=2020&to=2021', staff: false },
    top ? { key: 'a-actor', label: 'an actor with many events', query: `actor=${top.id}`, staff: false } : null,
    { key: 'a-three', label: 'three filters combined', query: 'type=normalisation&country=SY&role=target', staff: false },
    { key: 'a-three-b', label: 'three filters: type, country, years', query: 'type=designation&country=IR&from=2018&to=2022', staff: false },
    { key: 'a-program', label: 'a program', query: 'program=SYRIA-CAESAR', staff: false },
    { key: 'a-staff', label: 'status=all for staff', query: 'status=all', staff: true },
    { key: 'a-staff-country', label: 'staff: drafts of a country', query: 'status=draft&country=SY', staff: true },
  ];
  return list.filter((c): c is AnalystView => c !== null);
}
