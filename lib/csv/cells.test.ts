/**
 * The list cells: values joined with "; ", where a value's own ";" and "\" are escaped, so that
 * every value comes back (issue 10: a tag "alpha; beta", a source title "Part one; part two" or a
 * URL with ";" broke the round trip). Decision record: docs/decisions/0024-csv-list-cells.md.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { csvHostileText } from '@/lib/testing/csv-text';
import { ENTITY_KINDS, ENTITY_ROLES } from '@/lib/vocabulary';
import { escapeListValue, formatActor, joinValues, parseActorCell, splitValues } from './cells';

describe('list cells', () => {
  it.each([
    [['alpha; beta', 'gamma'], 'alpha\\; beta; gamma'],
    [['Part one; part two'], 'Part one\\; part two'],
    [['https://x.test/a;jsessionid=1?q=a;b'], 'https://x.test/a\\;jsessionid=1?q=a\\;b'],
    [['C:\\path', 'end\\'], 'C:\\\\path; end\\\\'],
    [['Caesar Act', 'Captagon'], 'Caesar Act; Captagon'],
  ])('writes %j as %j and reads it back', (values, cell) => {
    expect(joinValues(values)).toBe(cell);
    expect(splitValues(cell)).toEqual(values);
  });

  it('reads hand-written cells leniently: no space after ";", empty entries, a lone backslash', () => {
    expect(splitValues('a;b ;  ; c')).toEqual(['a', 'b', 'c']);
    expect(splitValues('a\\b; c\\')).toEqual(['a\\b', 'c\\']);
    expect(splitValues('; https://b', { keepEmpty: true })).toEqual(['', 'https://b']);
  });

  it('gives back every list of trimmed, non-empty values, whatever they hold', () => {
    const value = csvHostileText.map((s) => s.trim()).filter((s) => s.length > 0);
    fc.assert(
      fc.property(fc.array(value, { maxLength: 6 }), (values) => {
        expect(splitValues(joinValues(values))).toEqual(values);
      }),
      { numRuns: 1000 },
    );
  });

  it('keeps empty slots in place when asked (source URLs line up with titles)', () => {
    const slot = fc.oneof(fc.constant(''), csvHostileText.map((s) => s.trim()));
    fc.assert(
      fc.property(fc.array(slot, { minLength: 1, maxLength: 6 }), (values) => {
        expect(splitValues(joinValues(values), { keepEmpty: true })).toEqual(values);
      }),
      { numRuns: 1000 },
    );
  });
});

describe('actor cells', () => {
  it('reads a role, and a kind in either order', () => {
    expect(parseActorCell('Khalid Qaddour (target)')).toEqual({ name: 'Khalid Qaddour', role: 'target', kind: null });
    expect(parseActorCell('Khalid Qaddour (target, person)')).toEqual({ name: 'Khalid Qaddour', role: 'target', kind: 'person' });
    expect(parseActorCell('Syria (Government, Issuer)')).toEqual({ name: 'Syria', role: 'issuer', kind: 'government' });
    expect(parseActorCell('UN (participant, International body)')).toEqual({ name: 'UN', role: 'participant', kind: 'international_body' });
    // Only the last bracket is syntax; earlier ones belong to the name.
    expect(parseActorCell('Foo (Holdings) Ltd (target) (subject, company)')).toEqual({ name: 'Foo (Holdings) Ltd (target)', role: 'subject', kind: 'company' });
  });

  it.each([
    ['Someone', /no role in brackets/],
    ['Someone (villain)', /"villain" is not a role or a kind/],
    ['Someone (person)', /has no role/],
    ['Someone (target, issuer)', /is not a role or a kind/],
    ['Someone (target, person, company)', /is not a role or a kind/],
  ])('explains what is wrong with %j', (cell, message) => {
    const parsed = parseActorCell(cell);
    expect('error' in parsed && parsed.error).toMatch(message);
  });

  it('reads back what the export writes, for any name', () => {
    const name = csvHostileText.map((s) => s.replace(/\s+/g, ' ').trim()).filter((s) => s.length > 0);
    fc.assert(
      fc.property(name, fc.constantFrom(...ENTITY_ROLES), fc.constantFrom(...ENTITY_KINDS), (n, role, kind) => {
        const [cell] = splitValues(formatActor(escapeListValue(n), role, kind));
        expect(parseActorCell(cell!)).toEqual({ name: n, role, kind });
      }),
      { numRuns: 1000 },
    );
  });
});
