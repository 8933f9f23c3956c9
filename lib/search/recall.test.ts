import { describe, expect, it } from 'vitest';
import { baselineSearch, measureRecall, memorySearch, type RecallReport } from './recall';
import { RECALL_DOCUMENTS, RECALL_QUERIES } from './recall-fixtures';

function summary(name: string, report: RecallReport): string {
  const misses = report.queries
    .filter((q) => q.missed.length > 0 || q.extra.length > 0)
    .map((q) => `  ${JSON.stringify(q.query)}: missed [${q.missed.join(', ')}] extra [${q.extra.join(', ')}]`);
  return [
    `${name}: recall ${(report.recall * 100).toFixed(1)} %, precision ${(report.precision * 100).toFixed(1)} %, ${report.exact}/${report.queries.length} queries exact`,
    ...misses,
  ].join('\n');
}

describe('recall on analyst queries', () => {
  const typed = RECALL_QUERIES.filter((q) => !q.viaSuggestion);

  it('the fixture is consistent: every expected key is an event, queries are unique', () => {
    const keys = new Set(RECALL_DOCUMENTS.map((d) => d.key));
    expect(keys.size).toBe(RECALL_DOCUMENTS.length);
    for (const q of RECALL_QUERIES) for (const k of q.expected) expect(keys.has(k), `${q.query}: ${k}`).toBe(true);
    expect(new Set(RECALL_QUERIES.map((q) => q.query)).size).toBe(RECALL_QUERIES.length);
    expect(RECALL_QUERIES.length).toBeGreaterThanOrEqual(40);
  });

  it('finds every expected event, and nothing else, for the queries as typed', () => {
    const report = measureRecall(typed, memorySearch(RECALL_DOCUMENTS));
    const before = measureRecall(typed, baselineSearch(RECALL_DOCUMENTS));
    console.log(`${summary('before issue 14 (normalised words only)', before)}\n${summary('pure pipeline', report)}`);
    expect(report.recall).toBe(1);
    expect(report.precision).toBe(1);
    // The comparison is the point of the fixture: the old search misses most of these.
    expect(before.recall).toBeLessThan(0.7);
  });

  it('finds misspelt words by following the suggestion', () => {
    const viaSuggestion = RECALL_QUERIES.filter((q) => q.viaSuggestion);
    const asTyped = measureRecall(viaSuggestion, memorySearch(RECALL_DOCUMENTS));
    const followed = measureRecall(viaSuggestion, memorySearch(RECALL_DOCUMENTS, { followSuggestion: true }));
    console.log(summary('misspellings, suggestion followed', followed));
    expect(asTyped.recall).toBe(0);
    expect(followed.recall).toBe(1);
    expect(followed.precision).toBe(1);
  });

  it('the measure itself: counts misses and extras', () => {
    const report = measureRecall(
      [
        { query: 'a', expected: ['x', 'y'], note: '' },
        { query: 'b', expected: [], note: '' },
      ],
      (q) => (q === 'a' ? ['x', 'z'] : []),
    );
    expect(report).toMatchObject({ recall: 0.5, precision: 0.5, exact: 1 });
    expect(report.queries[0]).toMatchObject({ missed: ['y'], extra: ['z'] });
  });
});
