import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { createCsvStream, encodeCsv, neutraliseFormula, restoreNeutralised, type CsvColumn } from './encode';

describe('formula neutralising', () => {
  it.each([
    ['=1+1', "'=1+1"],
    ['+1+1', "'+1+1"],
    ['-1+1', "'-1+1"],
    ['@SUM(A1)', "'@SUM(A1)"],
    ['\t=1', "'\t=1"],
    // The line after a break is marked too (issue 10): a line-oriented reader sees it on its own.
    ['\r=1', "'\r'=1"],
    ['\n=1', "'\n'=1"],
    ['line1\n=cmd|\' /C calc\'!A0', "line1\n'=cmd|' /C calc'!A0"],
    ['a\r\n\t+1\r-2\n\nparagraph', "a\r\n'\t+1\r'-2\n\nparagraph"],
    ['\nplain text after a line feed', "'\nplain text after a line feed"],
    ['   =HYPERLINK("http://x")', '\'   =HYPERLINK("http://x")'],
    ['\u00a0=1', "'\u00a0=1"],
    ['=cmd|\' /C calc\'!A0', "'=cmd|' /C calc'!A0"],
    // Typed with its own apostrophe: marked again, so the import gives back both.
    ["'=1+1", "''=1+1"],
    ["''+x", "'''+x"],
  ])('neutralises %j', (input, expected) => {
    expect(neutraliseFormula(input)).toBe(expected);
    expect(restoreNeutralised(neutraliseFormula(input))).toBe(input);
  });

  it.each(["'=1+1", "''=1+1", "'\n", "' -5"])('adds one more apostrophe to %j, so the round trip is exact', (input) => {
    expect(neutraliseFormula(input)).toBe(`'${input}`);
    expect(restoreNeutralised(neutraliseFormula(input))).toBe(input);
  });

  it.each(['Caesar Act', 'a = b', 'US-led', "'quoted already", "'", '', '2023-03-28', 'e-mail: x@y.org'])('leaves %j alone', (input) => {
    expect(neutraliseFormula(input)).toBe(input);
    expect(restoreNeutralised(input)).toBe(input);
  });
});

describe('encoding records of given columns', () => {
  const columns = [
    { key: 'n', kind: 'number' },
    { key: 'day', kind: 'date' },
    { key: 'text', kind: 'text' },
  ] as const satisfies readonly CsvColumn[];

  it('writes the header, quotes what needs quoting and neutralises text cells only', () => {
    const csv = encodeCsv(columns, [{ n: -5, day: '-0001-01-01', text: '=1+1, "quoted"\nnext' }, { n: null, day: null, text: null }], { header: true });
    expect(csv).toBe('n,day,text\r\n-5,-0001-01-01,"\'=1+1, ""quoted""\nnext"\r\n,,\r\n');
    expect(parse(csv)).toEqual([['n', 'day', 'text'], ['-5', '-0001-01-01', `'=1+1, "quoted"\nnext`], ['', '', '']]);
  });

  it('streams a byte-order mark and the header first, then one batch at a time', async () => {
    const batches = [[1, 2], [3]][Symbol.iterator]();
    const stream = createCsvStream(batches, { columns, toRecord: (n: number) => ({ n, day: null, text: `row ${n}` }), bom: true });
    const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(await new Response(stream).arrayBuffer());
    expect(text).toBe('\uFEFFn,day,text\r\n1,,row 1\r\n2,,row 2\r\n3,,row 3\r\n');
  });
});
