/**
 * Search on PostgreSQL: the twin of db/queries/search.ts (FTS5) and db/derived/search-index.ts
 * (keeping the index), over `event_search` (db/pg/schema.ts): the same folded, spelling-keyed
 * text per event (lib/search/query.ts `indexText`, computed in JavaScript on both engines), with a
 * generated tsvector weighted A (title), B (summary), C (body) and a GIN index.
 *
 * The search box's words reach PostgreSQL only as lexemes of a tsquery built here from the
 * analysed groups (`analyseQuery`, shared with SQLite), each quoted, never as typed. FTS5's rules
 * are kept: a word is a whole word or, marked, a prefix (`:*`); a phrase matches within one field,
 * so a phrase is asked of each weight in turn (`'a':A <-> 'b':A | ...`), since the fields are one
 * tsvector and a phrase could otherwise run from the end of the title into the summary; the groups
 * of a query are ANDed, a group's alternatives ORed. A group naming a country also matches the
 * event's countries (event_countries), as on SQLite.
 */
import { sql, type SQL } from 'drizzle-orm';
import { indexText, countryCodesOfGroups, textSearchGroups, type QueryGroups } from '@/lib/search/query';
import type { SearchGroups, SearchTerm } from '@/lib/search-syntax';
import type { PgDb } from './connect';
import type { PgTx } from './replicas';

type PgRunner = Pick<PgDb, 'execute'> | Pick<PgTx, 'execute'>;

/** A lexeme quoted for to_tsquery: inside quotes only a quote (doubled) and a backslash need care. */
function lexeme(token: string): string {
  return `'${token.replace(/\\/g, '\\\\').replace(/'/g, "''")}'`;
}

const WEIGHTS = ['A', 'B', 'C'] as const;

function termQuery(term: SearchTerm): string {
  const last = term.tokens.length - 1;
  const one = (weight: string) =>
    term.tokens.map((t, i) => `${lexeme(t)}${i === last && term.prefix ? `:*${weight}` : weight ? `:${weight}` : ''}`).join(' <-> ');
  if (term.tokens.length === 1) return one('');
  return `(${WEIGHTS.map(one).join(' | ')})`;
}

/** The tsquery text of search-syntax groups: every group must match, any alternative of a group. */
export function toTsQuery(groups: SearchGroups): string {
  return groups
    .map((group) => {
      const alternatives = group.map(termQuery);
      return alternatives.length > 1 ? `(${alternatives.join(' | ')})` : alternatives[0]!;
    })
    .join(' & ');
}

const tsMatch = (groups: SearchGroups) => sql`SELECT event_id AS id FROM event_search WHERE document @@ to_tsquery('simple', ${toTsQuery(groups)})`;
const hasCountry = (codes: readonly string[]) => codes.length > 0;

function inCountries(codes: readonly string[]): SQL {
  return sql`SELECT event_id AS id FROM event_countries WHERE country_code IN (${sql.join(
    codes.map((c) => sql`${c}`),
    sql`, `,
  )}) AND event_visibility <> 'deleted'`;
}

/**
 * `SELECT id ...` of the live events that match, the twin of `matchingIdsSql`: one tsquery when no
 * group names a country, otherwise the intersection of the groups, a country group being its
 * words or the country among the event's countries.
 */
export function pgMatchingIdsSql(groups: QueryGroups): SQL {
  const codes = countryCodesOfGroups(groups);
  const text = textSearchGroups(groups);
  if (!codes.some(hasCountry)) return tsMatch(text);
  const parts: SQL[] = [];
  const plain = text.filter((_, i) => !hasCountry(codes[i]!));
  if (plain.length > 0) parts.push(tsMatch(plain));
  groups.forEach((_, i) => {
    if (!hasCountry(codes[i]!)) return;
    parts.push(text[i]!.length > 0 ? sql`${tsMatch([text[i]!])} UNION ${inCountries(codes[i]!)}` : inCountries(codes[i]!));
  });
  return sql.join(
    parts.map((p, i) => sql`SELECT id FROM (${p}) AS ${sql.raw(`g${i}`)}`),
    sql` INTERSECT `,
  );
}

/**
 * Column weights for ts_rank, in PostgreSQL's order {D, C, B, A}: the ratios of FTS5's bm25
 * weights (title 10, summary 4, body 1).
 */
const RANK_WEIGHTS = sql.raw(`'{0, 0.1, 0.4, 1.0}'::float4[]`);

/**
 * Matching ids with a score where lower is better, as bm25 gives it on SQLite (the negated
 * ts_rank), the twin of `rankedMatches`: events found only through their countries score 0,
 * after every word match.
 */
export function pgRankedMatchesSql(groups: QueryGroups): SQL {
  const codes = countryCodesOfGroups(groups);
  const text = textSearchGroups(groups);
  if (!codes.some(hasCountry)) {
    return sql`SELECT event_id AS id, -ts_rank(${RANK_WEIGHTS}, document, q) AS score
                 FROM event_search, to_tsquery('simple', ${toTsQuery(text)}) AS q WHERE document @@ q`;
  }
  const anyWord = toTsQuery([text.flat()]);
  const allCodes = [...new Set(codes.flat())];
  return sql`SELECT s.id, min(s.score) AS score FROM (
      SELECT event_id AS id, -ts_rank(${RANK_WEIGHTS}, document, q) AS score
        FROM event_search, to_tsquery('simple', ${anyWord}) AS q WHERE document @@ q
      UNION ALL
      SELECT id, 0 AS score FROM (${inCountries(allCodes)}) AS c
    ) AS s
    WHERE s.id IN (${pgMatchingIdsSql(groups)})
    GROUP BY s.id`;
}

/**
 * The raw texts `event_search` is built from, the twin of search-index.ts's BODY: details, legal
 * authority, programme, actors with their aliases, sources' publishers and excerpts (never their
 * titles), tags.
 */
const RAW_TEXT = sql`
  SELECT e.id, e.title, e.summary, concat_ws(' ',
    e.details,
    e.legal_authority,
    e.program,
    (SELECT string_agg(en.name || ' ' || coalesce(
        (SELECT string_agg(a.alias, ' ') FROM entity_aliases a WHERE a.entity_id = en.id), ''), ' ')
       FROM event_entities ee JOIN entities en ON en.id = ee.entity_id
      WHERE ee.event_id = e.id),
    (SELECT string_agg(concat_ws(' ', s.publisher, s.excerpt), ' ')
       FROM sources s WHERE s.event_id = e.id),
    (SELECT string_agg(t.label, ' ')
       FROM event_tags et JOIN tags t ON t.id = et.tag_id WHERE et.event_id = e.id)
  ) AS body
  FROM events e`;

/**
 * Brings the events' search rows in step with their tables, in the caller's transaction: what
 * `reindexEvents` does on SQLite. The folding is JavaScript (`indexText`), as SQLite's `index_text`
 * function is, so both engines index the same words. Deleted or missing events lose their row.
 */
export async function pgReindexEvents(tx: PgRunner, ids: Iterable<number>): Promise<number> {
  const list = [...new Set(ids)];
  if (list.length === 0) return 0;
  const idArray = sql`${`{${list.join(',')}}`}::int[]`;
  await tx.execute(sql`DELETE FROM event_search WHERE event_id = ANY(${idArray})`);
  const raw = await tx.execute<{ id: number; title: string; summary: string; body: string | null }>(
    sql`${RAW_TEXT} WHERE e.id = ANY(${idArray}) AND e.deleted_at IS NULL ORDER BY e.id`,
  );
  if (raw.rows.length === 0) return 0;
  const rows = raw.rows.map((r) => sql`(${r.id}, ${indexText(r.title)}, ${indexText(r.summary)}, ${indexText(r.body ?? '')})`);
  await tx.execute(sql`INSERT INTO event_search (event_id, title, summary, body) VALUES ${sql.join(rows, sql`, `)}`);
  return raw.rows.length;
}
