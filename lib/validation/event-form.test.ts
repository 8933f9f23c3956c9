import { describe, expect, it } from 'vitest';
import { compareForConflict, contentFromInput, contentFromSnapshot, contentToFormValues } from '@/lib/event-content';
import { emptyEventForm, emptySource, formDataToValues, validateEventForm, type EventFormValues } from './event-form';

function filled(overrides: Partial<EventFormValues> = {}): EventFormValues {
  return {
    ...emptyEventForm(),
    type: 'designation',
    title: 'Caesar Act sanctions on Khalid Qaddour',
    summary: 'Treasury designated him for the captagon trade.',
    date: '2023-03-28',
    status: 'published',
    ...overrides,
  };
}

function formData(entries: [string, string][]): FormData {
  const fd = new FormData();
  for (const [k, v] of entries) fd.append(k, v);
  return fd;
}

describe('the event form', () => {
  it('asks for a summary, together with the other errors, though the data may lack one', () => {
    expect(validateEventForm(filled({ summary: '  ', sources: [] }))).toEqual({ success: false, errors: { summary: 'Summary is required.' } });
    const result = validateEventForm(filled({ summary: '', title: 'x' }));
    expect(result).toMatchObject({ success: false, errors: { summary: 'Summary is required.', title: 'Title must be at least 3 characters.' } });
  });

  it('lists the errors of an empty form in the order of its fields, top to bottom', () => {
    const result = validateEventForm({ ...emptyEventForm(), sources: [emptySource(), { ...emptySource(), url: 'javascript:alert(1)' }] });
    expect(result.success).toBe(false);
    if (result.success) return;
    expect(Object.keys(result.errors)).toEqual(['type', 'title', 'summary', 'date', 'sources.0.title', 'sources.1.title', 'sources.1.url']);
  });

  it('reads every field back from a submitted form, in row order', () => {
    const values = formDataToValues(
      formData([
        ['type', 'designation'],
        ['title', 'T'],
        ['summary', 'S'],
        ['details', 'D'],
        ['date', '2023-03'],
        ['datePrecision', 'month'],
        ['effectiveDate', '2023-04-01'],
        ['effectiveDatePrecision', ''],
        ['endDate', ''],
        ['endDatePrecision', ''],
        ['status', 'draft'],
        ['legalAuthority', 'Caesar Act'],
        ['program', 'syria-caesar'],
        ['countries.1.code', 'US'],
        ['countries.1.role', 'actor'],
        ['countries.0.code', 'SY'],
        ['countries.0.role', 'target'],
        ['actors.0.entityId', '14'],
        ['actors.0.name', 'Khalid Qaddour'],
        ['actors.0.role', 'target'],
        ['tags', 'Caesar Act'],
        ['tags', 'Captagon'],
        ['tags', '  '],
        ['sources.0.url', 'https://example.org'],
        ['sources.0.title', 'Press release'],
        ['sources.0.publisher', 'Treasury'],
        ['sources.0.publishedDate', '2023-03-28'],
        ['sources.0.excerpt', 'Quote'],
        ['sources.0.note', 'Date inferred from the text'],
        ['links.0.toEventId', '3'],
        ['links.0.title', 'Caesar Act signed'],
        ['links.0.kind', 'implements'],
        ['$ACTION_ID_abc', ''],
        ['countries.999.code', 'XX'],
        ['countries.0.evil', 'x'],
      ]),
    );
    expect(values).toEqual({
      type: 'designation',
      title: 'T',
      summary: 'S',
      details: 'D',
      date: '2023-03',
      datePrecision: 'month',
      effectiveDate: '2023-04-01',
      effectiveDatePrecision: '',
      endDate: '',
      endDatePrecision: '',
      status: 'draft',
      legalAuthority: 'Caesar Act',
      program: 'syria-caesar',
      countries: [
        { code: 'SY', role: 'target' },
        { code: 'US', role: 'actor' },
      ],
      actors: [{ entityId: '14', name: 'Khalid Qaddour', role: 'target' }],
      tags: ['Caesar Act', 'Captagon'],
      sources: [{ url: 'https://example.org', title: 'Press release', publisher: 'Treasury', publishedDate: '2023-03-28', excerpt: 'Quote', note: 'Date inferred from the text' }],
      links: [{ toEventId: '3', title: 'Caesar Act signed', kind: 'implements' }],
    });
  });

  it('gives empty strings for missing or non-text fields, and caps hostile sizes', () => {
    const fd = new FormData();
    fd.append('title', new Blob(['x']), 'file.txt');
    fd.append('summary', 'y'.repeat(100_000));
    const values = formDataToValues(fd);
    expect(values.title).toBe('');
    expect(values.summary).toHaveLength(50_000);
    expect(values.sources).toEqual([]);
    expect(validateEventForm(values)).toMatchObject({ success: false, errors: { summary: 'Summary must be at most 2000 characters.' } });
  });

  it('accepts a complete form and normalises it through the event schema', () => {
    const result = validateEventForm(
      filled({
        program: 'syria-caesar',
        countries: [{ code: 'sy', role: 'target' }],
        actors: [{ entityId: '7', name: 'Khalid Qaddour', role: 'target' }],
        tags: ['Caesar Act'],
        sources: [{ ...emptySource(), title: 'Press release', url: 'https://home.treasury.gov/news/jy1377' }],
      }),
    );
    expect(result).toMatchObject({
      success: true,
      input: { program: 'SYRIA-CAESAR', countries: [{ code: 'SY', role: 'target' }], actors: [{ entityId: 7, role: 'target' }], details: null },
    });
  });

  it('puts each error on the field it belongs to', () => {
    const result = validateEventForm(
      filled({
        type: '',
        title: '',
        date: '2023-02-30',
        countries: [{ code: 'ZZ', role: '' }],
        actors: [{ entityId: '', name: 'Typed but not chosen', role: 'target' }],
        sources: [{ ...emptySource(), url: 'javascript:alert(document.cookie)', title: '' }],
        links: [{ toEventId: '', title: '', kind: 'implements' }],
      }),
    );
    expect(result.success).toBe(false);
    expect(!result.success && result.errors).toEqual({
      type: 'Choose an event type.',
      title: 'Title must be at least 3 characters.',
      date: 'Date must be a real date: YYYY, YYYY-MM or YYYY-MM-DD.',
      'countries.0.code': 'Unknown country code (use ISO 3166-1 alpha-2, e.g. SY).',
      'countries.0.role': 'Country role is actor, target or location.',
      'actors.0.entityId': 'Choose an actor from the suggestions, or create a new one.',
      'sources.0.url': 'URL must start with http:// or https:// and be a complete web address.',
      'sources.0.title': 'Source title is required.',
      'links.0.toEventId': 'Choose an event from the suggestions.',
    });
  });
});

describe('the conflict comparison', () => {
  const ctx = { eventTitle: (id: number) => `Event ${id}` };
  const snapshot = (over: Record<string, unknown>) =>
    contentFromSnapshot({
      type: 'designation',
      title: 'Original title',
      summary: 'Original summary.',
      date: '2023-03-28',
      datePrecision: 'day',
      status: 'draft',
      countries: [{ code: 'SY', role: 'target' }],
      tags: ['Caesar Act'],
      ...over,
    } as never);

  it('shows what each side changed and re-applies mine on top of theirs', () => {
    const base = snapshot({});
    const theirs = snapshot({ summary: 'Their summary.', tags: ['Caesar Act', 'Captagon'] });
    const mineTyped = filled({ title: 'My <script>alert(1)</script> title', summary: 'Original summary.', date: '2023-03-28', status: 'draft', tags: ['Caesar Act'], countries: [{ code: 'SY', role: 'target' }], sources: [] });
    const parsed = validateEventForm(mineTyped);
    if (!parsed.success) throw new Error('fixture invalid');
    const mine = contentFromInput(parsed.input, () => '');

    const { fields, reapplied } = compareForConflict(base, theirs, mine, mineTyped, ctx);
    expect(fields.map((f) => [f.label, f.theyChanged, f.youChanged])).toEqual([
      ['Title', false, true],
      ['Summary', true, false],
      ['Tags', true, false],
    ]);
    expect(fields[0]).toMatchObject({ base: 'Original title', theirs: 'Original title', mine: 'My <script>alert(1)</script> title' });
    // My title (as typed), their summary and tags.
    expect(reapplied).toMatchObject({ title: 'My <script>alert(1)</script> title', summary: 'Their summary.', tags: ['Caesar Act', 'Captagon'] });
  });

  it('keeps mine where both changed the same field, and flags it', () => {
    const base = snapshot({});
    const theirs = snapshot({ title: 'Their title' });
    const mineTyped = filled({ title: 'My title', summary: 'Original summary.', status: 'draft', tags: ['Caesar Act'], countries: [{ code: 'SY', role: 'target' }], sources: [] });
    const parsed = validateEventForm(mineTyped);
    if (!parsed.success) throw new Error('fixture invalid');
    const { fields, reapplied } = compareForConflict(base, theirs, contentFromInput(parsed.input, () => ''), mineTyped, ctx);
    expect(fields).toEqual([{ key: 'title', label: 'Title', base: 'Original title', theirs: 'Their title', mine: 'My title', theyChanged: true, youChanged: true }]);
    expect(reapplied.title).toBe('My title');
  });

  it('round-trips a stored version through the form', () => {
    const stored = snapshot({ datePrecision: 'month', date: '2023-03-01', links: [{ toEventId: 3, kind: 'implements' }] });
    const values = contentToFormValues(stored, ctx);
    expect(values).toMatchObject({ date: '2023-03', datePrecision: '', links: [{ toEventId: '3', title: 'Event 3', kind: 'implements' }] });
    const parsed = validateEventForm(values);
    expect(parsed.success && contentFromInput(parsed.input, () => '')).toEqual(stored);
  });
});
