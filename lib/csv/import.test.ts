import { describe, expect, it } from 'vitest';
import { parseRow, readCsvUpload } from './import';

const utf8 = (text: string) => new TextEncoder().encode(text);

function read(text: string) {
  const result = readCsvUpload(utf8(text));
  if (!result.ok) throw new Error(result.error);
  return result;
}

describe('reading an upload', () => {
  it('accepts a file with only the required columns', () => {
    const result = read('date,type,title\r\n2023-03-28,designation,Two Syrians designated\r\n');
    expect(result.columns).toEqual(['date', 'type', 'title']);
    expect(result.rows).toEqual([{ line: 2, cells: { date: '2023-03-28', type: 'designation', title: 'Two Syrians designated' } }]);
  });

  it('accepts headers in other cases and spellings, and a byte-order mark', () => {
    const result = read('\uFEFFDate,Type,Title,Date precision,Legal-Authority\n2023,statement,X,year,Caesar Act\n');
    expect(result.columns).toEqual(['date', 'type', 'title', 'date_precision', 'legal_authority']);
  });

  it('ignores columns it does not know, and says which', () => {
    const result = read('date,type,title,permalink,colour\n2023,statement,X,https://x,red\n');
    expect(result.ignoredColumns).toEqual(['permalink', 'colour']);
    expect(result.rows[0]!.cells).toEqual({ date: '2023', type: 'statement', title: 'X' });
  });

  it('counts lines as an editor does: CRLF, blank lines and multi-line cells', () => {
    const result = read('date,type,title,summary\r\n\r\n2023,statement,A,"one\r\ntwo"\r\n2022,statement,B,x\r\n\r\n\r\n2021,statement,C,y\r\n');
    expect(result.rows.map((r) => r.line)).toEqual([3, 5, 8]);
  });

  it('reports the line where each row starts, also after a multi-line cell', () => {
    const result = read('date,type,title,summary\n2023,statement,A,"line one\nline two"\n2022,statement,B,plain\n');
    expect(result.rows.map((r) => r.line)).toEqual([2, 4]);
  });

  it.each([
    ['an empty file', '', /empty/],
    ['a header and no rows', 'date,type,title\n', /no events/],
    ['missing required columns', 'date,title\n2023,X\n', /Missing required column: type/],
    ['an unclosed quote', 'date,type,title\n2023,statement,"never closed\n', /not well-formed CSV.*never closed/],
    ['a stray quote', 'date,type,title\n2023,statement,"a "quoted" word"\n', /not well-formed CSV at line 2/],
    ['a row with too many cells', 'date,type,title\n2023,statement,X,extra\n', /not well-formed CSV at line 2.*number of cells/],
    ['semicolon-separated columns', 'date;type;title\n2023;statement;X\n', /semicolons/],
    ['a duplicated column', 'date,type,title,title\n2023,statement,X,Y\n', /appears twice/],
  ])('refuses %s with a clear message', (_label, text, message) => {
    const result = readCsvUpload(utf8(text));
    expect(result.ok).toBe(false);
    expect(!result.ok && result.error).toMatch(message);
  });

  it('refuses text that is not UTF-8, naming what to do', () => {
    const latin1 = new Uint8Array([...utf8('date,type,title\n2023,statement,Erdo'), 0xf0, 0x61, 0x6e, 0x0a]);
    const result = readCsvUpload(latin1);
    expect(!result.ok && result.error).toMatch(/not UTF-8.*CSV UTF-8/);
    const utf16 = new Uint8Array([0xff, 0xfe, 0x64, 0x00]);
    expect(readCsvUpload(utf16)).toMatchObject({ ok: false, error: expect.stringMatching(/UTF-16/) });
  });

  it('refuses files over the size and row limits', () => {
    expect(readCsvUpload(new Uint8Array(11), { maxBytes: 10, maxRows: 5 })).toMatchObject({ error: expect.stringMatching(/limit/) });
    const rows = 'date,type,title\n' + '2023,statement,X\n'.repeat(6);
    expect(readCsvUpload(utf8(rows), { maxBytes: 1e6, maxRows: 5 })).toMatchObject({ error: expect.stringMatching(/6 rows; the limit is 5/) });
  });

  it('undoes formula neutralising, so exported text comes back unchanged', () => {
    const result = read("date,type,title\n2023,statement,'=1+1 is not a formula\n");
    expect(result.rows[0]!.cells.title).toBe('=1+1 is not a formula');
  });
});

describe('turning a row into event fields', () => {
  const row = (cells: Record<string, string>) => parseRow({ line: 2, cells });

  it('accepts a type by its label', () => {
    expect(row({ date: '2023', type: 'Sanctions designation', title: 'X' }).fields.type).toBe('designation');
  });

  it('names the column of each problem', () => {
    const parsed = row({
      id: 'abc',
      date: '2023',
      type: 'rumour',
      title: 'X',
      date_precision: 'week',
      status: 'final',
      countries: 'SY',
      actors: 'Someone (villain)',
      source_titles: 'A; B',
      source_urls: 'https://a',
    });
    expect(parsed.errors.map((e) => e.column)).toEqual([
      'id',
      'type',
      'date_precision',
      'status',
      'countries',
      'actors',
      'source_urls',
    ]);
  });
});
