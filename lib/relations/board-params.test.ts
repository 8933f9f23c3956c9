import { describe, expect, it } from 'vitest';
import { boardHref, boundText, parseBoardParams } from './board-params';

const now = new Date('2026-12-02T07:00:00Z');

describe('the board URL', () => {
  it('defaults to Syria, today, 2010 to the end of this year, years, chart', () => {
    expect(parseBoardParams({}, now)).toEqual({
      counterpart: 'SY',
      asOf: '2026-12-02',
      from: '2010-01-01',
      to: '2026-12-31',
      zoom: 'years',
      view: 'chart',
      notices: [],
    });
  });

  it('reads every choice, a range down to the month', () => {
    const p = parseBoardParams({ with: 'ir', as_of: '2019-06-01', from: '2018-06', to: '2019', zoom: 'months', view: 'table' }, now);
    expect(p).toMatchObject({ counterpart: 'IR', asOf: '2019-06-01', from: '2018-06-01', to: '2019-12-31', zoom: 'months', view: 'table', notices: [] });
  });

  it('turns an unknown country and a malformed date into notices and falls back', () => {
    const p = parseBoardParams({ with: 'XX', as_of: '2019-02-30' }, now);
    expect(p.counterpart).toBe('SY');
    expect(p.asOf).toBe('2026-12-02');
    expect(p.notices).toHaveLength(2);
    expect(p.notices[0]).toMatch(/^Counterpart: "XX" is not a country code.*Showing Syria\.$/);
    expect(p.notices[1]).toMatch(/^As of: "2019-02-30" is not a date.*Showing today\.$/);
  });

  it('refuses a range that runs backwards or is too wide, and an unknown zoom or view', () => {
    expect(parseBoardParams({ from: '2020', to: '2012' }, now)).toMatchObject({ from: '2010-01-01', to: '2026-12-31' });
    expect(parseBoardParams({ from: '1900', to: '2026' }, now)).toMatchObject({ from: '1947-01-01', to: '2026-12-31' });
    expect(parseBoardParams({ from: 'soon' }, now).notices[0]).toContain('"soon" is not a date');
    expect(parseBoardParams({ zoom: 'days', view: 'pie' }, now)).toMatchObject({ zoom: 'years', view: 'chart', notices: [expect.stringContaining('Zoom'), expect.stringContaining('View')] });
  });

  it('writes back a URL that reads the same, without defaults', () => {
    const p = parseBoardParams({ with: 'SY', as_of: '2019-06-01', from: '2018-06', to: '2019-02', zoom: 'months' }, now);
    const href = boardHref(p, now);
    expect(href).toBe('/relations?as_of=2019-06-01&from=2018-06&to=2019-02&zoom=months');
    const back = parseBoardParams(Object.fromEntries(new URL(href, 'http://x').searchParams), now);
    expect(back).toEqual(p);
  });

  it('writes a bound as short as it reads', () => {
    expect(boundText('2015-01-01', 'from')).toBe('2015');
    expect(boundText('2015-12-31', 'to')).toBe('2015');
    expect(boundText('2016-02-29', 'to')).toBe('2016-02');
    expect(boundText('2016-02-28', 'to')).toBe('2016-02-28');
    expect(boundText('2016-03-05', 'from')).toBe('2016-03-05');
  });
});

describe('a range in words', () => {
  it('reads as precisely as it was asked', async () => {
    const { rangeText } = await import('./board-params');
    expect(rangeText('2010-01-01', '2026-12-31')).toBe('2010 to 2026');
    expect(rangeText('2018-06-01', '2019-02-28')).toBe('June 2018 to February 2019');
    expect(rangeText('2019-01-01', '2019-12-31')).toBe('2019');
    expect(rangeText('2019-01-05', '2019-12-31')).toBe('5 January 2019 to 2019');
  });
});
