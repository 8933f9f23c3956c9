/**
 * The UN Security Council consolidated list XML: root <CONSOLIDATED_LIST dateGenerated="...">,
 * <INDIVIDUALS>/<INDIVIDUAL> and <ENTITIES>/<ENTITY>. Each record has DATAID (stable), its
 * permanent reference (REFERENCE_NUMBER, e.g. "QDi.001"), UN_LIST_TYPE (the regime), LISTED_ON
 * (the listing date, the list's own) and LAST_DAY_UPDATED values (its amendment dates).
 * Alias quality: "Good" and "a.k.a." are strong, "Low" weak, "f.k.a." a former name (as read by
 * OpenSanctions' un_sc_sanctions crawler).
 */
import { checkRoot } from './detect';
import { addAlias, addIdentifier, addText, joinParts, KeyGuard, newEntry, type EntryStream } from './entry';
import { ListReadError } from './errors';
import { openInput, type ListInput, type ReadOptions } from './input';
import { dateFromParts, parseIsoDate, yearRange } from './list-dates';
import type { AliasQuality, AliasType, ListDate, ListEntry } from './types';
import { childText, children, clean, listTexts, xmlRecords, type XmlElement } from './xml-records';

const QUALITY: Record<string, { type: AliasType; quality: AliasQuality }> = {
  good: { type: 'aka', quality: 'strong' },
  'a.k.a.': { type: 'aka', quality: 'strong' },
  low: { type: 'aka', quality: 'weak' },
  'f.k.a.': { type: 'fka', quality: null },
};

export async function* readUnScXml(input: ListInput, options: ReadOptions = {}): EntryStream {
  const opened = await openInput(input, options);
  const file = opened.name;
  let publishedAt: ListDate | null = null;
  const keys = new KeyGuard(file);
  const records = xmlRecords(opened, {
    onRoot: (root) => {
      checkRoot('un-sc-xml', file, root);
      const generated = root.attrs.dateGenerated;
      if (generated) publishedAt = parseIsoDate(generated, 'CONSOLIDATED_LIST/@dateGenerated');
    },
    isRecord: (path) =>
      path.length === 3 && ((path[1] === 'INDIVIDUALS' && path[2] === 'INDIVIDUAL') || (path[1] === 'ENTITIES' && path[2] === 'ENTITY')),
  });
  for await (const element of records) {
    const entry = unEntry(element, file);
    keys.check(entry);
    yield entry;
  }
  return { source: 'un-sc', format: 'un-sc-xml', fileName: file, publishedAt, statedRecordCount: null, entryCount: keys.count, schema: null };
}

function address(node: XmlElement): string | null {
  return joinParts(['STREET', 'CITY', 'STATE_PROVINCE', 'ZIP_CODE', 'COUNTRY', 'NOTE'].map((f) => childText(node, f)));
}

export function unEntry(element: XmlElement, file: string): ListEntry {
  const dataId = childText(element, 'DATAID');
  if (!dataId) throw new ListReadError('bad-record', `an <${element.name}> has no <DATAID>`, { file, line: element.line, element: `element <${element.name}>` });
  const individual = element.name === 'INDIVIDUAL';
  const name = [childText(element, 'FIRST_NAME'), childText(element, 'SECOND_NAME'), childText(element, 'THIRD_NAME'), childText(element, 'FOURTH_NAME')]
    .filter((p): p is string => !!p)
    .join(' ');
  if (!name) throw new ListReadError('bad-record', `record ${dataId} has no name`, { file, line: element.line, element: `element <${element.name}>` });
  const entry = newEntry(dataId, individual ? 'person' : 'organisation', name, element.line);
  addIdentifier(entry, { scheme: 'un-dataid', value: dataId });
  const reference = childText(element, 'REFERENCE_NUMBER');
  if (reference) addIdentifier(entry, { scheme: 'un-ref', value: reference });
  addText(entry.programs, childText(element, 'UN_LIST_TYPE'));
  const listedOn = childText(element, 'LISTED_ON');
  if (listedOn) entry.listingDates.push(parseIsoDate(listedOn, `${element.name}/LISTED_ON`));
  for (const updated of listTexts(element, 'LAST_DAY_UPDATED', 'VALUE')) {
    entry.relatedDates.push({ ...parseIsoDate(updated, `${element.name}/LAST_DAY_UPDATED/VALUE`), role: 'updated' });
  }
  const original = childText(element, 'NAME_ORIGINAL_SCRIPT');
  if (original) addAlias(entry, { name: original, type: 'original-script', quality: null, lang: null });
  addText(entry.remarks, childText(element, 'COMMENTS1'));
  for (const title of listTexts(element, 'TITLE', 'VALUE')) addText(entry.remarks, `Title: ${title}`);
  for (const designation of listTexts(element, 'DESIGNATION', 'VALUE')) addText(entry.remarks, `Designation: ${designation}`);
  for (const nationality of listTexts(element, 'NATIONALITY', 'VALUE')) addText(entry.nationalities, nationality);

  for (const alias of children(element, individual ? 'INDIVIDUAL_ALIAS' : 'ENTITY_ALIAS')) {
    const names = childText(alias, 'ALIAS_NAME');
    if (!names) continue;
    const grade = QUALITY[(childText(alias, 'QUALITY') ?? '').toLowerCase()] ?? { type: 'aka' as const, quality: null };
    // One ALIAS_NAME can hold several names separated by "; ".
    for (const one of names.split('; ')) addAlias(entry, { name: one, type: grade.type, quality: grade.quality, lang: null });
  }
  for (const node of children(element, individual ? 'INDIVIDUAL_ADDRESS' : 'ENTITY_ADDRESS')) addText(entry.addresses, address(node));
  for (const node of children(element, 'INDIVIDUAL_PLACE_OF_BIRTH')) addText(entry.birthPlaces, address(node));
  for (const node of children(element, 'INDIVIDUAL_DATE_OF_BIRTH')) {
    const birth = unBirthDate(node);
    if (birth) entry.birthDates.push(birth);
  }
  for (const doc of children(element, 'INDIVIDUAL_DOCUMENT')) {
    const number = childText(doc, 'NUMBER');
    const type = childText(doc, 'TYPE_OF_DOCUMENT');
    if (!number) continue;
    const country = childText(doc, 'ISSUING_COUNTRY') ?? childText(doc, 'COUNTRY_OF_ISSUE');
    const scheme = /passport/i.test(type ?? '') ? 'passport' : /national identification|national id/i.test(type ?? '') ? 'national-id' : 'other';
    addIdentifier(entry, { scheme, value: number, ...(type ? { label: type } : {}), ...(country ? { country } : {}) });
  }
  return entry;
}

/** TYPE_OF_DATE EXACT with DATE, APPROXIMATELY with YEAR or DATE, BETWEEN with FROM_YEAR and TO_YEAR. */
function unBirthDate(node: XmlElement): ListDate | null {
  const type = (childText(node, 'TYPE_OF_DATE') ?? '').toUpperCase();
  const provenance = 'INDIVIDUAL_DATE_OF_BIRTH';
  const circa = type === 'APPROXIMATELY' ? { circa: true } : {};
  const date = childText(node, 'DATE');
  if (date) return { ...parseIsoDate(date, provenance), ...circa };
  const year = childText(node, 'YEAR');
  if (year) return dateFromParts({ year }, year, provenance, circa);
  const from = childText(node, 'FROM_YEAR');
  const to = childText(node, 'TO_YEAR');
  if (from && to) {
    const end = yearRange(Number(from), Number(to));
    return dateFromParts({ year: from }, `${from} to ${to}`, provenance, end ? { rangeEnd: end } : {});
  }
  const note = clean(node.text);
  return note ? { date: null, precision: null, raw: note, provenance } : null;
}
