import { describe, expect, it } from 'vitest';
import { boardHref, parseBoardParams } from './board-params';

const now = new Date('2026-12-02T07:00:00Z');

describe('the board URL', () => {
  it('defaults to Syria, today, 2010 to this year, years, chart', () => {
    expect(parseBoardParams({}, now)).toEqual({
      counterpart: 'SY',
      asOf: '2026-12-02',
      fromYear: 2010,
      toYear: 2026,
      zoom: 'years',
      view: 'chart',
      notices: [],
    });
  });

  it('reads every choice', () => {
    const p = parseBoardParams({ with: 'ir', as_of: '2019-06-01', from: '2015', to: '2020', zoom: 'months', view: 'table' }, now);
    expect(p).toMatchObject({ counterpart: 'IR', asOf: '2019-06-01', fromYear: 2015, toYear: 2020, zoom: 'months', view: 'table', notices: [] });
  });

  it('turns an unknown country and a malformed date into notices and falls back', () => {
    const p = parseBoardParams({ with: 'XX', as_of: '2019-02-30' }, now);
    expect(p.counterpart).toBe('SY');
    expect(p.asOf).toBe('2026-12-02');
    expect(p.notices).toHaveLength(2);
    expect(p.notices[0]).toContain('"XX" is not a country code');
    expect(p.notices[1]).toContain('"2019-02-30" is not a date');
  });

  it('refuses a range that runs backwards or is too wide', () => {
    expect(parseBoardParams({ from: '2020', to: '2012' }, now)).toMatchObject({ fromYear: 2010, toYear: 2026 });
    expect(parseBoardParams({ from: '1900', to: '2026' }, now)).toMatchObject({ fromYear: 1947, toYear: 2026 });
    expect(parseBoardParams({ from: 'soon' }, now).notices[0]).toContain('"From" must be a year');
  });

  it('writes back a URL that reads the same, without defaults', () => {
    const p = parseBoardParams({ with: 'SY', as_of: '2019-06-01', zoom: 'months' }, now);
    const href = boardHref(p, now);
    expect(href).toBe('/relations?as_of=2019-06-01&zoom=months');
    const back = parseBoardParams(Object.fromEntries(new URL(href, 'http://x').searchParams), now);
    expect(back).toEqual(p);
  });
});
