import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { CSV_HEADER, encodeEventCsv } from '@/lib/csv/columns';
import { UTF8_BOM } from '@/lib/csv/encode';
import { parseRow, readCsvUpload } from '@/lib/csv/import';
import type { EventSummary } from '../queries/events';
import { summaryToExportRow } from '../testing/export-row';
import { createEventCsvStream, toCsvRecord } from './csv';

const event: EventSummary = {
  id: 14,
  type: 'designation',
  title: 'Caesar Act sanctions on Khalid Qaddour and Samer Kamal al-Assad',
  summary: 'Two Syrians, "businessman" Khalid Qaddour, and a cousin of the president.\nSecond line.',
  date: '2023-03-28',
  datePrecision: 'day',
  effectiveDate: '2020-01-01',
  effectiveDatePrecision: 'year',
  endDate: null,
  endDatePrecision: null,
  status: 'published',
  legalAuthority: 'Caesar Syria Civilian Protection Act of 2019',
  program: 'SYRIA-CAESAR',
  createdAt: '2026-11-27T21:00:00.000Z',
  updatedAt: '2026-11-27T21:05:00.000Z',
  version: 1,
  countries: [
    { code: 'US', role: 'actor' },
    { code: 'SY', role: 'target' },
  ],
  actors: [
    { id: 1, name: 'Recep Tayyip Erdoğan', kind: 'person', role: 'speaker' },
    { id: 2, name: 'Khalid Qaddour', kind: 'person', role: 'target' },
  ],
  tags: [
    { slug: 'caesar-act', label: 'Caesar Act' },
    { slug: 'illicit-drug-trade', label: 'Illicit drug trade' },
  ],
  sources: [
    { id: 1, url: null, title: 'An article', publisher: null, publishedDate: null, excerpt: null, note: null },
    { id: 2, url: 'https://example.org/a?b=1,2', title: 'Another', publisher: null, publishedDate: null, excerpt: null, note: null },
  ],
};

const parseCsv = (text: string) => parse(text, { columns: true, bom: true }) as Record<string, string>[];

describe('formula neutralising in the export', () => {
  it('neutralises a trigger inside a quoted cell (one with a comma)', () => {
    const csv = encodeEventCsv([{ ...toCsvRecord(summaryToExportRow(event), 'https://t.example'), title: '=1+1, then more' }], { header: false });
    expect(csv).toContain(`"'=1+1, then more"`);
    expect((parse(csv) as string[][])[0]![7]).toBe("'=1+1, then more");
  });

  it('keeps number and date columns plain, even when they start with a minus', () => {
    const record = { ...toCsvRecord(summaryToExportRow(event), 'https://t.example'), id: -5, created_at: '-0001-01-01' };
    const [row] = parse(encodeEventCsv([record], { header: false })) as string[][];
    expect(row![0]).toBe('-5');
    expect(row![17]).toBe('-0001-01-01');
  });
});

describe('CSV encoding', () => {
  it('writes RFC 4180 with CRLF line ends and a header row', () => {
    const csv = encodeEventCsv([toCsvRecord(summaryToExportRow(event), 'https://t.example')], { header: true });
    expect(csv.split('\r\n')[0]).toBe(CSV_HEADER.join(','));
    expect(csv.endsWith('\r\n')).toBe(true);
    // The embedded newline stays inside a quoted cell, and quotes are doubled.
    expect(csv).toContain('"Two Syrians, ""businessman"" Khalid Qaddour, and a cousin of the president.\nSecond line."');
  });

  it('reads back to the same values with a CSV parser, non-ASCII intact', () => {
    const [row] = parseCsv(encodeEventCsv([toCsvRecord(summaryToExportRow(event), 'https://t.example')], { header: true }));
    expect(row).toMatchObject({
      id: '14',
      permalink: 'https://t.example/events/14',
      date: '2023-03-28',
      date_precision: 'day',
      effective_date: '2020',
      end_date: '',
      type: 'designation',
      summary: event.summary,
      countries: 'US (actor); SY (target)',
      actors: 'Recep Tayyip Erdoğan (speaker, person); Khalid Qaddour (target, person)',
      tags: 'Caesar Act; Illicit drug trade',
      source_urls: '; https://example.org/a?b=1,2',
      source_titles: 'An article; Another',
      status: 'published',
    });
  });

  it('streams a byte-order mark, the header and every batch', async () => {
    const batches = [[summaryToExportRow(event)], [summaryToExportRow({ ...event, id: 15 })]][Symbol.iterator]();
    const bytes = new Uint8Array(
      await new Response(createEventCsvStream(batches, { bom: true, origin: 'https://t.example' })).arrayBuffer(),
    );
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes);
    expect(text.startsWith(UTF8_BOM)).toBe(true);
    expect(parseCsv(text).map((r) => r.id)).toEqual(['14', '15']);
  });

  it('leaves the byte-order mark out when asked', async () => {
    const bytes = new Uint8Array(
      await new Response(createEventCsvStream([[summaryToExportRow(event)]][Symbol.iterator](), { bom: false, origin: 'x' })).arrayBuffer(),
    );
    expect([...bytes.slice(0, 3)]).not.toEqual([0xef, 0xbb, 0xbf]);
    expect(new TextDecoder().decode(bytes).startsWith('id,permalink,')).toBe(true);
  });

  it('writes only the header for an empty view', async () => {
    const text = await new Response(createEventCsvStream([][Symbol.iterator](), { bom: false, origin: 'x' })).text();
    expect(text).toBe(`${CSV_HEADER.join(',')}\r\n`);
  });
});

describe('the import reads what the export writes', () => {
  it('reads every exported column', () => {
    const event: EventSummary = {
      id: 14,
      type: 'designation',
      title: 'Caesar Act sanctions',
      summary: 'Two Syrians.',
      date: '2023-03-28',
      datePrecision: 'day',
      effectiveDate: '2020-01-01',
      effectiveDatePrecision: 'year',
      endDate: null,
      endDatePrecision: null,
      status: 'published',
      legalAuthority: 'Caesar Syria Civilian Protection Act of 2019',
      program: 'SYRIA-CAESAR',
      createdAt: 'x',
      updatedAt: 'y',
      version: 1,
      countries: [{ code: 'SY', role: 'target' }],
      actors: [{ id: 3, name: 'Samer Kamal al-Assad', kind: 'person', role: 'target' }],
      tags: [{ slug: 'caesar-act', label: 'Caesar Act' }],
      sources: [
        { id: 1, url: null, title: 'The article', publisher: null, publishedDate: null, excerpt: null, note: null },
        { id: 2, url: 'https://example.org/x', title: 'Another', publisher: null, publishedDate: null, excerpt: null, note: null },
      ],
    };
    const file = encodeEventCsv([toCsvRecord(summaryToExportRow(event), 'https://t.example')], { header: true });
    const read = readCsvUpload(new TextEncoder().encode(file));
    if (!read.ok) throw new Error(read.error);
    const [parsed] = read.rows.map((r) => parseRow(r));
    expect(parsed).toEqual({
      line: 2,
      id: 14,
      fields: {
        type: 'designation',
        title: 'Caesar Act sanctions',
        summary: 'Two Syrians.',
        date: '2023-03-28',
        datePrecision: 'day',
        effectiveDate: '2020',
        endDate: null,
        status: 'published',
        legalAuthority: 'Caesar Syria Civilian Protection Act of 2019',
        program: 'SYRIA-CAESAR',
        countries: [{ code: 'SY', role: 'target' }],
        tags: ['Caesar Act'],
        sources: [
          { title: 'The article', url: null },
          { title: 'Another', url: 'https://example.org/x' },
        ],
      },
      actors: [{ name: 'Samer Kamal al-Assad', role: 'target', kind: 'person' }],
      errors: [],
    });
  });
});
