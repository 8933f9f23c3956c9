import { createReadStream } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readAll } from './entry';
import { readEuFsfXml } from './eu-fsf-xml';
import { readOfacAdvancedXml } from './ofac-advanced-xml';
import { readOfacCsv } from './ofac-csv';
import { readOfacSdnXml } from './ofac-sdn-xml';
import { readOpenSanctionsFtm } from './opensanctions-ftm';
import { detectListFormat } from './detect';
import { readListForSource } from './read';
import { readUkSanctionsListXml } from './uk-sanctions-list-xml';
import { readUnScXml } from './un-sc-xml';
import type { ListEntry } from './types';

const F = join(import.meta.dirname, 'fixtures');
const fixture = (name: string) => join(F, name);
const csvSet = (v: 1 | 2) => ({ sdn: fixture(`ofac-sdn-v${v}.csv`), add: fixture(`ofac-add-v${v}.csv`), alt: fixture(`ofac-alt-v${v}.csv`) });
const byKey = (entries: ListEntry[], key: string) => entries.find((e) => e.key === key);

describe('OFAC sdn.xml', () => {
  it('reads the header and every entry, each field at the precision the list gives', async () => {
    const { header, entries } = await readAll(readOfacSdnXml(fixture('ofac-sdn-v1.xml')));
    expect(header).toEqual({
      source: 'ofac-sdn',
      format: 'ofac-sdn-xml',
      fileName: fixture('ofac-sdn-v1.xml'),
      publishedAt: { date: '2026-11-03', precision: 'day', raw: '11/03/2026', provenance: 'publshInformation/Publish_Date' },
      statedRecordCount: 4,
      entryCount: 4,
      schema: 'http://tempuri.org/sdnList.xsd',
    });
    expect(entries.map((e) => [e.key, e.kind, e.name])).toEqual([
      ['90001', 'person', 'Test Person ONE'],
      ['90002', 'organisation', 'TEST BANK TWO'],
      ['90003', 'person', 'Test Person THREE'],
      ['90004', 'vessel', 'TEST VESSEL FOUR'],
    ]);
    expect(byKey(entries, '90001')).toEqual({
      key: '90001',
      kind: 'person',
      name: 'Test Person ONE',
      aliases: [
        { name: 'Test QADDOUR', type: 'aka', quality: 'strong', lang: null },
        { name: 'ABU TEST', type: 'aka', quality: 'weak', lang: null },
      ],
      identifiers: [
        { scheme: 'ofac-uid', value: '90001' },
        { scheme: 'passport', value: 'N0000001', label: 'Passport', country: 'Syria' },
      ],
      programs: ['SYRIA'],
      authorities: [],
      listingDates: [],
      relatedDates: [],
      remarks: ['Fictitious test entry.', 'Gender Male'],
      nationalities: ['Syria'],
      citizenships: [],
      birthDates: [
        { date: '1970-01-01', precision: 'day', raw: '01 Jan 1970', provenance: 'dateOfBirthList/dateOfBirthItem' },
        { date: '1971-01-01', precision: 'year', raw: '1971', provenance: 'dateOfBirthList/dateOfBirthItem' },
      ],
      birthPlaces: ['Damascus, Syria'],
      addresses: ['Damascus, Syria'],
      line: 9,
    });
  });

  it('takes the few listing dates OFAC publishes from idList, and keeps effective dates apart', async () => {
    const { entries } = await readAll(readOfacSdnXml(fixture('ofac-sdn-v1.xml')));
    const bank = byKey(entries, '90002')!;
    expect(bank.listingDates).toEqual([
      { date: '2022-02-24', precision: 'day', raw: '24 Feb 2022', provenance: 'idList/id "Listing Date (EO 14024 Directive 2):"' },
    ]);
    expect(bank.relatedDates).toEqual([
      { date: '2022-03-26', precision: 'day', raw: '26 Mar 2022', provenance: 'idList/id "Effective Date (EO 14024 Directive 2):"', role: 'effective' },
    ]);
    expect(bank.identifiers).toContainEqual({ scheme: 'swift-bic', value: 'TESTRUMM', label: 'SWIFT/BIC' });
    expect(bank.remarks).toEqual(['Secondary sanctions risk: See Section 11 of Executive Order 14024.']);
    expect(byKey(entries, '90003')!.birthDates).toEqual([
      { date: '1965-01-01', precision: 'year', raw: 'circa 1965', provenance: 'dateOfBirthList/dateOfBirthItem', circa: true },
    ]);
    const vessel = byKey(entries, '90004')!;
    expect(vessel.identifiers).toEqual([
      { scheme: 'ofac-uid', value: '90004' },
      { scheme: 'imo', value: '9999991', label: 'Vessel Registration Identification' },
      { scheme: 'call-sign', value: 'TEST4' },
    ]);
    expect(vessel.remarks).toEqual(['Vessel type: Crude Oil Tanker', 'Flag: Panama', 'Owner: TEST SHIPPING CO']);
  });

  it('reads the same file from a stream, and the Sanctions List Service namespace', async () => {
    const fromPath = await readAll(readOfacSdnXml(fixture('ofac-sdn-v2.xml')));
    const fromStream = await readAll(readOfacSdnXml({ stream: createReadStream(fixture('ofac-sdn-v2.xml')), name: 'sdn.xml' }));
    expect(fromStream.entries).toEqual(fromPath.entries);
    expect(fromStream.header.fileName).toBe('sdn.xml');
    const { Readable } = await import('node:stream');
    const { readFile } = await import('node:fs/promises');
    const sls = (await readFile(fixture('ofac-sdn-v2.xml'), 'utf8')).replace(
      'http://tempuri.org/sdnList.xsd',
      'https://sanctionslistservice.ofac.treas.gov/api/PublicationPreview/exports/XML',
    );
    const read = await readAll(readOfacSdnXml({ stream: Readable.from([sls]), name: 'SDN.XML' }));
    expect(read.entries).toEqual(fromPath.entries);
    expect(read.header.schema).toBe('https://sanctionslistservice.ofac.treas.gov/api/PublicationPreview/exports/XML');
  });
});

describe('OFAC CSV set', () => {
  it('joins sdn.csv, add.csv and alt.csv on ent_num and sorts the Remarks facts into fields', async () => {
    const { header, entries } = await readAll(readOfacCsv(csvSet(1)));
    expect(header).toEqual({
      source: 'ofac-sdn',
      format: 'ofac-csv',
      fileName: fixture('ofac-sdn-v1.csv'),
      publishedAt: null,
      statedRecordCount: null,
      entryCount: 4,
      schema: null,
    });
    expect(byKey(entries, '90001')).toEqual({
      key: '90001',
      kind: 'person',
      name: 'Test Person ONE',
      aliases: [
        // alt.csv does not grade its aliases; the weak one comes from Remarks.
        { name: 'Test QADDOUR', type: 'aka', quality: null, lang: null },
        { name: 'ABU TEST', type: 'aka', quality: 'weak', lang: null },
      ],
      identifiers: [
        { scheme: 'ofac-uid', value: '90001' },
        { scheme: 'passport', value: 'N0000001', label: 'Passport', country: 'Syria' },
      ],
      programs: ['SYRIA'],
      authorities: [],
      listingDates: [],
      relatedDates: [],
      remarks: ['Gender Male', 'Fictitious test entry.'],
      nationalities: ['Syria'],
      citizenships: [],
      birthDates: [
        { date: '1970-01-01', precision: 'day', raw: '01 Jan 1970', provenance: 'sdn.csv Remarks "DOB"' },
        { date: '1971-01-01', precision: 'year', raw: '1971', provenance: 'sdn.csv Remarks "DOB"' },
      ],
      birthPlaces: ['Damascus, Syria'],
      addresses: ['Damascus, Syria'],
      line: 1,
    });
  });

  it('agrees with sdn.xml on keys, kinds, names, programs, identifiers and listing dates', async () => {
    const xml = await readAll(readOfacSdnXml(fixture('ofac-sdn-v2.xml')));
    const csv = await readAll(readOfacCsv(csvSet(2)));
    const core = (e: ListEntry) => ({
      key: e.key,
      kind: e.kind,
      name: e.name,
      programs: e.programs,
      // Order within a field is the file's, which differs between the formats.
      identifiers: [...e.identifiers].sort((a, b) => a.scheme.localeCompare(b.scheme)),
      aliases: e.aliases.map((a) => a.name),
      listingDates: e.listingDates.map((d) => [d.date, d.precision]),
      birthDates: e.birthDates.map((d) => [d.date, d.precision]),
      remarks: [...e.remarks].sort(),
    });
    expect(csv.entries.map(core)).toEqual(xml.entries.map(core));
  });
});

describe('OFAC SDN advanced XML', () => {
  it('resolves the code tables, locations and documents, and agrees with sdn.xml on every field it shares', async () => {
    for (const v of [1, 2]) {
      const advanced = await readAll(readOfacAdvancedXml(fixture(`ofac-advanced-v${v}.xml`)));
      const classic = await readAll(readOfacSdnXml(fixture(`ofac-sdn-v${v}.xml`)));
      expect(advanced.header.publishedAt).toEqual({ ...classic.header.publishedAt, raw: `2026-11-${v === 1 ? '03' : '10'}`, provenance: 'DateOfIssue' });
      const shared = (e: ListEntry) => ({
        key: e.key,
        kind: e.kind,
        name: e.name,
        aliases: e.aliases,
        identifiers: [...e.identifiers].sort((a, b) => a.scheme.localeCompare(b.scheme)),
        programs: e.programs,
        remarks: [...e.remarks].sort(),
        nationalities: e.nationalities,
        birthPlaces: e.birthPlaces,
        addresses: e.addresses,
        listingDates: e.listingDates.map((d) => [d.date, d.precision]),
        relatedDates: e.relatedDates.map((d) => [d.date, d.precision, d.role]),
        birthDates: e.birthDates.map((d) => [d.date, d.precision, d.circa ?? false]),
      });
      expect(advanced.entries.map(shared)).toEqual(classic.entries.map(shared));
    }
  });

  it('adds what sdn.xml lacks: the legal basis of each designation', async () => {
    const { entries } = await readAll(readOfacAdvancedXml(fixture('ofac-advanced-v1.xml')));
    expect(entries.map((e) => [e.key, e.authorities])).toEqual([
      ['90001', ['Executive Order 13894 (Syria)']],
      ['90002', ['Executive Order 14024 (Russia)']],
      ['90003', ['Executive Order 13224 (Terrorism)']],
      ['90004', ['Executive Order 13846 (Iran)']],
    ]);
    expect(byKey(entries, '90001')!.birthDates).toEqual([
      { date: '1970-01-01', precision: 'day', raw: '1970-01-01', provenance: 'Feature "Birthdate"' },
      { date: '1971-01-01', precision: 'year', raw: '1971-01-01 to 1971-12-31', provenance: 'Feature "Birthdate"' },
    ]);
  });
});

describe('UN Security Council consolidated list', () => {
  it('reads individuals and entities with the listing date, references and graded aliases', async () => {
    const { header, entries } = await readAll(readUnScXml(fixture('un-sc-v1.xml')));
    expect(header.publishedAt).toEqual({ date: '2026-11-03', precision: 'day', raw: '2026-11-03T18:00:04.277Z', provenance: 'CONSOLIDATED_LIST/@dateGenerated' });
    expect(header.entryCount).toBe(3);
    expect(byKey(entries, '9900001')).toEqual({
      key: '9900001',
      kind: 'person',
      name: 'TEST PERSON ONE',
      aliases: [
        { name: 'تيست بيرسون وان', type: 'original-script', quality: null, lang: null },
        { name: 'Abu Test', type: 'aka', quality: 'strong', lang: null },
        { name: 'Testy', type: 'aka', quality: 'weak', lang: null },
        { name: 'Al-Testi', type: 'aka', quality: 'weak', lang: null },
      ],
      identifiers: [
        { scheme: 'un-dataid', value: '9900001' },
        { scheme: 'un-ref', value: 'QDi.901' },
        { scheme: 'passport', value: 'N0000001', label: 'Passport', country: 'Syrian Arab Republic' },
      ],
      programs: ['Al-Qaida'],
      authorities: [],
      listingDates: [{ date: '2014-05-12', precision: 'day', raw: '2014-05-12', provenance: 'INDIVIDUAL/LISTED_ON' }],
      relatedDates: [],
      remarks: ['Fictitious test entry. Review pursuant to Security Council resolution 2368 (2017) was concluded on 3 Nov 2026.', 'Title: Dr.'],
      nationalities: ['Syrian Arab Republic'],
      citizenships: [],
      birthDates: [{ date: '1970-01-01', precision: 'day', raw: '1970-01-01', provenance: 'INDIVIDUAL_DATE_OF_BIRTH' }],
      birthPlaces: ['Damascus, Syrian Arab Republic'],
      addresses: ['Idlib, Syrian Arab Republic'],
      line: 6,
    });
    const entity = byKey(entries, '9900003')!;
    expect(entity.kind).toBe('organisation');
    expect(entity.aliases).toEqual([
      { name: 'TOT', type: 'aka', quality: 'strong', lang: null },
      { name: 'Old Test Organisation', type: 'fka', quality: null, lang: null },
    ]);
    expect(byKey(entries, '9900002')!.birthDates).toEqual([
      { date: '1968-01-01', precision: 'year', raw: '1968', provenance: 'INDIVIDUAL_DATE_OF_BIRTH', circa: true },
    ]);
    expect(byKey(entries, '9900002')!.relatedDates).toEqual([
      { date: '2019-03-04', precision: 'day', raw: '2019-03-04', provenance: 'INDIVIDUAL/LAST_DAY_UPDATED/VALUE', role: 'updated' },
    ]);
  });

  it('reads a year range of birth as its first year with the range end', async () => {
    const { entries } = await readAll(readUnScXml(fixture('un-sc-v2.xml')));
    expect(byKey(entries, '9900004')!.birthDates).toEqual([
      { date: '1975-01-01', precision: 'year', raw: '1975 to 1977', provenance: 'INDIVIDUAL_DATE_OF_BIRTH', rangeEnd: { date: '1977-01-01', precision: 'year' } },
    ]);
  });
});

describe('EU Financial Sanctions Files', () => {
  it('takes the listing date from designationDate and keeps the regulation dates apart (issue #2249)', async () => {
    const { header, entries } = await readAll(readEuFsfXml(fixture('eu-fsf-v1.xml')));
    expect(header.publishedAt).toEqual({ date: '2026-11-03', precision: 'day', raw: '2026-11-03T17:00:34.049+01:00', provenance: 'export/@generationDate' });
    expect(header.schema).toBe('http://eu.europa.ec/fpi/fsd/export');
    expect(byKey(entries, '990001')).toEqual({
      key: '990001',
      kind: 'person',
      name: 'Test Person One',
      aliases: [
        { name: 'تيست بيرسون وان', type: 'aka', quality: 'strong', lang: 'AR' },
        { name: 'Abu Test', type: 'aka', quality: 'weak', lang: null },
      ],
      identifiers: [
        { scheme: 'eu-logical-id', value: '990001' },
        { scheme: 'eu-ref', value: 'EU.9901.01' },
        { scheme: 'passport', value: 'N0000001', label: 'National passport', country: 'SYRIAN ARAB REPUBLIC' },
      ],
      programs: ['SYR'],
      authorities: ['2024/1517 (OJ L 2024/1517)'],
      listingDates: [{ date: '2011-12-01', precision: 'day', raw: '2011-12-01', provenance: 'sanctionEntity/@designationDate' }],
      relatedDates: [
        { date: '2024-05-27', precision: 'day', raw: '2024-05-27', provenance: 'regulation "2024/1517 (OJ L 2024/1517)" @publicationDate', role: 'legal-act-published' },
        { date: '2024-05-28', precision: 'day', raw: '2024-05-28', provenance: 'regulation "2024/1517 (OJ L 2024/1517)" @entryIntoForceDate', role: 'legal-act-in-force' },
      ],
      remarks: ['Function: Fictitious test official'],
      nationalities: [],
      citizenships: ['SYRIAN ARAB REPUBLIC'],
      birthDates: [{ date: '1970-01-01', precision: 'day', raw: '1970-01-01', provenance: 'birthdate' }],
      birthPlaces: ['Damascus, SYRIAN ARAB REPUBLIC'],
      addresses: [],
      line: 5,
    });
    // No designationDate: no listing date, whatever the regulation says.
    expect(byKey(entries, '990002')!.listingDates).toEqual([]);
    expect(byKey(entries, '990003')!.birthDates).toEqual([{ date: '1965-01-01', precision: 'year', raw: '1965', provenance: 'birthdate', circa: true }]);
    expect(byKey(entries, '990003')!.identifiers).toContainEqual({ scheme: 'un-ref', value: 'QDi.903' });
  });
});

describe('UK Sanctions List (FCDO XML)', () => {
  it('reads designations with their day-first dates, unknown parts as a coarser precision', async () => {
    const { header, entries } = await readAll(readUkSanctionsListXml(fixture('uk-sanctions-list-v1.xml')));
    expect(header.publishedAt).toEqual({ date: '2026-11-03', precision: 'day', raw: '03/11/2026', provenance: 'Designations/DateGenerated' });
    expect(entries.map((e) => [e.key, e.kind])).toEqual([
      ['SYR0901', 'person'],
      ['RUS0902', 'organisation'],
      ['AQD0903', 'person'],
      ['RUS0904', 'vessel'],
    ]);
    expect(byKey(entries, 'SYR0901')).toEqual({
      key: 'SYR0901',
      kind: 'person',
      name: 'TEST PERSON ONE',
      aliases: [
        { name: 'Abu Test', type: 'aka', quality: 'strong', lang: null },
        { name: 'Testy', type: 'aka', quality: 'weak', lang: null },
        { name: 'تيست بيرسون وان', type: 'original-script', quality: null, lang: 'Arabic' },
      ],
      identifiers: [
        { scheme: 'uk-id', value: 'SYR0901' },
        { scheme: 'uk-ofsi-group-id', value: '99001' },
      ],
      programs: ['The Syria (Sanctions) (EU Exit) Regulations 2019'],
      authorities: ['The Syria (Sanctions) (EU Exit) Regulations 2019'],
      listingDates: [{ date: '2011-12-01', precision: 'day', raw: '01/12/2011', provenance: 'Designation/DateDesignated' }],
      relatedDates: [{ date: '2026-04-14', precision: 'day', raw: '14/04/2026', provenance: 'Designation/LastUpdated', role: 'updated' }],
      remarks: [
        'Designation source: UK',
        'Sanctions imposed: Asset freeze, Travel Ban',
        'Fictitious test entry.',
        'Statement of reasons: Fictitious statement of reasons for a test entry.',
        'Position: Fictitious test official',
      ],
      nationalities: ['Syria'],
      citizenships: [],
      birthDates: [
        { date: '1970-01-01', precision: 'day', raw: '01/01/1970', provenance: 'IndividualDetails/Individual/DOBs/DOB' },
        { date: '1971-01-01', precision: 'year', raw: 'dd/mm/1971', provenance: 'IndividualDetails/Individual/DOBs/DOB' },
      ],
      birthPlaces: ['Damascus, Syria'],
      addresses: ['Damascus, Syria'],
      line: 6,
    });
    expect(byKey(entries, 'RUS0904')!.identifiers).toContainEqual({ scheme: 'imo', value: '9999991' });
    expect(byKey(entries, 'AQD0903')!.identifiers).toContainEqual({ scheme: 'un-ref', value: 'QDi.903' });
    const v2 = await readAll(readUkSanctionsListXml(fixture('uk-sanctions-list-v2.xml')));
    expect(byKey(v2.entries, 'SYR0905')!.birthDates).toEqual([
      { date: '1980-03-01', precision: 'month', raw: 'dd/03/1980', provenance: 'IndividualDetails/Individual/DOBs/DOB' },
    ]);
  });
});

describe('OpenSanctions FollowTheMoney NDJSON', () => {
  it('joins Sanctions to their parties, whichever line comes first, and skips other schemas', async () => {
    const { header, entries } = await readAll(readOpenSanctionsFtm(fixture('opensanctions-v1.ftm.json')));
    expect(header).toMatchObject({ source: 'opensanctions', format: 'opensanctions-ftm', publishedAt: null, entryCount: 4 });
    expect(entries.map((e) => [e.key, e.kind])).toEqual([
      ['NK-TEST1testPersonOne', 'person'],
      ['NK-TEST2testBankTwo', 'organisation'],
      ['NK-TEST3testPersonThree', 'person'],
      // No Sanction line, but OpenSanctions marks it a target.
      ['NK-TEST4testVesselFour', 'vessel'],
    ]);
    expect(byKey(entries, 'NK-TEST1testPersonOne')).toEqual({
      key: 'NK-TEST1testPersonOne',
      kind: 'person',
      name: 'Test Person One',
      aliases: [
        { name: 'Test Qaddour', type: 'aka', quality: null, lang: null },
        { name: 'Abu Test', type: 'aka', quality: 'weak', lang: null },
      ],
      identifiers: [
        { scheme: 'opensanctions-id', value: 'NK-TEST1testPersonOne' },
        { scheme: 'opensanctions-referent', value: 'ofac-90001' },
        { scheme: 'ofac-uid', value: '90001' },
        { scheme: 'opensanctions-referent', value: 'unsc-9900001' },
        { scheme: 'un-dataid', value: '9900001' },
        { scheme: 'passport', value: 'N0000001' },
        { scheme: 'un-ref', value: 'QDi.901' },
        { scheme: 'authority-id', value: '90001' },
      ],
      programs: ['SYRIA', 'Al-Qaida'],
      authorities: ['Office of Foreign Assets Control', 'United Nations Security Council (UN SC)'],
      listingDates: [{ date: '2014-05-12', precision: 'day', raw: '2014-05-12', provenance: 'Sanction.listingDate' }],
      relatedDates: [{ date: '2014-05-12', precision: 'day', raw: '2014-05-12', provenance: 'Sanction.startDate', role: 'effective' }],
      remarks: ['Fictitious test entry.'],
      nationalities: ['sy'],
      citizenships: [],
      birthDates: [{ date: '1970-01-01', precision: 'day', raw: '1970-01-01', provenance: 'Person.birthDate' }],
      birthPlaces: [],
      addresses: [],
      line: 1,
    });
  });

  it('gives the same entries from a stream (one pass) as from a path (two passes)', async () => {
    const fromPath = await readAll(readOpenSanctionsFtm(fixture('opensanctions-v2.ftm.json')));
    const fromStream = await readAll(readOpenSanctionsFtm({ stream: createReadStream(fixture('opensanctions-v2.ftm.json')), name: 'entities.ftm.json' }));
    expect(fromStream.entries).toEqual(fromPath.entries);
    expect(fromPath.entries.map((e) => e.key)).toEqual(['NK-TEST1testPersonOne', 'NK-TEST2testBankTwo', 'NK-TEST4testVesselFour', 'NK-TEST5testPersonFive']);
  });
});

describe('format detection', () => {
  it('names each fixture by its format, and reads a version only as the list it is', async () => {
    const cases: [string, string | null, string?][] = [
      ['ofac-sdn-v1.xml', 'ofac-sdn-xml'],
      ['ofac-advanced-v1.xml', 'ofac-advanced-xml'],
      ['ofac-sdn-v1.csv', 'ofac-csv', 'sdn'],
      ['ofac-add-v1.csv', 'ofac-csv', 'add'],
      ['ofac-alt-v1.csv', 'ofac-csv', 'alt'],
      ['un-sc-v1.xml', 'un-sc-xml'],
      ['eu-fsf-v1.xml', 'eu-fsf-xml'],
      ['uk-sanctions-list-v1.xml', 'uk-sanctions-list-xml'],
      ['opensanctions-v1.ftm.json', 'opensanctions-ftm'],
      ['README.md', null],
    ];
    for (const [file, format, part] of cases) {
      const detection = await detectListFormat(fixture(file));
      expect([file, detection.format, detection.csvPart]).toEqual([file, format, part]);
    }
    const { entries } = await readListForSource('un-sc', fixture('un-sc-v1.xml'));
    expect((await readAll(entries)).header.entryCount).toBe(3);
    await expect(readListForSource('ofac-sdn', fixture('un-sc-v1.xml'))).rejects.toThrow(
      /un-sc-v1\.xml, line 1: this is not a ofac-sdn list file: it looks like UN Security Council consolidated list XML|un-sc-v1\.xml: this is not a ofac-sdn list file: it looks like UN Security Council consolidated list XML/,
    );
  });
});
