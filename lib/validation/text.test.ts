import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { entityInputSchema } from './entity';
import { eventInputSchema } from './event';
import { multiLineText, nameText, singleLineText } from './text';
import { newUserSchema } from './user';

const OVERRIDES = ['\u202A', '\u202B', '\u202C', '\u202D', '\u202E', '\u2066', '\u2067', '\u2068', '\u2069'];
const SEPARATORS = ['\u0085', '\u2028', '\u2029'];

const event = {
  type: 'designation',
  title: 'Caesar Act sanctions',
  summary: 'Treasury acted.',
  date: '2023-03-28',
  status: 'published',
};
const entity = { kind: 'person', name: 'Khalid Qaddour' };

function errorsOf(result: { success: boolean; error?: { issues: { path: PropertyKey[]; message: string }[] } }) {
  return Object.fromEntries((result.error?.issues ?? []).map((i) => [i.path.join('.'), i.message]));
}

/** Every one-line field of every schema, with a way to put a value in it and where its error goes. */
const SINGLE_LINE: [string, (v: string) => { success: boolean; error?: never }, string][] = [
  ['event title', (v) => eventInputSchema.safeParse({ ...event, title: `Sanctions ${v}on Qaddour` }) as never, 'title'],
  ['legal authority', (v) => eventInputSchema.safeParse({ ...event, legalAuthority: `Caesar ${v}Act` }) as never, 'legalAuthority'],
  ['program', (v) => eventInputSchema.safeParse({ ...event, program: `SYRIA${v}-CAESAR` }) as never, 'program'],
  ['tag', (v) => eventInputSchema.safeParse({ ...event, tags: [`caesar${v} act`] }) as never, 'tags.0'],
  ['source title', (v) => eventInputSchema.safeParse({ ...event, sources: [{ title: `Press ${v}release` }] }) as never, 'sources.0.title'],
  ['source publisher', (v) => eventInputSchema.safeParse({ ...event, sources: [{ title: 'x', publisher: `US ${v}Treasury` }] }) as never, 'sources.0.publisher'],
  ['actor name', (v) => entityInputSchema.safeParse({ ...entity, name: `Khalid ${v}Qaddour` }) as never, 'name'],
  ['actor alias', (v) => entityInputSchema.safeParse({ ...entity, aliases: [`Khaled ${v}Qaddour`] }) as never, 'aliases.0'],
  ['account name', (v) => newUserSchema.safeParse({ email: 'a@example.org', role: 'viewer', password: 'long enough password', name: `Ann ${v}Lee` }) as never, 'name'],
];

describe('one-line fields (issue 10, item 11)', () => {
  for (const [label, parse, path] of SINGLE_LINE) {
    it(`refuses direction overrides and line separators in the ${label}, with a message at the field`, () => {
      for (const c of OVERRIDES) {
        expect(errorsOf(parse(c))[path], `${label} U+${c.codePointAt(0)!.toString(16)}`).toMatch(/invisible text-direction characters/);
      }
      for (const c of SEPARATORS) {
        expect(errorsOf(parse(c))[path], `${label} U+${c.codePointAt(0)!.toString(16)}`).toMatch(/control characters|one line/);
      }
      expect(parse('').success, `${label} without them`).toBe(true);
    });
  }

  it('says why a line separator is refused', () => {
    expect(singleLineText('Title', 1, 300).safeParse('A\u2028B').error?.issues[0]?.message).toBe(
      'Title must be one line: it contains a line or paragraph separator.',
    );
    expect(singleLineText('Title', 1, 300).safeParse('A\u0085B').error?.issues[0]?.message).toBe('Title contains control characters.');
  });

  it('keeps the left-to-right and right-to-left marks that mixed Arabic and Latin text uses', () => {
    expect(singleLineText('Title', 1, 300).parse('عقوبات \u200F(Caesar Act)')).toBe('عقوبات \u200F(Caesar Act)');
  });

  it('never accepts a one-line value holding a control, a separator or an override', () => {
    const bad = /[\u0000-\u001F\u007F-\u009F\u2028\u2029\u202A-\u202E\u2066-\u2069]/;
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 30 }), fc.constantFrom('', ...OVERRIDES, ...SEPARATORS, '\n', '\t'), (s, extra) => {
        const result = singleLineText('Title', 0, 300).safeParse(s + extra + s);
        if (result.success) expect(result.data).not.toMatch(bad);
        const name = nameText('Name', 300).safeParse(s + extra + s);
        if (name.success) expect(name.data).not.toMatch(bad);
      }),
      { numRuns: 1000 },
    );
  });
});

describe('multi-line fields (issue 10, item 11)', () => {
  it('removes direction overrides from the summary, details, excerpts and descriptions', () => {
    const hostile = `Line one ${OVERRIDES.join('')}gnp.exe`;
    const parsed = eventInputSchema.parse({ ...event, summary: hostile, details: hostile, sources: [{ title: 'x', excerpt: hostile }] });
    expect(parsed.summary).toBe('Line one gnp.exe');
    expect(parsed.details).toBe('Line one gnp.exe');
    expect(parsed.sources[0]!.excerpt).toBe('Line one gnp.exe');
    expect(entityInputSchema.parse({ ...entity, description: hostile }).description).toBe('Line one gnp.exe');
  });

  it('reads the Unicode line and paragraph separators as line breaks', () => {
    expect(multiLineText('Summary', 0, 100).parse('one\u2028two\u2029three\u0085four\r\nfive')).toBe('one\ntwo\nthree\nfour\nfive');
  });

  it('never keeps an override, whatever the text', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 40 }), fc.constantFrom(...OVERRIDES), (s, o) => {
        const result = multiLineText('Summary', 0, 200).safeParse(o + s + o);
        if (result.success) expect(result.data).not.toMatch(/[\u202A-\u202E\u2066-\u2069\u2028\u2029\u0085]/);
      }),
      { numRuns: 1000 },
    );
  });
});

describe('names (issue 10, item 10)', () => {
  it('stores actor names and aliases without invisible characters', () => {
    const parsed = entityInputSchema.parse({ ...entity, name: 'Khalid Qad\u200Ddour', aliases: ['Khaled\u00AD Qaddour', '\uFEFFAbu\u200C Ali'] });
    expect(parsed.name).toBe('Khalid Qaddour');
    expect(parsed.aliases).toEqual(['Khaled Qaddour', 'Abu Ali']);
  });

  it('drops an alias spelt as the name or another alias, and keeps other spellings', () => {
    const parsed = entityInputSchema.parse({
      ...entity,
      aliases: ['KHALID QADDOUR', 'Khalid Qad\u200Ddour', 'Ｋｈａｌｉｄ Ｑａｄｄｏｕｒ', 'Khaled Qaddour', 'khaled  qaddour', 'Khâlid Qaddour'],
    });
    expect(parsed.aliases).toEqual(['Khaled Qaddour', 'Khâlid Qaddour']);
  });

  it('refuses a name that is only invisible characters', () => {
    expect(errorsOf(entityInputSchema.safeParse({ ...entity, name: '\u200D\u200C' })).name).toBe('Name is required.');
  });
});
