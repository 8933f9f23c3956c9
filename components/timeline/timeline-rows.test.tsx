import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import type { EventSummary } from '@/db/queries/events';
import { TimelineRows } from './timeline-rows';

const event = (id: number, date: string, over: Partial<EventSummary> = {}): EventSummary =>
  ({
    id,
    type: 'designation',
    title: `Event ${id}`,
    summary: null,
    date,
    datePrecision: 'day',
    effectiveDate: null,
    effectiveDatePrecision: null,
    endDate: null,
    endDatePrecision: null,
    status: 'published',
    legalAuthority: null,
    program: null,
    createdAt: '2024-01-01T00:00:00Z',
    updatedAt: '2024-01-01T00:00:00Z',
    version: 1,
    countries: [{ code: 'SY', role: 'target' }],
    actors: [{ id: 7, name: 'Central Bank of Syria', kind: 'organisation', role: 'target' }],
    tags: [{ slug: 'banking', label: 'Banking' }],
    sources: [],
    ...over,
  }) as EventSummary;

const headings = (html: string) => [...html.matchAll(/<h([23])[^>]*>(.*?)<\/h\1>/g)].map((m) => `h${m[1]} ${(m[2] ?? '').replace(/<[^>]+>/g, '')}`);

describe('TimelineRows', () => {
  it('starts a year and a month heading where each begins', () => {
    const html = renderToStaticMarkup(<TimelineRows items={[event(3, '2024-03-10'), event(2, '2024-03-01'), event(1, '2023-12-31')]} />);
    expect(headings(html)).toEqual(['h2 2024', 'h3 March 2024', 'h2 2023', 'h3 December 2023']);
  });

  it('carries the headings over from the previous page: no second "2024" or "March" where a page starts mid-month', () => {
    const html = renderToStaticMarkup(
      <TimelineRows items={[event(2, '2024-03-01'), event(1, '2024-02-20')]} previous={{ date: '2024-03-10', datePrecision: 'day' }} />,
    );
    expect(headings(html)).toEqual(['h3 February 2024']);
  });

  it('gives one level lower headings inside a page section (level 3)', () => {
    const html = renderToStaticMarkup(<TimelineRows items={[event(1, '2024-03-10')]} headingLevel={3} />);
    expect(headings(html)).toEqual(['h3 2024']);
    expect(html).toMatch(/<h5 id="event-1-title"/);
  });

  it('links each event, country, actor and tag with plain anchors (the list navigates within the app)', () => {
    const html = renderToStaticMarkup(<TimelineRows items={[event(1, '2024-03-10')]} asRecorded="2024-06-01" />);
    const hrefs = [...html.matchAll(/<a href="([^"]+)"/g)].map((m) => m[1]);
    expect(hrefs).toEqual(['/events/1?as_recorded=2024-06-01', '/countries/SY', '/entities/7', '/?tag=banking']);
  });
});
