/**
 * The UK Sanctions List as the FCDO publishes it in XML (UK-Sanctions-List.xml; since 28 January
 * 2026 the single official UK list, replacing OFSI's Consolidated List): root <Designations>,
 * <DateGenerated> (DD/MM/YYYY), then one <Designation> per listed party: UniqueID (e.g. "RUS0251",
 * the key), OFSIGroupID, UNReferenceNumber, LastUpdated, DateDesignated (the list's own
 * designation date), Names/Name (Name1..Name6, NameType "Primary Name", "Primary name variation"
 * or "Alias", AliasStrength "Good quality a.k.a" or "Low quality a.k.a"), NonLatinNames,
 * RegimeName, IndividualEntityShip (Individual, Entity, Ship), DesignationSource (UK or UN),
 * SanctionsImposed, OtherInformation, UKStatementofReasons, Addresses, IndividualDetails
 * (DOBs, Nationalities, BirthDetails, Positions), ShipDetails (IMONumbers, flags).
 * Dates of birth are DD/MM/YYYY with "dd" and "mm" for unknown parts.
 *
 * The XML rather than the CSV: the CSV repeats a designation on one row per name and starts with
 * a metadata row, while the XML has one element per designation, which is what an entry is.
 */
import { checkRoot } from './detect';
import { addAlias, addIdentifier, addText, joinParts, KeyGuard, newEntry, type EntryStream } from './entry';
import { ListReadError } from './errors';
import { openInput, type ListInput, type ReadOptions } from './input';
import { parseDayFirstDate } from './list-dates';
import type { EntryKind, ListDate, ListEntry } from './types';
import { childText, children, clean, xmlRecords, type XmlElement } from './xml-records';

const KINDS: Record<string, EntryKind> = { individual: 'person', entity: 'organisation', ship: 'vessel' };

export async function* readUkSanctionsListXml(input: ListInput, options: ReadOptions = {}): EntryStream {
  const opened = await openInput(input, options);
  const file = opened.name;
  let publishedAt: ListDate | null = null;
  const keys = new KeyGuard(file);
  const records = xmlRecords(opened, {
    onRoot: (root) => checkRoot('uk-sanctions-list-xml', file, root),
    isRecord: (path) => path.length === 2 && (path[1] === 'Designation' || path[1] === 'DateGenerated'),
  });
  for await (const element of records) {
    if (element.name === 'DateGenerated') {
      const text = clean(element.text);
      if (text) publishedAt = parseDayFirstDate(text, 'Designations/DateGenerated');
      continue;
    }
    const entry = ukEntry(element, file);
    keys.check(entry);
    yield entry;
  }
  return {
    source: 'uk-fcdo',
    format: 'uk-sanctions-list-xml',
    fileName: file,
    publishedAt,
    statedRecordCount: null,
    entryCount: keys.count,
    schema: null,
  };
}

/** Name1 is a given name and Name6 the family (or entity) name; they read in that order. */
function fullName(name: XmlElement): string | null {
  const parts = ['Name1', 'Name2', 'Name3', 'Name4', 'Name5', 'Name6'].map((f) => childText(name, f)).filter((p): p is string => !!p);
  return parts.length > 0 ? parts.join(' ') : null;
}

/** Every `leaf` text under `path` (e.g. ['IndividualDetails', 'Individual', 'DOBs'], 'DOB'). */
function deep(element: XmlElement, path: string[], leaf: string): string[] {
  let level = [element];
  for (const step of path) level = level.flatMap((e) => children(e, step));
  return level.flatMap((e) => children(e, leaf)).map((e) => clean(e.text)).filter((t): t is string => t !== null);
}

export function ukEntry(element: XmlElement, file: string): ListEntry {
  const id = childText(element, 'UniqueID');
  const where = { file, line: element.line, element: 'element <Designation>' };
  if (!id) throw new ListReadError('bad-record', 'a <Designation> has no <UniqueID>', where);
  const names = children(element, 'Names').flatMap((n) => children(n, 'Name'));
  const type = (n: XmlElement) => (childText(n, 'NameType') ?? '').toLowerCase();
  const primary = names.find((n) => type(n) === 'primary name' && fullName(n)) ?? names.find((n) => fullName(n));
  if (!primary) throw new ListReadError('bad-record', `designation ${id} has no name`, where);
  const kind = KINDS[(childText(element, 'IndividualEntityShip') ?? '').toLowerCase()] ?? 'unknown';
  const entry = newEntry(id, kind, fullName(primary)!, element.line);
  addIdentifier(entry, { scheme: 'uk-id', value: id });
  const group = childText(element, 'OFSIGroupID');
  if (group) addIdentifier(entry, { scheme: 'uk-ofsi-group-id', value: group });
  const un = childText(element, 'UNReferenceNumber');
  if (un) addIdentifier(entry, { scheme: 'un-ref', value: un });

  for (const name of names) {
    if (name === primary) continue;
    const text = fullName(name);
    if (!text) continue;
    const strength = (childText(name, 'AliasStrength') ?? '').toLowerCase();
    const quality = strength.startsWith('good') ? 'strong' : strength.startsWith('low') ? 'weak' : null;
    addAlias(entry, { name: text, type: type(name) === 'alias' ? 'aka' : 'name-variation', quality, lang: null });
  }
  for (const block of children(element, 'NonLatinNames')) {
    const items = children(block, 'NonLatinName');
    for (const item of items.length > 0 ? items : [block]) {
      const text = childText(item, 'NameNonLatinScript');
      if (text) addAlias(entry, { name: text, type: 'original-script', quality: null, lang: childText(item, 'NonLatinScriptLanguage') });
    }
  }
  // The regime is named by its regulations ("The Russia (Sanctions) (EU Exit) Regulations 2019"):
  // it is both the programme and the legal authority.
  const regime = childText(element, 'RegimeName');
  addText(entry.programs, regime);
  addText(entry.authorities, regime);
  const designated = childText(element, 'DateDesignated');
  if (designated) entry.listingDates.push(parseDayFirstDate(designated, 'Designation/DateDesignated'));
  const updated = childText(element, 'LastUpdated');
  if (updated) entry.relatedDates.push({ ...parseDayFirstDate(updated, 'Designation/LastUpdated'), role: 'updated' });
  const source = childText(element, 'DesignationSource');
  if (source) addText(entry.remarks, `Designation source: ${source}`);
  const imposed = childText(element, 'SanctionsImposed');
  if (imposed) addText(entry.remarks, `Sanctions imposed: ${imposed.split('|').join(', ')}`);
  addText(entry.remarks, childText(element, 'OtherInformation'));
  const reasons = childText(element, 'UKStatementofReasons');
  if (reasons) addText(entry.remarks, `Statement of reasons: ${reasons}`);
  for (const title of deep(element, ['Titles'], 'Title')) addText(entry.remarks, `Title: ${title}`);

  for (const address of children(element, 'Addresses').flatMap((a) => children(a, 'Address'))) {
    const lines = ['AddressLine1', 'AddressLine2', 'AddressLine3', 'AddressLine4', 'AddressLine5', 'AddressLine6', 'AddressPostalCode', 'AddressCountry'];
    addText(entry.addresses, joinParts(lines.map((f) => childText(address, f))));
  }
  const individual = ['IndividualDetails', 'Individual'];
  for (const dob of deep(element, [...individual, 'DOBs'], 'DOB')) entry.birthDates.push(parseDayFirstDate(dob, 'IndividualDetails/Individual/DOBs/DOB'));
  for (const nationality of deep(element, [...individual, 'Nationalities'], 'Nationality')) addText(entry.nationalities, nationality);
  for (const position of deep(element, [...individual, 'Positions'], 'Position')) addText(entry.remarks, `Position: ${position}`);
  for (const location of children(element, 'IndividualDetails')
    .flatMap((d) => children(d, 'Individual'))
    .flatMap((i) => children(i, 'BirthDetails'))
    .flatMap((b) => children(b, 'Location'))) {
    addText(entry.birthPlaces, joinParts([childText(location, 'TownOfBirth'), childText(location, 'CountryOfBirth')]));
  }
  const ship = ['ShipDetails', 'Ship'];
  for (const imo of deep(element, [...ship, 'IMONumbers'], 'IMONumber')) addIdentifier(entry, { scheme: 'imo', value: imo });
  for (const flag of deep(element, [...ship, 'CurrentBelievedFlagOfShips'], 'CurrentBelievedFlagOfShip')) addText(entry.remarks, `Flag: ${flag}`);
  for (const shipType of deep(element, [...ship, 'TypeOfShipDetails'], 'TypeOfShip')) addText(entry.remarks, `Vessel type: ${shipType}`);
  return entry;
}
