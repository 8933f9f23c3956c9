/**
 * OFAC's SDN list as sdn.xml (the classic `sdnList` schema, namespace
 * http://tempuri.org/sdnList.xsd, or the same schema under the Sanctions List Service's
 * namespace): <publshInformation> (sic) with Publish_Date (MM/DD/YYYY) and Record_Count, then one
 * <sdnEntry> per listed party. The format has no listing date per entry; the few OFAC publishes
 * come as "Listing Date (...)" rows of <idList>.
 */
import { checkRoot } from './detect';
import { addAlias, addIdentifier, addText, joinParts, KeyGuard, newEntry, type EntryStream } from './entry';
import { ListReadError } from './errors';
import { openInput, type ListInput, type ReadOptions } from './input';
import { parseMonthFirstDate, parseOfacDate } from './list-dates';
import { applyOfacId, classifyOfacId, ofacKind } from './ofac-common';
import type { AliasType, ListDate, ListEntry } from './types';
import { child, childText, children, listTexts, xmlRecords, type XmlElement } from './xml-records';

const ALIAS_TYPES: Record<string, AliasType> = { 'a.k.a.': 'aka', 'f.k.a.': 'fka', 'n.k.a.': 'nka' };

export async function* readOfacSdnXml(input: ListInput, options: ReadOptions = {}): EntryStream {
  const opened = await openInput(input, options);
  const file = opened.name;
  let schema: string | null = null;
  let publishedAt: ListDate | null = null;
  let statedRecordCount: number | null = null;
  const keys = new KeyGuard(file);

  const records = xmlRecords(opened, {
    onRoot: (root) => {
      checkRoot('ofac-sdn-xml', file, root);
      schema = root.namespace || null;
    },
    isRecord: (path) => path.length === 2 && (path[1] === 'sdnEntry' || path[1] === 'publshInformation'),
  });

  for await (const element of records) {
    if (element.name === 'publshInformation') {
      const date = childText(element, 'Publish_Date');
      if (date) publishedAt = parseMonthFirstDate(date, 'publshInformation/Publish_Date');
      const count = childText(element, 'Record_Count');
      if (count !== null) {
        if (!/^\d+$/.test(count)) {
          throw new ListReadError('bad-record', `Record_Count "${count}" is not a number`, { file, line: element.line, element: 'element <Record_Count>' });
        }
        statedRecordCount = Number(count);
      }
      continue;
    }
    const entry = sdnEntry(element, file);
    keys.check(entry);
    yield entry;
  }

  if (statedRecordCount !== null && statedRecordCount !== keys.count) {
    throw new ListReadError('count-mismatch', `the file states ${statedRecordCount} records (Record_Count) but holds ${keys.count}`, { file });
  }
  return { source: 'ofac-sdn', format: 'ofac-sdn-xml', fileName: file, publishedAt, statedRecordCount, entryCount: keys.count, schema };
}

/** sdn.xml splits an individual's name into firstName and lastName; an entity has only lastName. */
function personName(first: string | null, last: string | null): string {
  return [first, last].filter((p): p is string => !!p).join(' ');
}

export function sdnEntry(element: XmlElement, file: string): ListEntry {
  const uid = childText(element, 'uid');
  if (!uid) throw new ListReadError('bad-record', 'an <sdnEntry> has no <uid>', { file, line: element.line, element: 'element <sdnEntry>' });
  const kind = ofacKind(childText(element, 'sdnType'));
  const name = personName(childText(element, 'firstName'), childText(element, 'lastName'));
  if (!name) throw new ListReadError('bad-record', `entry ${uid} has no name`, { file, line: element.line, element: 'element <sdnEntry>' });
  const entry = newEntry(uid, kind, name, element.line);
  addIdentifier(entry, { scheme: 'ofac-uid', value: uid });

  const title = childText(element, 'title');
  if (title) addText(entry.remarks, `Title: ${title}`);
  const remarks = childText(element, 'remarks');
  if (remarks) addText(entry.remarks, remarks);
  for (const program of listTexts(element, 'programList', 'program')) addText(entry.programs, program);

  for (const list of children(element, 'idList')) {
    for (const id of children(list, 'id')) {
      const type = childText(id, 'idType');
      const number = childText(id, 'idNumber');
      if (!type || !number) continue;
      applyOfacId(entry, classifyOfacId(type, number, childText(id, 'idCountry')), 'idList/id');
    }
  }
  for (const list of children(element, 'akaList')) {
    for (const aka of children(list, 'aka')) {
      const akaName = personName(childText(aka, 'firstName'), childText(aka, 'lastName'));
      if (!akaName) continue;
      const category = childText(aka, 'category')?.toLowerCase();
      addAlias(entry, {
        name: akaName,
        type: ALIAS_TYPES[childText(aka, 'type')?.toLowerCase() ?? ''] ?? 'aka',
        quality: category === 'strong' ? 'strong' : category === 'weak' ? 'weak' : null,
        lang: null,
      });
    }
  }
  for (const list of children(element, 'addressList')) {
    for (const address of children(list, 'address')) {
      addText(
        entry.addresses,
        joinParts(['address1', 'address2', 'address3', 'city', 'stateOrProvince', 'postalCode', 'country'].map((f) => childText(address, f))),
      );
    }
  }
  for (const list of children(element, 'nationalityList')) {
    for (const n of children(list, 'nationality')) addText(entry.nationalities, childText(n, 'country'));
  }
  for (const list of children(element, 'citizenshipList')) {
    for (const c of children(list, 'citizenship')) addText(entry.citizenships, childText(c, 'country'));
  }
  for (const list of children(element, 'dateOfBirthList')) {
    for (const item of children(list, 'dateOfBirthItem')) {
      const dob = childText(item, 'dateOfBirth');
      if (dob) entry.birthDates.push(parseOfacDate(dob, 'dateOfBirthList/dateOfBirthItem'));
    }
  }
  for (const list of children(element, 'placeOfBirthList')) {
    for (const item of children(list, 'placeOfBirthItem')) addText(entry.birthPlaces, childText(item, 'placeOfBirth'));
  }
  const vessel = child(element, 'vesselInfo');
  if (vessel) {
    const callSign = childText(vessel, 'callSign');
    if (callSign) addIdentifier(entry, { scheme: 'call-sign', value: callSign });
    for (const [field, label] of [
      ['vesselType', 'Vessel type'],
      ['vesselFlag', 'Flag'],
      ['vesselOwner', 'Owner'],
      ['tonnage', 'Tonnage'],
      ['grossRegisteredTonnage', 'GRT'],
    ] as const) {
      const value = childText(vessel, field);
      if (value) addText(entry.remarks, `${label}: ${value}`);
    }
  }
  return entry;
}
