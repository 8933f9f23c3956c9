import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compareVersions, COMPARABLE_FIELDS, entryHash, type ListChange, type ListVersionEntries } from './compare';
import { readAll } from './entry';
import { readListFile, type ListFileInput } from './read';
import type { ListFormat } from './types';

const fixture = (name: string) => join(import.meta.dirname, 'fixtures', name);
const csvSet = (v: 1 | 2) => ({ sdn: fixture(`ofac-sdn-v${v}.csv`), add: fixture(`ofac-add-v${v}.csv`), alt: fixture(`ofac-alt-v${v}.csv`) });

async function version(format: ListFormat, input: ListFileInput, label: string): Promise<ListVersionEntries> {
  const { header, entries } = await readAll(readListFile(format, input));
  return { ref: { label, publishedAt: header.publishedAt }, entries };
}

/** A change as an analyst reads it: what, which key, which fields, and its dates. */
function summary(change: ListChange) {
  return {
    kind: change.kind,
    key: change.key,
    ...(change.kind === 'amendment'
      ? { fields: Object.fromEntries(change.fields.map((f) => [f.field, f.added ? { added: f.added, removed: f.removed } : { before: f.before, after: f.after }])) }
      : {}),
    listed: change.dating.listingDates.map((d) => d.date),
    updated: change.dating.listUpdatedDates.map((d) => d.date),
    between: [change.dating.after?.publishedAt?.date ?? null, change.dating.onOrBefore.publishedAt?.date ?? null],
  };
}

async function changes(format: ListFormat, v1: ListFileInput, v2: ListFileInput) {
  return compareVersions(await version(format, v1, 'v1'), await version(format, v2, 'v2')).map(summary);
}

const WEEK = ['2026-11-03', '2026-11-10'];

describe('comparing two versions of each fixture list', () => {
  it('OFAC sdn.xml: one designation, one amendment (alias and program), one removal', async () => {
    expect(await changes('ofac-sdn-xml', fixture('ofac-sdn-v1.xml'), fixture('ofac-sdn-v2.xml'))).toEqual([
      { kind: 'designation', key: '90005', listed: [], updated: [], between: WEEK },
      {
        kind: 'amendment',
        key: '90002',
        fields: {
          aliases: { added: ['TEST BANK TWO PUBLIC JOINT STOCK COMPANY (aka, strong)'], removed: ['TEST BANK 2 PJSC (aka, strong)'] },
          programs: { added: ['UKRAINE-EO13662'], removed: [] },
        },
        listed: ['2022-02-24'],
        updated: [],
        between: WEEK,
      },
      { kind: 'removal', key: '90003', listed: [], updated: [], between: WEEK },
    ]);
  });

  it('OFAC advanced XML: the same changes as sdn.xml, dated by DateOfIssue', async () => {
    const advanced = await changes('ofac-advanced-xml', fixture('ofac-advanced-v1.xml'), fixture('ofac-advanced-v2.xml'));
    const classic = await changes('ofac-sdn-xml', fixture('ofac-sdn-v1.xml'), fixture('ofac-sdn-v2.xml'));
    expect(advanced).toEqual(classic);
  });

  it('OFAC CSV set: the same changes, dated only by the versions we hold (the CSV states no date)', async () => {
    expect(await changes('ofac-csv', csvSet(1), csvSet(2))).toEqual([
      { kind: 'designation', key: '90005', listed: [], updated: [], between: [null, null] },
      {
        kind: 'amendment',
        key: '90002',
        fields: {
          aliases: { added: ['TEST BANK TWO PUBLIC JOINT STOCK COMPANY (aka)'], removed: ['TEST BANK 2 PJSC (aka)'] },
          programs: { added: ['UKRAINE-EO13662'], removed: [] },
        },
        listed: ['2022-02-24'],
        updated: [],
        between: [null, null],
      },
      { kind: 'removal', key: '90003', listed: [], updated: [], between: [null, null] },
    ]);
  });

  it("UN: the list's own listing and update dates travel with each change", async () => {
    expect(await changes('un-sc-xml', fixture('un-sc-v1.xml'), fixture('un-sc-v2.xml'))).toEqual([
      { kind: 'designation', key: '9900004', listed: ['2026-11-06'], updated: [], between: WEEK },
      {
        kind: 'amendment',
        key: '9900002',
        fields: {
          name: { before: 'TEST QADOUR TWO', after: 'TEST QADDOUR TWO' },
          aliases: { added: ['Test Qadour Two (aka, strong)'], removed: [] },
        },
        listed: ['2017-08-05'],
        updated: ['2026-11-07'],
        between: WEEK,
      },
      { kind: 'removal', key: '9900003', listed: ['2015-01-20'], updated: [], between: WEEK },
    ]);
  });

  it('EU: a program change comes with the regulation that made it; no designationDate, no listing date', async () => {
    expect(await changes('eu-fsf-xml', fixture('eu-fsf-v1.xml'), fixture('eu-fsf-v2.xml'))).toEqual([
      { kind: 'designation', key: '990004', listed: ['2026-11-06'], updated: [], between: WEEK },
      {
        kind: 'amendment',
        key: '990002',
        fields: {
          aliases: { added: ['Test Kompani Dva (aka, weak)'], removed: [] },
          programs: { added: ['RUS'], removed: [] },
          authorities: { added: ['2026/9902 (OJ L 2026/9902)'], removed: [] },
        },
        listed: [],
        updated: [],
        between: WEEK,
      },
      { kind: 'removal', key: '990003', listed: ['2015-01-23'], updated: [], between: WEEK },
    ]);
  });

  it('UK: name variation and alias changes, with the LastUpdated the list gives', async () => {
    expect(await changes('uk-sanctions-list-xml', fixture('uk-sanctions-list-v1.xml'), fixture('uk-sanctions-list-v2.xml'))).toEqual([
      { kind: 'designation', key: 'SYR0905', listed: ['2026-11-06'], updated: [], between: WEEK },
      {
        kind: 'amendment',
        key: 'RUS0902',
        fields: {
          aliases: { added: ['TBT (aka, weak)', 'TEST BANK TWO PJSC (name-variation)'], removed: ['TEST BANK 2 PJSC (name-variation)'] },
        },
        listed: ['2022-02-24'],
        updated: ['2026-11-07'],
        between: WEEK,
      },
      { kind: 'removal', key: 'AQD0903', listed: ['2015-01-20'], updated: [], between: WEEK },
    ]);
  });

  it('OpenSanctions: a new Sanction line is a program change of its party', async () => {
    expect(await changes('opensanctions-ftm', fixture('opensanctions-v1.ftm.json'), fixture('opensanctions-v2.ftm.json'))).toEqual([
      { kind: 'designation', key: 'NK-TEST5testPersonFive', listed: [], updated: [], between: [null, null] },
      {
        kind: 'amendment',
        key: 'NK-TEST2testBankTwo',
        fields: {
          aliases: { added: ['TEST BANK TWO PUBLIC JOINT STOCK COMPANY (aka)'], removed: ['TEST BANK 2 PJSC (aka)'] },
          programs: { added: ['UKRAINE-EO13662'], removed: [] },
        },
        listed: ['2022-02-24'],
        updated: [],
        between: [null, null],
      },
      { kind: 'removal', key: 'NK-TEST3testPersonThree', listed: [], updated: [], between: [null, null] },
    ]);
  });
});

describe('comparison rules', () => {
  it('finds nothing between a version and itself, and calls everything a designation in a first version', async () => {
    const v1 = await version('un-sc-xml', fixture('un-sc-v1.xml'), 'v1');
    expect(compareVersions(v1, v1)).toEqual([]);
    const first = compareVersions(null, v1);
    expect(first.map((c) => [c.kind, c.key, c.dating.after])).toEqual([
      ['designation', '9900001', null],
      ['designation', '9900002', null],
      ['designation', '9900003', null],
    ]);
  });

  it('ignores order within fields, and changes outside the compared fields unless asked for them', async () => {
    const v1 = await version('uk-sanctions-list-xml', fixture('uk-sanctions-list-v1.xml'), 'v1');
    const reordered = v1.entries.map((e) => ({ ...e, aliases: [...e.aliases].reverse(), remarks: [...e.remarks, 'A new remark.'] }));
    const v2 = { ref: v1.ref, entries: reordered.reverse() };
    expect(compareVersions(v1, v2)).toEqual([]);
    const wide = compareVersions(v1, v2, { fields: COMPARABLE_FIELDS });
    expect(wide.map((c) => [c.kind, c.key, c.kind === 'amendment' ? c.fields.map((f) => [f.field, f.added]) : null])).toEqual([
      ['amendment', 'AQD0903', [['remarks', ['A new remark.']]]],
      ['amendment', 'RUS0902', [['remarks', ['A new remark.']]]],
      ['amendment', 'RUS0904', [['remarks', ['A new remark.']]]],
      ['amendment', 'SYR0901', [['remarks', ['A new remark.']]]],
    ]);
    expect(entryHash(v1.entries[0]!)).toBe(entryHash(reordered.at(-1)!));
  });

  it('flags a designation whose own listing date is older than the previous version', async () => {
    const v1 = await version('un-sc-xml', fixture('un-sc-v1.xml'), 'v1');
    const v2 = await version('un-sc-xml', fixture('un-sc-v2.xml'), 'v2');
    const relisted = { ...v2, entries: [...v2.entries, { ...v1.entries[2]!, key: 'relisted' }] };
    const found = compareVersions(v1, relisted).filter((c) => c.kind === 'designation');
    expect(found.map((c) => [c.key, c.dating.listedBeforePreviousVersion])).toEqual([
      ['9900004', false],
      ['relisted', true],
    ]);
  });

  it('refuses to compare a later version against an earlier one', async () => {
    const v1 = await version('eu-fsf-xml', fixture('eu-fsf-v1.xml'), 'EU 3 Nov');
    const v2 = await version('eu-fsf-xml', fixture('eu-fsf-v2.xml'), 'EU 10 Nov');
    expect(() => compareVersions(v2, v1)).toThrow(
      'EU 3 Nov (published 2026-11-03T17:00:34.049+01:00) is older than EU 10 Nov (published 2026-11-10T16:59:12.301+01:00); compare versions in publication order',
    );
  });
});
