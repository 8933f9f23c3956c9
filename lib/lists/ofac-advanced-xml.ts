/**
 * OFAC's SDN_ADVANCED.XML, the UN-designed sanctions data model: root <Sanctions> with
 * <DateOfIssue> (Year, Month, Day), <ReferenceValueSets> (code tables: alias, party, feature,
 * document and sanctions types, countries, legal bases...), <Locations>, <IDRegDocuments>
 * (linked to a party's identity), <DistinctParties> (one per listed party; FixedRef is the SDN
 * uid), <ProfileRelationships> and <SanctionsEntries> (programs and legal basis per profile).
 *
 * A party's programs come after all the parties, so this reader keeps its entries (not the XML)
 * until the end of the file and yields them then: memory holds the normalised entries, a
 * fraction of the ~110 MB file. As in sdn.xml, listing dates exist only as "Listing Date (...)"
 * features of some parties.
 */
import { checkRoot } from './detect';
import { addAlias, addIdentifier, addText, joinParts, KeyGuard, newEntry, type EntryStream } from './entry';
import { ListReadError } from './errors';
import { openInput, type ListInput, type ReadOptions } from './input';
import { dateFromParts } from './list-dates';
import { applyOfacId, classifyOfacId, ofacKind } from './ofac-common';
import type { AliasType, ListDate, ListEntry } from './types';
import { attr, child, childText, children, clean, xmlRecords, type XmlElement } from './xml-records';

type RefTable = Map<string, XmlElement>;

const ALIAS_TYPES: Record<string, AliasType | 'name'> = { Name: 'name', 'A.K.A.': 'aka', 'F.K.A.': 'fka', 'N.K.A.': 'nka' };

/** Name parts in reading order, whatever order the file lists them in. */
const PART_ORDER = ['First Name', 'Middle Name', 'Patronymic', 'Matronymic', 'Maiden Name', 'Last Name', 'Entity Name', 'Vessel Name', 'Aircraft Name', 'Nickname'];

/** Vessel features, written as sdn.xml's vesselInfo reads in lib/lists/ofac-sdn-xml.ts. */
const VESSEL_FEATURES: Record<string, string> = {
  'Vessel Call Sign': 'call-sign',
  'VESSEL TYPE': 'Vessel type',
  'Vessel Type': 'Vessel type',
  'Vessel Flag': 'Flag',
  'Vessel Owner': 'Owner',
  'Vessel Tonnage': 'Tonnage',
  'Vessel Gross Registered Tonnage': 'GRT',
};

interface Pending {
  entry: ListEntry;
  identityIds: string[];
  locations: { field: 'addresses' | 'birthPlaces' | 'nationalities' | 'citizenships'; id: string }[];
}

export async function* readOfacAdvancedXml(input: ListInput, options: ReadOptions = {}): EntryStream {
  const opened = await openInput(input, options);
  const file = opened.name;
  let schema: string | null = null;
  let publishedAt: ListDate | null = null;
  const refs = new Map<string, RefTable>();
  const locations = new Map<string, XmlElement>();
  const documents = new Map<string, XmlElement[]>();
  const parties: Pending[] = [];
  const sanctions = new Map<string, XmlElement[]>();
  const keys = new KeyGuard(file);

  const records = xmlRecords(opened, {
    onRoot: (root) => {
      checkRoot('ofac-advanced-xml', file, root);
      schema = root.namespace;
    },
    isRecord: (path) =>
      (path.length === 2 && (path[1] === 'DateOfIssue' || path[1] === 'ReferenceValueSets')) ||
      (path.length === 3 &&
        ((path[1] === 'Locations' && path[2] === 'Location') ||
          (path[1] === 'IDRegDocuments' && path[2] === 'IDRegDocument') ||
          (path[1] === 'DistinctParties' && path[2] === 'DistinctParty') ||
          (path[1] === 'SanctionsEntries' && path[2] === 'SanctionsEntry'))),
    // The code tables are one element of a few hundred KB.
    maxRecordChars: 32 * 1024 * 1024,
  });

  for await (const element of records) {
    switch (element.name) {
      case 'DateOfIssue':
      {
        const [year, month, day] = ['Year', 'Month', 'Day'].map((f) => childText(element, f));
        const raw = [year, month?.padStart(2, '0'), day?.padStart(2, '0')].filter(Boolean).join('-');
        publishedAt = dateFromParts({ year, month, day }, raw, 'DateOfIssue');
      }
        break;
      case 'ReferenceValueSets':
        for (const set of element.children) {
          const table: RefTable = new Map();
          for (const value of set.children) {
            const id = attr(value, 'ID');
            if (id) table.set(id, value);
          }
          refs.set(set.name.replace(/Values$/, ''), table);
        }
        break;
      case 'Location': {
        const id = attr(element, 'ID');
        if (id) locations.set(id, element);
        break;
      }
      case 'IDRegDocument': {
        const identity = attr(element, 'IdentityID');
        if (identity) documents.set(identity, [...(documents.get(identity) ?? []), element]);
        break;
      }
      case 'DistinctParty':
        parties.push(party(element, refs, file));
        break;
      case 'SanctionsEntry': {
        const profile = attr(element, 'ProfileID');
        if (profile) sanctions.set(profile, [...(sanctions.get(profile) ?? []), element]);
        break;
      }
    }
  }

  for (const pending of parties) {
    const { entry } = pending;
    for (const identityId of pending.identityIds) {
      for (const doc of documents.get(identityId) ?? []) {
        const type = refText(refs, 'IDRegDocType', attr(doc, 'IDRegDocTypeID'));
        const number = childText(doc, 'IDRegistrationNo');
        if (!type || !number) continue;
        const country = refText(refs, 'Country', attr(doc, 'IssuedBy-CountryID'));
        applyOfacId(entry, classifyOfacId(type, number, country), 'IDRegDocument');
      }
    }
    for (const { field, id } of pending.locations) {
      const location = locations.get(id);
      if (location) addText(entry[field], field === 'nationalities' || field === 'citizenships' ? locationCountry(location, refs) : locationText(location, refs));
    }
    for (const sanction of sanctions.get(entry.key) ?? []) {
      for (const measure of children(sanction, 'SanctionsMeasure')) {
        if (refText(refs, 'SanctionsType', attr(measure, 'SanctionsTypeID')) === 'Program') addText(entry.programs, childText(measure, 'Comment'));
      }
      for (const event of children(sanction, 'EntryEvent')) addText(entry.authorities, refText(refs, 'LegalBasis', attr(event, 'LegalBasisID')));
    }
    keys.check(entry);
    yield entry;
  }
  return { source: 'ofac-sdn', format: 'ofac-advanced-xml', fileName: file, publishedAt, statedRecordCount: null, entryCount: keys.count, schema };
}

function refText(refs: Map<string, RefTable>, table: string, id: string | null): string | null {
  if (!id) return null;
  return clean(refs.get(table)?.get(id)?.text);
}

function locationCountry(location: XmlElement, refs: Map<string, RefTable>): string | null {
  return refText(refs, 'Country', attr(child(location, 'LocationCountry'), 'CountryID'));
}

function locationText(location: XmlElement, refs: Map<string, RefTable>): string | null {
  const parts = children(location, 'LocationPart').map((part) => {
    const value = child(part, 'LocationPartValue');
    return value ? childText(value, 'Value') : null;
  });
  return joinParts([...parts, locationCountry(location, refs)]);
}

function partyKind(refs: Map<string, RefTable>, subTypeId: string | null): ListEntry['kind'] {
  const subType = subTypeId ? refs.get('PartySubType')?.get(subTypeId) : undefined;
  if (!subType) return 'unknown';
  let text = clean(subType.text);
  if (text === 'Unknown') text = refText(refs, 'PartyType', attr(subType, 'PartyTypeID'));
  return ofacKind(text);
}

/** A <DatePeriod> as one date: equal ends a day, a whole month or year at that precision, else the start with the range end. */
export function datePeriod(period: XmlElement, provenance: string): ListDate | null {
  const point = (side: 'Start' | 'End', edge: 'From' | 'To') => {
    const el = child(child(period, side) ?? period, edge);
    if (!el) return null;
    const [y, m, d] = ['Year', 'Month', 'Day'].map((f) => childText(el, f));
    return y ? { y: Number(y), m: m ? Number(m) : undefined, d: d ? Number(d) : undefined } : null;
  };
  const from = point('Start', 'From');
  if (!from) return null;
  const to = point('End', 'To') ?? point('Start', 'To') ?? from;
  const iso = (p: { y: number; m?: number; d?: number }) => [String(p.y), p.m ? String(p.m).padStart(2, '0') : null, p.d ? String(p.d).padStart(2, '0') : null].filter(Boolean).join('-');
  const raw = iso(from) === iso(to) ? iso(from) : `${iso(from)} to ${iso(to)}`;
  const circa = attr(child(period, 'Start'), 'Approximate') === 'true' ? { circa: true } : {};
  const lastDay = (y: number, m: number) => new Date(Date.UTC(y, m, 0)).getUTCDate();
  // OFAC writes "1965" as 1 January to 31 December 1965, and "Mar 1980" as the whole month.
  if (from.y === to.y && from.m === 1 && from.d === 1 && to.m === 12 && to.d === 31) return dateFromParts({ year: String(from.y) }, raw, provenance, circa);
  if (from.y === to.y && from.m && from.m === to.m && from.d === 1 && to.d === lastDay(to.y, to.m!)) {
    return dateFromParts({ year: String(from.y), month: String(from.m) }, raw, provenance, circa);
  }
  const start = dateFromParts({ year: String(from.y), month: from.m ? String(from.m) : null, day: from.d ? String(from.d) : null }, raw, provenance, circa);
  if (raw === iso(from)) return start;
  const end = dateFromParts({ year: String(to.y), month: to.m ? String(to.m) : null, day: to.d ? String(to.d) : null }, raw, provenance);
  return end.date && end.precision ? { ...start, rangeEnd: { date: end.date, precision: end.precision } } : start;
}

function party(element: XmlElement, refs: Map<string, RefTable>, file: string): Pending {
  const where = { file, line: element.line, element: 'element <DistinctParty>' };
  const key = attr(element, 'FixedRef');
  const profile = child(element, 'Profile');
  if (!key || !profile) throw new ListReadError('bad-record', 'a <DistinctParty> has no FixedRef or no <Profile>', where);
  const identities = children(profile, 'Identity');
  const partTypes = new Map<string, string>();
  for (const identity of identities) {
    for (const group of children(identity, 'NamePartGroups').flatMap((g) => children(g, 'MasterNamePartGroup')).flatMap((m) => children(m, 'NamePartGroup'))) {
      const id = attr(group, 'ID');
      const type = refText(refs, 'NamePartType', attr(group, 'NamePartTypeID'));
      if (id && type) partTypes.set(id, type);
    }
  }
  const names: { name: string; type: AliasType | 'name'; primary: boolean; weak: boolean; lang: string | null }[] = [];
  for (const identity of identities) {
    for (const alias of children(identity, 'Alias')) {
      const type = ALIAS_TYPES[refText(refs, 'AliasType', attr(alias, 'AliasTypeID')) ?? ''] ?? 'aka';
      for (const documented of children(alias, 'DocumentedName')) {
        const parts = children(documented, 'DocumentedNamePart')
          .flatMap((p) => children(p, 'NamePartValue'))
          .map((v) => ({ text: clean(v.text), type: partTypes.get(attr(v, 'NamePartGroupID') ?? '') ?? '', script: attr(v, 'ScriptID') }))
          .filter((p): p is { text: string; type: string; script: string | null } => p.text !== null);
        const rank = (t: string) => (PART_ORDER.indexOf(t) < 0 ? PART_ORDER.length : PART_ORDER.indexOf(t));
        const ordered = [...parts].sort((a, b) => rank(a.type) - rank(b.type));
        const name = ordered.map((p) => p.text).join(' ');
        if (!name) continue;
        const script = parts.find((p) => p.script && p.script !== '215')?.script;
        names.push({
          name,
          type,
          primary: attr(alias, 'Primary') === 'true' && type === 'name' && !script,
          weak: attr(alias, 'LowQuality') === 'true',
          lang: script ? refText(refs, 'Script', script) : null,
        });
      }
    }
  }
  const primary = names.find((n) => n.primary) ?? names[0];
  if (!primary) throw new ListReadError('bad-record', `party ${key} has no name`, where);
  const entry = newEntry(key, partyKind(refs, attr(profile, 'PartySubTypeID')), primary.name, element.line);
  addIdentifier(entry, { scheme: 'ofac-uid', value: key });
  for (const n of names) {
    if (n === primary) continue;
    addAlias(entry, {
      name: n.name,
      type: n.lang ? 'original-script' : n.type === 'name' ? 'name-variation' : n.type,
      quality: n.type === 'name' || n.lang ? null : n.weak ? 'weak' : 'strong',
      lang: n.lang,
    });
  }
  addText(entry.remarks, childText(element, 'Comment'));

  const pending: Pending = { entry, identityIds: identities.map((i) => attr(i, 'ID')).filter((id): id is string => !!id), locations: [] };
  for (const feature of children(profile, 'Feature')) {
    const label = refText(refs, 'FeatureType', attr(feature, 'FeatureTypeID'));
    if (!label) continue;
    for (const version of children(feature, 'FeatureVersion')) {
      const location = attr(child(version, 'VersionLocation'), 'LocationID');
      const period = child(version, 'DatePeriod');
      const detail = child(version, 'VersionDetail');
      const detailText = detail ? (refText(refs, 'DetailReference', attr(detail, 'DetailReferenceID')) ?? clean(detail.text)) : null;
      const provenance = `Feature "${label}"`;
      if (location) {
        const field = label === 'Place of Birth' ? 'birthPlaces' : /^Nationality/.test(label) ? 'nationalities' : /^Citizenship/.test(label) ? 'citizenships' : 'addresses';
        pending.locations.push({ field, id: location });
      } else if (period) {
        const date = datePeriod(period, provenance);
        if (!date) continue;
        if (label === 'Birthdate') entry.birthDates.push(date);
        else if (/^Listing Date\b/.test(label)) entry.listingDates.push(date);
        else if (/^Effective Date\b/.test(label)) entry.relatedDates.push({ ...date, role: 'effective' });
        else addText(entry.remarks, `${label} ${date.raw}`);
      } else if (detailText && VESSEL_FEATURES[label]) {
        const as = VESSEL_FEATURES[label]!;
        if (as === 'call-sign') addIdentifier(entry, { scheme: 'call-sign', value: detailText });
        else addText(entry.remarks, `${as}: ${detailText}`);
      } else if (detailText) {
        const fact = classifyOfacId(label, detailText);
        if (/^Digital Currency Address/.test(label)) addIdentifier(entry, { scheme: 'crypto-address', value: detailText, label });
        else if (fact.kind === 'identifier' && fact.scheme === 'other') addText(entry.remarks, `${label}: ${detailText}`);
        else applyOfacId(entry, fact, 'Feature');
      }
    }
  }
  return pending;
}
