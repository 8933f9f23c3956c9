import { describe, expect, it } from 'vitest';
import { formatCitation, type CitableEvent } from './citation';

const event: CitableEvent = {
  title: 'Erdoğan offers to meet al-Assad.',
  date: '2023-01-01',
  datePrecision: 'year',
  permalink: 'https://tracker.example/events/9',
  accessed: '2026-12-02',
  sources: [
    { title: 'Turkey and Syria: the long road', url: 'https://news.example/a', publisher: 'Al-Monitor', publishedDate: '2023-03-28' },
    { title: 'A statement without an address', url: null, publisher: null, publishedDate: null },
  ],
};

describe('a citation', () => {
  it('names the event, its date at its precision, the permalink and every source', () => {
    expect(formatCitation(event)).toBe(
      [
        'Erdoğan offers to meet al-Assad (2023). Sanctions & Policy Tracker, https://tracker.example/events/9 (accessed 2 December 2026).',
        'Sources:',
        '- Turkey and Syria: the long road, Al-Monitor, 28 March 2023, https://news.example/a',
        '- A statement without an address',
      ].join('\n'),
    );
  });

  it('never invents a day or a month', () => {
    expect(formatCitation({ ...event, date: '2022-03-01', datePrecision: 'month' })).toContain('(March 2022).');
    expect(formatCitation(event)).not.toMatch(/1 January 2023/);
  });

  it('says when no source is recorded', () => {
    expect(formatCitation({ ...event, sources: [] }).split('\n')[1]).toBe('Sources: none recorded.');
  });
});
