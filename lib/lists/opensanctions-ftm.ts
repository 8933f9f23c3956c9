/**
 * OpenSanctions' FollowTheMoney export (entities.ftm.json): one JSON entity per line,
 * {id, schema, properties: {prop: [values]}, caption, referents, datasets, first_seen, last_seen,
 * last_change, target}. A designation is a separate `Sanction` entity whose `entity` property
 * names the listed party (a Person, Organization, Company, LegalEntity, Vessel or Airplane) and
 * which carries program, authority, authorityId, unscId, listingDate and startDate.
 *
 * Lines are sorted by id, not by party, so a party's Sanctions may come before or after it. From
 * a file path we read twice: the Sanctions first (small summaries), then the parties, yielded as
 * they are read. A stream cannot be read twice, so from a stream the parties are held until the
 * end; give a path for large files. The file states no publication date (OpenSanctions puts it in
 * the dataset's index.json), so the header's publishedAt is null.
 */
import { basename } from 'node:path';
import { detectFromText } from './detect';
import { addAlias, addIdentifier, addText, KeyGuard, newEntry, type EntryStream } from './entry';
import { ListReadError } from './errors';
import { openInput, type ListInput, type OpenedInput, type ReadOptions } from './input';
import { parseIsoDate } from './list-dates';
import type { EntryKind, ListEntry } from './types';

const PARTY_KINDS: Record<string, EntryKind> = {
  Person: 'person',
  Organization: 'organisation',
  Company: 'organisation',
  PublicBody: 'organisation',
  // FtM's LegalEntity is "a person or an organisation": the export does not say which.
  LegalEntity: 'unknown',
  Vessel: 'vessel',
  Airplane: 'aircraft',
};

const ID_PROPERTIES: Record<string, string> = {
  passportNumber: 'passport',
  idNumber: 'national-id',
  taxNumber: 'tax-id',
  registrationNumber: 'registration-number',
  imoNumber: 'imo',
  swiftBic: 'swift-bic',
  innCode: 'inn',
  ogrnCode: 'ogrn',
  leiCode: 'lei',
};

/** Referent prefixes that are another list's own key (OpenSanctions' dataset prefix + the source id). */
const REFERENT_SCHEMES: [RegExp, string][] = [
  [/^ofac-(\d+)$/, 'ofac-uid'],
  [/^unsc-(\d+)$/, 'un-dataid'],
];

export interface FtmEntity {
  id: string;
  schema: string;
  properties: Record<string, string[]>;
  caption?: string;
  referents?: string[];
  target?: boolean;
}

interface SanctionSummary {
  programs: string[];
  authorities: string[];
  listingDates: string[];
  startDates: string[];
  unscIds: string[];
  authorityIds: string[];
  reasons: string[];
}

async function* ftmLines(opened: OpenedInput): AsyncGenerator<{ entity: FtmEntity; line: number; chars: number }> {
  const file = opened.name;
  let line = 0;
  let rest = '';
  let first = true;
  const parseLine = (text: string) => {
    line += 1;
    const trimmed = text.replace(/\r$/, '');
    if (trimmed.trim() === '') return null;
    let value: unknown;
    try {
      value = JSON.parse(trimmed);
    } catch {
      throw new ListReadError('bad-line', 'the line is not JSON', { file, line });
    }
    if (!isEntity(value)) throw new ListReadError('bad-line', 'the line is not a FollowTheMoney entity (it needs a string id and schema and a properties object)', { file, line });
    return value;
  };
  for await (const chunk of opened.chunks()) {
    if (first) {
      first = false;
      const seen = detectFromText(chunk.replace(/^\uFEFF/, ''));
      if (seen.format !== 'opensanctions-ftm') {
        throw new ListReadError('wrong-format', `this is not an OpenSanctions FollowTheMoney NDJSON file: it looks like ${seen.description}`, { file, line: 1 });
      }
      rest = chunk.replace(/^\uFEFF/, '');
    } else rest += chunk;
    let newline = rest.indexOf('\n');
    while (newline >= 0) {
      const text = rest.slice(0, newline);
      rest = rest.slice(newline + 1);
      const entity = parseLine(text);
      if (entity) yield { entity, line, chars: text.length };
      newline = rest.indexOf('\n');
    }
  }
  if (first) throw new ListReadError('empty', 'the file is empty', { file });
  if (rest !== '') {
    const entity = parseLine(rest);
    if (entity) yield { entity, line, chars: rest.length };
  }
}

function isEntity(value: unknown): value is FtmEntity {
  if (!value || typeof value !== 'object') return false;
  const v = value as Record<string, unknown>;
  return typeof v.id === 'string' && v.id !== '' && typeof v.schema === 'string' && !!v.properties && typeof v.properties === 'object';
}

function values(entity: FtmEntity, prop: string): string[] {
  const list = entity.properties[prop];
  return Array.isArray(list) ? list.filter((v): v is string => typeof v === 'string' && v.trim() !== '') : [];
}

function summarise(sanction: FtmEntity, into: Map<string, SanctionSummary>): void {
  for (const party of values(sanction, 'entity')) {
    const s = into.get(party) ?? { programs: [], authorities: [], listingDates: [], startDates: [], unscIds: [], authorityIds: [], reasons: [] };
    const program = values(sanction, 'program');
    for (const p of program.length > 0 ? program : values(sanction, 'programId')) addText(s.programs, p);
    for (const a of values(sanction, 'authority')) addText(s.authorities, a);
    for (const d of values(sanction, 'listingDate')) addText(s.listingDates, d);
    for (const d of values(sanction, 'startDate')) addText(s.startDates, d);
    for (const u of values(sanction, 'unscId')) addText(s.unscIds, u);
    for (const a of values(sanction, 'authorityId')) addText(s.authorityIds, a);
    for (const r of values(sanction, 'reason')) addText(s.reasons, r);
    into.set(party, s);
  }
}

/** The entry of a party entity, before its Sanctions are applied; null for other schemas. */
export function ftmEntry(entity: FtmEntity, line: number): ListEntry | null {
  const kind = PARTY_KINDS[entity.schema];
  if (kind === undefined) return null;
  const names = values(entity, 'name');
  const name = entity.caption?.trim() || names[0];
  if (!name) return null;
  const entry = newEntry(entity.id, kind, name, line);
  addIdentifier(entry, { scheme: 'opensanctions-id', value: entity.id });
  for (const referent of entity.referents ?? []) {
    if (referent === entity.id) continue;
    addIdentifier(entry, { scheme: 'opensanctions-referent', value: referent });
    for (const [pattern, scheme] of REFERENT_SCHEMES) {
      const m = pattern.exec(referent);
      if (m) addIdentifier(entry, { scheme, value: m[1]! });
    }
  }
  for (const n of names) addAlias(entry, { name: n, type: 'name-variation', quality: null, lang: null });
  for (const n of values(entity, 'alias')) addAlias(entry, { name: n, type: 'aka', quality: null, lang: null });
  for (const n of values(entity, 'weakAlias')) addAlias(entry, { name: n, type: 'aka', quality: 'weak', lang: null });
  for (const n of values(entity, 'previousName')) addAlias(entry, { name: n, type: 'fka', quality: null, lang: null });
  for (const [prop, scheme] of Object.entries(ID_PROPERTIES)) {
    for (const v of values(entity, prop)) addIdentifier(entry, { scheme, value: v });
  }
  for (const n of values(entity, 'notes')) addText(entry.remarks, n);
  for (const n of values(entity, 'nationality')) addText(entry.nationalities, n);
  for (const c of values(entity, 'citizenship')) addText(entry.citizenships, c);
  for (const d of values(entity, 'birthDate')) entry.birthDates.push(parseIsoDate(d, `${entity.schema}.birthDate`));
  for (const p of values(entity, 'birthPlace')) addText(entry.birthPlaces, p);
  for (const a of values(entity, 'address')) addText(entry.addresses, a);
  return entry;
}

function applySanction(entry: ListEntry, sanction: SanctionSummary): void {
  for (const p of sanction.programs) addText(entry.programs, p);
  for (const a of sanction.authorities) addText(entry.authorities, a);
  for (const d of sanction.listingDates) entry.listingDates.push(parseIsoDate(d, 'Sanction.listingDate'));
  for (const d of sanction.startDates) entry.relatedDates.push({ ...parseIsoDate(d, 'Sanction.startDate'), role: 'effective' });
  for (const u of sanction.unscIds) addIdentifier(entry, { scheme: 'un-ref', value: u });
  for (const a of sanction.authorityIds) addIdentifier(entry, { scheme: 'authority-id', value: a });
  for (const r of sanction.reasons) addText(entry.remarks, `Reason: ${r}`);
}

/** A party is an entry of the list when a Sanction names it, or OpenSanctions marks it a target. */
function listed(entry: ListEntry | null, target: boolean | undefined, sanction: SanctionSummary | undefined): ListEntry | null {
  if (!entry || (!sanction && target !== true)) return null;
  if (sanction) applySanction(entry, sanction);
  return entry;
}

export async function* readOpenSanctionsFtm(input: ListInput, options: ReadOptions = {}): EntryStream {
  const opened = await openInput(input, options);
  const file = opened.name;
  const sanctions = new Map<string, SanctionSummary>();
  const keys = new KeyGuard(file);
  const header = () => ({
    source: 'opensanctions' as const,
    format: 'opensanctions-ftm' as const,
    fileName: file,
    publishedAt: null,
    statedRecordCount: null,
    entryCount: keys.count,
    schema: null,
  });

  if (typeof input !== 'string') {
    // Held as entries, not as the (much larger) source entities.
    const held: { entry: ListEntry; target: boolean | undefined }[] = [];
    for await (const { entity, line } of ftmLines(opened)) {
      if (entity.schema === 'Sanction') summarise(entity, sanctions);
      else {
        const entry = ftmEntry(entity, line);
        if (entry) held.push({ entry, target: entity.target });
      }
    }
    for (const { entry: base, target } of held) {
      const entry = listed(base, target, sanctions.get(base.key));
      if (!entry) continue;
      keys.check(entry);
      yield entry;
    }
    return header();
  }

  let lines = 0;
  let chars = 0;
  for await (const { entity, chars: c } of ftmLines(opened)) {
    lines += 1;
    chars += c;
    if (entity.schema === 'Sanction') summarise(entity, sanctions);
  }
  let again = 0;
  let againChars = 0;
  for await (const { entity, line, chars: c } of ftmLines(await openInput(input, options))) {
    again += 1;
    againChars += c;
    const entry = listed(ftmEntry(entity, line), entity.target, sanctions.get(entity.id));
    if (!entry) continue;
    keys.check(entry);
    yield entry;
  }
  if (again !== lines || againChars !== chars) {
    throw new ListReadError('malformed', `the file changed while it was being read (${basename(file)} must not be written during an import)`, { file });
  }
  return header();
}
