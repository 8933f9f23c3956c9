/** Readable names for the event form's field paths, for the error summary ("Source 2: URL"). */
const TOP: Record<string, string> = {
  type: 'Type',
  title: 'Title',
  summary: 'Summary',
  details: 'Details',
  date: 'Date',
  datePrecision: 'Date precision',
  effectiveDate: 'In effect from',
  effectiveDatePrecision: 'In effect from: precision',
  endDate: 'Until',
  endDatePrecision: 'Until: precision',
  status: 'Status',
  legalAuthority: 'Legal authority',
  program: 'Program',
  countries: 'Countries',
  actors: 'Actors',
  tags: 'Tags',
  sources: 'Sources',
  links: 'Linked events',
  form: 'Form',
};

const ITEMS: Record<string, { noun: string; fields: Record<string, string> }> = {
  countries: { noun: 'Country', fields: { code: 'country', role: 'role' } },
  actors: { noun: 'Actor', fields: { entityId: 'actor', role: 'role' } },
  sources: { noun: 'Source', fields: { url: 'URL', title: 'title', publisher: 'publisher', publishedDate: 'publication date', excerpt: 'excerpt', note: 'note' } },
  links: { noun: 'Linked event', fields: { toEventId: 'event', kind: 'type of link' } },
  tags: { noun: 'Tag', fields: {} },
};

export function eventFieldLabel(path: string): string {
  const [list, index, field] = path.split('.');
  const item = list ? ITEMS[list] : undefined;
  if (item && index !== undefined && /^\d+$/.test(index)) {
    const n = Number(index) + 1;
    return field ? `${item.noun} ${n}: ${item.fields[field] ?? field}` : `${item.noun} ${n}`;
  }
  return TOP[path] ?? path;
}
