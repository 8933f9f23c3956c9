/**
 * The EU Financial Sanctions Files full list (xmlFullSanctionsList_1_1): root
 * <export xmlns="http://eu.europa.ec/fpi/fsd/export" generationDate="...">, one <sanctionEntity>
 * per listed party with attributes logicalId (stable), euReferenceNumber ("EU.27.28"),
 * unitedNationId and designationDate, and children regulation, subjectType, nameAlias,
 * identification, address, birthdate, citizenship, remark.
 *
 * Dates: the listing date is sanctionEntity/@designationDate only. A <regulation>'s
 * publicationDate is the date of the act the entry cites, which is often a later amendment, not
 * the listing (OpenSanctions issue #2249): it is kept as a related date of role
 * "legal-act-published", never as a listing date.
 */
import { checkRoot } from './detect';
import { addAlias, addIdentifier, addText, joinParts, KeyGuard, newEntry, type EntryStream } from './entry';
import { ListReadError } from './errors';
import { openInput, type ListInput, type ReadOptions } from './input';
import { dateFromParts, parseIsoDate, yearRange } from './list-dates';
import type { EntryKind, ListDate, ListEntry } from './types';
import { attr, child, children, clean, xmlRecords, type XmlElement } from './xml-records';

const KINDS: Record<string, EntryKind> = { person: 'person', enterprise: 'organisation' };

const ID_SCHEMES: Record<string, string> = {
  passport: 'passport',
  id: 'national-id',
  tax: 'tax-id',
  swiftbic: 'swift-bic',
  regnumber: 'registration-number',
  imo: 'imo',
};

export async function* readEuFsfXml(input: ListInput, options: ReadOptions = {}): EntryStream {
  const opened = await openInput(input, options);
  const file = opened.name;
  let publishedAt: ListDate | null = null;
  let schema: string | null = null;
  const keys = new KeyGuard(file);
  const records = xmlRecords(opened, {
    onRoot: (root) => {
      checkRoot('eu-fsf-xml', file, root);
      schema = root.namespace;
      const generated = root.attrs.generationDate;
      if (generated) publishedAt = parseIsoDate(generated, 'export/@generationDate');
    },
    isRecord: (path) => path.length === 2 && path[1] === 'sanctionEntity',
  });
  for await (const element of records) {
    const entry = euEntry(element, file);
    keys.check(entry);
    yield entry;
  }
  return { source: 'eu-fsf', format: 'eu-fsf-xml', fileName: file, publishedAt, statedRecordCount: null, entryCount: keys.count, schema };
}

function country(node: XmlElement): string | null {
  const description = attr(node, 'countryDescription');
  return description && description !== 'UNKNOWN' ? description : null;
}

function wholeName(alias: XmlElement): string | null {
  const parts = [attr(alias, 'firstName'), attr(alias, 'middleName'), attr(alias, 'lastName')].filter((p): p is string => !!p);
  return attr(alias, 'wholeName') ?? (parts.length > 0 ? parts.join(' ') : null);
}

export function euEntry(element: XmlElement, file: string): ListEntry {
  const logicalId = attr(element, 'logicalId');
  const where = { file, line: element.line, element: 'element <sanctionEntity>' };
  if (!logicalId) throw new ListReadError('bad-record', 'a <sanctionEntity> has no logicalId', where);
  const aliases = children(element, 'nameAlias').filter((a) => wholeName(a));
  const strong = (a: XmlElement) => attr(a, 'strong') === 'true';
  // The EU marks no name as primary: take the first strong name without a language, as the
  // list's own web view does, then the first strong one, then the first.
  const primary = aliases.find((a) => strong(a) && !attr(a, 'nameLanguage')) ?? aliases.find(strong) ?? aliases[0];
  if (!primary) throw new ListReadError('bad-record', `entity ${logicalId} has no name`, where);
  const kind = KINDS[attr(child(element, 'subjectType'), 'code') ?? ''] ?? 'unknown';
  const entry = newEntry(logicalId, kind, wholeName(primary)!, element.line);
  addIdentifier(entry, { scheme: 'eu-logical-id', value: logicalId });
  const reference = attr(element, 'euReferenceNumber');
  if (reference) addIdentifier(entry, { scheme: 'eu-ref', value: reference });
  const un = attr(element, 'unitedNationId');
  if (un) addIdentifier(entry, { scheme: 'un-ref', value: un });
  const designated = attr(element, 'designationDate');
  if (designated) entry.listingDates.push(parseIsoDate(designated, 'sanctionEntity/@designationDate'));
  addText(entry.remarks, attr(element, 'designationDetails'));

  for (const alias of aliases) {
    const name = wholeName(alias)!;
    if (alias !== primary) addAlias(entry, { name, type: 'aka', quality: strong(alias) ? 'strong' : 'weak', lang: attr(alias, 'nameLanguage') });
    const fn = attr(alias, 'function');
    if (fn) addText(entry.remarks, `Function: ${fn}`);
    const title = attr(alias, 'title');
    if (title) addText(entry.remarks, `Title: ${title}`);
  }
  for (const regulation of children(element, 'regulation')) {
    addText(entry.programs, attr(regulation, 'programme'));
    const title = attr(regulation, 'numberTitle');
    addText(entry.authorities, title);
    const label = title ? `regulation "${title}"` : 'regulation';
    const published = attr(regulation, 'publicationDate');
    if (published) entry.relatedDates.push({ ...parseIsoDate(published, `${label} @publicationDate`), role: 'legal-act-published' });
    const inForce = attr(regulation, 'entryIntoForceDate');
    if (inForce) entry.relatedDates.push({ ...parseIsoDate(inForce, `${label} @entryIntoForceDate`), role: 'legal-act-in-force' });
  }
  for (const id of children(element, 'identification')) {
    const number = attr(id, 'number') ?? attr(id, 'latinNumber');
    if (!number) continue;
    const code = (attr(id, 'identificationTypeCode') ?? '').toLowerCase();
    const label = attr(id, 'identificationTypeDescription');
    const c = country(id);
    addIdentifier(entry, { scheme: ID_SCHEMES[code] ?? 'other', value: number, ...(label ? { label } : {}), ...(c ? { country: c } : {}) });
  }
  for (const address of children(element, 'address')) {
    addText(entry.addresses, joinParts(['street', 'poBox', 'city', 'zipCode', 'region', 'place'].map((f) => attr(address, f)).concat(country(address))));
  }
  for (const birth of children(element, 'birthdate')) {
    const date = euBirthDate(birth);
    if (date) entry.birthDates.push(date);
    addText(entry.birthPlaces, joinParts([attr(birth, 'city'), attr(birth, 'place'), attr(birth, 'region'), country(birth)]));
  }
  for (const citizenship of children(element, 'citizenship')) addText(entry.citizenships, country(citizenship));
  for (const remark of children(element, 'remark')) addText(entry.remarks, clean(remark.text));
  return entry;
}

function euBirthDate(node: XmlElement): ListDate | null {
  const provenance = 'birthdate';
  const circa = attr(node, 'circa') === 'true' ? { circa: true } : {};
  const full = attr(node, 'birthdate');
  if (full) return { ...parseIsoDate(full, provenance), ...circa };
  const year = attr(node, 'year');
  if (year) {
    const month = attr(node, 'monthOfYear');
    const day = attr(node, 'dayOfMonth');
    const raw = [year, month, day].filter(Boolean).join('-');
    return dateFromParts({ year, month, day }, raw, provenance, circa);
  }
  const from = attr(node, 'yearRangeFrom');
  const to = attr(node, 'yearRangeTo');
  if (from && to) {
    const end = yearRange(Number(from), Number(to));
    return dateFromParts({ year: from }, `${from} to ${to}`, provenance, { ...circa, ...(end ? { rangeEnd: end } : {}) });
  }
  return null;
}
