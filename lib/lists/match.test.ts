import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readAll } from './entry';
import { defaultNormalise, nameSimilarity, NAME_MATCH_THRESHOLD, rankCandidates, type CandidateActor } from './match';
import { readUnScXml } from './un-sc-xml';

const ACTORS: CandidateActor[] = [
  { id: 'actor-1', name: 'Unrelated Trading House', externalIds: [{ scheme: 'ofac-uid', value: '12345' }] },
  { id: 'actor-2', name: 'Test Person One' },
  { id: 'actor-3', name: 'Someone Else Entirely', externalIds: [{ scheme: 'un-ref', value: 'QDi.901' }] },
  { id: 'actor-4', name: 'Maria Gonzalez' },
];

describe('normalising names', () => {
  it('folds case, diacritics, invisible characters, width and Arabic letter forms', () => {
    expect(defaultNormalise('  Jérôme  KAKWAVU-Bukande ')).toBe('jerome kakwavu bukande');
    expect(defaultNormalise('Qad\u200Bdour')).toBe('qaddour');
    expect(defaultNormalise('ＴＥＳＴ')).toBe('test');
    expect(defaultNormalise('أحمد')).toBe(defaultNormalise('احمد'));
    expect(defaultNormalise('مصطفى')).toBe(defaultNormalise('مصطفي'));
    expect(defaultNormalise('فاطمة')).toBe(defaultNormalise('فاطمه'));
  });
});

describe('ranking candidates for a listed party', () => {
  it('puts an identifier match first, above an exact name', async () => {
    const { entries } = await readAll(readUnScXml(join(import.meta.dirname, 'fixtures', 'un-sc-v1.xml')));
    const party = entries[0]!; // TEST PERSON ONE, QDi.901
    const ranked = rankCandidates(party, ACTORS);
    expect(ranked[0]).toEqual({ candidateId: 'actor-3', score: 1, certain: true, basis: { method: 'identifier', scheme: 'un-ref', value: 'QDi.901' } });
    expect(ranked[1]).toEqual({
      candidateId: 'actor-2',
      score: 1,
      certain: false,
      basis: { method: 'name', partyName: 'TEST PERSON ONE', candidateName: 'Test Person One' },
    });
    expect(ranked.slice(2).every((r) => r.score < NAME_MATCH_THRESHOLD)).toBe(true);
  });

  it('matches an alias after normalisation', () => {
    const party = { name: 'TEST BANK TWO', aliases: [{ name: 'Tést Bänk 2 PJSC', quality: 'strong' as const }], identifiers: [] };
    const ranked = rankCandidates(party, [{ id: 'a', name: 'TEST BANK 2 P.J.S.C.' }, { id: 'b', name: 'Other Bank' }]);
    expect(ranked[0]).toMatchObject({ candidateId: 'a', certain: false, basis: { method: 'name', partyName: 'Tést Bänk 2 PJSC' } });
    expect(ranked[0]!.score).toBeGreaterThan(0.9);
    expect(ranked[1]!.score).toBeLessThan(NAME_MATCH_THRESHOLD);
  });

  it('ranks "Qaddour" against "Qadour" high, in either word order', () => {
    expect(nameSimilarity('qaddour', 'qadour')).toBeCloseTo(0.857, 3);
    const party = { name: 'Rami QADDOUR', aliases: [], identifiers: [] };
    const ranked = rankCandidates(party, [
      { id: 'x', name: 'Samir Haddad' },
      { id: 'y', name: 'Qadour, Rami' },
      { id: 'z', name: 'Rami Makhlouf' },
    ]);
    expect(ranked.map((r) => r.candidateId)).toEqual(['y', 'z', 'x']);
    expect(ranked[0]!.score).toBeGreaterThan(0.9);
    expect(ranked[0]!.score).toBeGreaterThanOrEqual(NAME_MATCH_THRESHOLD);
    expect(ranked[1]!.score).toBeLessThan(NAME_MATCH_THRESHOLD);
  });

  it('scores unrelated names low and drops them below minScore', () => {
    for (const [a, b] of [
      ['test person one', 'maria gonzalez'],
      ['unrelated trading house', 'test bank two'],
      ['ali hassan', 'global shipping llc'],
    ]) {
      expect(nameSimilarity(a!, b!)).toBeLessThan(0.5);
    }
    const party = { name: 'Test Person One', aliases: [], identifiers: [] };
    expect(rankCandidates(party, ACTORS, { minScore: NAME_MATCH_THRESHOLD }).map((r) => r.candidateId)).toEqual(['actor-2']);
  });

  it('counts a weak alias for less than a strong one', () => {
    const party = { name: 'Test Person One', aliases: [{ name: 'Abu Test', quality: 'weak' as const }], identifiers: [] };
    const [weak] = rankCandidates(party, [{ id: 'w', name: 'Abu Test' }]);
    expect(weak!.score).toBeCloseTo(0.9, 5);
    const [strong] = rankCandidates({ ...party, aliases: [{ name: 'Abu Test', quality: 'strong' as const }] }, [{ id: 's', name: 'Abu Test' }]);
    expect(strong!.score).toBe(1);
  });

  it('takes the normaliser as a parameter', () => {
    const party = { name: 'Mohammed', aliases: [], identifiers: [] };
    const candidates = [{ id: 'm', name: 'Muhammad' }];
    const plain = rankCandidates(party, candidates)[0]!.score;
    const folding = (s: string) => defaultNormalise(s).replace(/^m[ou]hamm[ae]d$/, 'muhammad');
    expect(rankCandidates(party, candidates, { normalise: folding })[0]!.score).toBe(1);
    expect(plain).toBeLessThan(1);
  });

  it('does not treat a passport number as certain: numbers repeat across countries', () => {
    const party = { name: 'Test Person One', aliases: [], identifiers: [{ scheme: 'passport', value: 'N0000001' }] };
    const ranked = rankCandidates(party, [{ id: 'p', name: 'Someone Else', externalIds: [{ scheme: 'passport', value: 'N0000001' }] }]);
    expect(ranked[0]!.certain).toBe(false);
  });
});
