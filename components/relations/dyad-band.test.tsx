import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { dyadBand } from '@/lib/relations/bands';
import type { StandingChange } from '@/lib/relations/change';
import { standingAsOf } from '@/lib/relations/standing';
import { DyadBand } from './dyad-band';
import { RelationsTable } from './relations-table';
import { RowStanding } from './row-standing';
import type { BoardRowView } from './types';

const dyad = { subject: 'BH', counterpart: 'SY' };
const change = (over: Partial<StandingChange>): StandingChange => ({
  id: 1,
  dyad,
  date: '2012-01-01',
  precision: 'year',
  status: 'in_effect',
  level: null,
  embassy: null,
  ambassadorRecalled: null,
  evidenceEventIds: [10],
  note: null,
  ...over,
});

// Bahrain: embassy closed in 2012 (year), reopened 27 December 2018 (day), level never stated;
// a reported plan in 2023 to send an ambassador.
const changes = [
  change({ id: 1, embassy: 'closed' }),
  change({ id: 2, date: '2018-12-27', precision: 'day', embassy: 'open', evidenceEventIds: [11, 12] }),
  change({ id: 3, date: '2023-03-01', precision: 'month', status: 'reported', level: 'ambassador', evidenceEventIds: [13] }),
];
const band = dyadBand(dyad, changes, '2010-01-01', '2024-12-31');
const range = { from: '2010-01-01', to: '2024-12-31', zoom: 'years' as const };
const events = [{ id: 11, date: '2018-12-27', precision: 'day' as const, type: 'normalisation' as const, title: 'Bahrain reopens its embassy in Damascus' }];

function render(asOf = '2019-06-01') {
  return renderToStaticMarkup(<DyadBand band={band} events={events} range={range} asOf={asOf} subjectKind="state" label="Bahrain and Syria" />);
}

describe('a dyad band', () => {
  it('draws one segment per standing: unknown before 2012, hatched through 2012, closed, then open', () => {
    const html = render();
    const segments = [...html.matchAll(/data-testid="band-segment"/g)];
    expect(segments).toHaveLength(band.segments.length);
    expect(html).toContain('data-uncertain="true"');
    // The uncertain year says what is changing, in words, not only by its hatching.
    expect(html).toContain('embassy changing in 2012, from unknown to closed');
    expect(html).toContain('embassy open (since 27 December 2018)');
    expect(html).toContain('fill="url(#rel-hatch)"');
  });

  it('marks every change, each a link to its evidence with its status and date in words', () => {
    const html = render();
    const markers = [...html.matchAll(/<a [^>]*data-testid="change-marker"[^>]*>/g)].map((m) => m[0]);
    expect(markers).toHaveLength(3);
    expect(markers[0]).toContain('href="/events/10"');
    expect(markers[0]).toContain('aria-label="In effect, 2012 (known to the year): embassy closed. Evidence: event #10"');
    expect(markers[1]).toContain('aria-label="In effect, 27 December 2018: embassy open. Evidence: Bahrain reopens its embassy in Damascus; event #12"');
    expect(markers[2]).toContain('data-status="reported"');
    expect(markers[2]).toContain('Reported, March 2023 (known to the month): level ambassador');
  });

  it('marks the events between the two sides in their type colour, and the as-of date only inside the range', () => {
    const html = render();
    expect(html).toMatch(/<a href="\/events\/11" aria-label="Normalisation move, 27 December 2018: Bahrain reopens its embassy in Damascus"/);
    expect(html).toContain('fill="#d97706"');
    expect(html).toContain('data-testid="as-of-line"');
    expect(render('2030-01-01')).not.toContain('data-testid="as-of-line"');
  });
});

describe('a row as of a date', () => {
  const standingHtml = (asOf: string) =>
    renderToStaticMarkup(<RowStanding standing={standingAsOf(dyad, changes, asOf)} kind="state" />).replace(/<!-- -->/g, '');

  it('says "changing in 2012" inside the imprecise year, and Unknown where nothing is recorded', () => {
    const html = standingHtml('2012-06-01');
    expect(html).toContain('Embassy:</span> Changing in 2012, from unknown to closed');
    expect(html).toContain('Level:</span> Unknown');
  });

  it('lists a reported plan apart, as not in effect', () => {
    const html = standingHtml('2023-03-31');
    expect(html).toContain('Embassy:</span> Open (since 27 December 2018)');
    expect(html).toContain('Level:</span> Unknown');
    expect(html).toContain('Reported plans, March 2023: level to become ambassador');
    expect(html).toContain('(not in effect)');
  });
});

describe('the board table', () => {
  it('is a real table: caption, column headers, a row header per subject, region groups', () => {
    const row: BoardRowView = {
      dyad,
      subjectKind: 'state',
      subjectName: 'Bahrain',
      region: 'Arab states',
      band,
      standing: standingAsOf(dyad, changes, '2019-06-01'),
      events,
    };
    const html = renderToStaticMarkup(<RelationsTable rows={[row]} caption="Standings with Syria as of 1 June 2019" />).replace(/<!-- -->/g, '');
    expect(html).toContain('<caption');
    expect([...html.matchAll(/<th scope="col"/g)]).toHaveLength(5);
    expect(html).toContain('<th scope="rowgroup" colSpan="5"');
    expect(html).toMatch(/<th scope="row"[^>]*><a href="\/relations\/BH\/SY">Bahrain<\/a><\/th>/);
    expect(html).toContain('Embassy: Open (since 27 December 2018)');
  });
});
