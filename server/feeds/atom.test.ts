import { parseFeed } from '@rowanmanning/feed-parser';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import type { EventSummary } from '@/db/queries/events';
import { renderAtomFeed, xmlEscape } from './atom';

const base: EventSummary = {
  id: 14,
  type: 'designation',
  title: 'Caesar Act sanctions on Khalid Qaddour and Samer Kamal al-Assad',
  summary: 'Two Syrians designated.',
  date: '2023-03-28',
  datePrecision: 'day',
  effectiveDate: null,
  effectiveDatePrecision: null,
  endDate: null,
  endDatePrecision: null,
  status: 'published',
  legalAuthority: 'Caesar Syria Civilian Protection Act of 2019',
  program: 'SYRIA-CAESAR',
  createdAt: '2026-11-27T21:00:00.000Z',
  updatedAt: '2026-11-27T21:05:00.000Z',
  version: 1,
  countries: [{ code: 'SY', role: 'target' }],
  actors: [{ id: 2, name: 'Recep Tayyip Erdoğan', kind: 'person', role: 'speaker' }],
  tags: [{ slug: 'caesar-act', label: 'Caesar Act' }],
  sources: [{ id: 1, url: 'https://example.org/a?x=1&y=2', title: 'An article', publisher: null, publishedDate: null, excerpt: null, note: null }],
};

const hostile: EventSummary = {
  ...base,
  id: 15,
  title: '<script>alert("x")</script> & "quotes" \u0001 ]]>',
  summary: 'Line\u0000break \uFFFE and a lone \uD800 surrogate',
  updatedAt: '2026-11-27T22:00:00.000Z',
};

function feed(events: EventSummary[]) {
  return renderAtomFeed({
    selfUrl: 'https://t.example/feed.xml?type=designation&program=SYRIA-CAESAR',
    viewUrl: 'https://t.example/?type=designation&program=SYRIA-CAESAR',
    origin: 'https://t.example',
    title: 'Sanctions & Policy Tracker: Sanctions designations',
    subtitle: 'The newest events of this view.',
    events,
    now: new Date('2026-11-27T12:00:00Z'),
  });
}

describe('the Atom feed', () => {
  it('is well-formed XML that a feed parser reads, with every entry', () => {
    const xml = feed([hostile, base]);
    expect(XMLValidator.validate(xml)).toBe(true);
    const parsed = parseFeed(xml);
    expect(parsed.meta.type).toBe('atom');
    expect(parsed.title).toBe('Sanctions & Policy Tracker: Sanctions designations');
    expect(parsed.url).toBe('https://t.example/?type=designation&program=SYRIA-CAESAR');
    expect(parsed.items.map((i) => i.url)).toEqual(['https://t.example/events/15', 'https://t.example/events/14']);
    expect(parsed.items[1]!.title).toBe(base.title);
    expect(parsed.items[1]!.categories.map((c) => c.term)).toEqual(['designation', 'caesar-act']);
    expect(parsed.updated?.toISOString()).toBe('2026-11-27T22:00:00.000Z');
  });

  it('carries hostile text as text: escaped, with characters XML forbids removed', () => {
    const xml = feed([hostile]);
    expect(xml).not.toContain('<script>');
    expect(xml).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &quot;quotes&quot;');
    expect(xml).not.toMatch(/[\u0000\u0001\uFFFE]/);
    expect(parseFeed(xml).items[0]!.title).toBe('<script>alert("x")</script> & "quotes"  ]]>');
  });

  it('gives each event its date at its precision, never a padded day, with the precision beside it', () => {
    const yearOnly: EventSummary = { ...base, id: 16, date: '2011-01-01', datePrecision: 'year', effectiveDate: '2023-03-01', effectiveDatePrecision: 'month' };
    const xml = feed([yearOnly, base]);
    expect(XMLValidator.validate(xml)).toBe(true);
    const doc = new XMLParser({ ignoreAttributes: false, removeNSPrefix: false }).parse(xml) as {
      feed: { entry: Record<string, unknown>[] };
    };
    const [first, second] = doc.feed.entry;
    expect(first!['dc:date']).toBe(2011);
    expect(first!['t:date']).toEqual({ '#text': 2011, '@_precision': 'year' });
    expect(first!['t:effectiveDate']).toEqual({ '#text': '2023-03', '@_precision': 'month' });
    expect(first!['t:endDate']).toBeUndefined();
    expect(second!['t:date']).toEqual({ '#text': '2023-03-28', '@_precision': 'day' });
    expect(xml).not.toContain('2011-01-01');
    expect(xml).not.toContain('2023-03-01');
    // The text a reader shows says no more than is known either.
    expect(parseFeed(xml).items[0]!.content).toContain('Sanctions designation, 2011.');
  });

  it('is valid with no entries, dated now', () => {
    const xml = feed([]);
    expect(XMLValidator.validate(xml)).toBe(true);
    expect(parseFeed(xml).items).toEqual([]);
    expect(xml).toContain('<updated>2026-11-27T12:00:00.000Z</updated>');
  });

  it('escapes the five XML specials', () => {
    expect(xmlEscape(`<a href="x">&'</a>`)).toBe('&lt;a href=&quot;x&quot;&gt;&amp;&apos;&lt;/a&gt;');
  });
});
