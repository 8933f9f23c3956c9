/**
 * One listed party as one version of an official sanctions list states it, normalised across the
 * formats. Readers never fill a field the file does not give: a list without listing dates yields
 * `listingDates: []`, never the date we happened to read it (see docs/decisions/0027-list-dates.md).
 */
import type { DatePrecision } from '@/lib/dates';

/** The lists we import. One list can come in several file formats (OFAC: XML, CSV set). */
export const LIST_SOURCES = ['ofac-sdn', 'un-sc', 'eu-fsf', 'uk-fcdo', 'opensanctions'] as const;
export type ListSource = (typeof LIST_SOURCES)[number];

/** The file formats the readers understand. */
export const LIST_FORMATS = [
  'ofac-sdn-xml',
  'ofac-advanced-xml',
  'ofac-csv',
  'un-sc-xml',
  'eu-fsf-xml',
  'uk-sanctions-list-xml',
  'opensanctions-ftm',
] as const;
export type ListFormat = (typeof LIST_FORMATS)[number];

export const FORMAT_SOURCE: Record<ListFormat, ListSource> = {
  'ofac-sdn-xml': 'ofac-sdn',
  'ofac-advanced-xml': 'ofac-sdn',
  'ofac-csv': 'ofac-sdn',
  'un-sc-xml': 'un-sc',
  'eu-fsf-xml': 'eu-fsf',
  'uk-sanctions-list-xml': 'uk-fcdo',
  'opensanctions-ftm': 'opensanctions',
};

export const FORMAT_LABELS: Record<ListFormat, string> = {
  'ofac-sdn-xml': 'OFAC SDN list XML (sdn.xml)',
  'ofac-advanced-xml': 'OFAC SDN advanced XML (SDN_ADVANCED.XML)',
  'ofac-csv': 'OFAC SDN legacy CSV set (sdn.csv, add.csv, alt.csv)',
  'un-sc-xml': 'UN Security Council consolidated list XML',
  'eu-fsf-xml': 'EU Financial Sanctions Files full list XML (xmlFullSanctionsList_1_1)',
  'uk-sanctions-list-xml': 'UK Sanctions List XML (FCDO)',
  'opensanctions-ftm': 'OpenSanctions FollowTheMoney NDJSON (entities.ftm.json)',
};

export const ENTRY_KINDS = ['person', 'organisation', 'vessel', 'aircraft', 'unknown'] as const;
export type EntryKind = (typeof ENTRY_KINDS)[number];

/**
 * A date as the list states it. `date` is the first day of the period at `precision` (as in
 * lib/dates.ts); both are null when the text could not be read as a date, and `raw` keeps the
 * text either way. `provenance` names where in the file the date came from, so an analyst can
 * tell a listing date from a regulation's publication date.
 */
export interface ListDate {
  date: string | null;
  precision: DatePrecision | null;
  raw: string;
  provenance: string;
  /** The list says "circa" / "approximately". */
  circa?: boolean;
  /** The list gives a range ("1960 to 1962"): its last period, at its own precision. */
  rangeEnd?: { date: string; precision: DatePrecision };
}

/** A dated fact about the entry other than its listing: last update, a legal act's dates. */
export interface RelatedDate extends ListDate {
  /** What the date is: 'updated' (the list's last change to the entry), 'effective', 'legal-act-published', 'legal-act-in-force'. */
  role: 'updated' | 'effective' | 'legal-act-published' | 'legal-act-in-force';
}

export type AliasType = 'aka' | 'fka' | 'nka' | 'name-variation' | 'original-script';
/** strong / weak as the list grades the alias; null when the list does not grade it. */
export type AliasQuality = 'strong' | 'weak' | null;

export interface ListAlias {
  name: string;
  type: AliasType;
  quality: AliasQuality;
  /** Language or script as the list gives it ("ar", "Arabic", "RU"), else null. */
  lang: string | null;
}

/**
 * An identifier of the party. Schemes: the list's own keys (`ofac-uid`, `un-ref`, `un-dataid`,
 * `eu-ref`, `eu-logical-id`, `uk-id`, `uk-ofsi-group-id`, `opensanctions-id`,
 * `opensanctions-referent`) and documents (`passport`, `national-id`, `imo`, `tax-id`,
 * `registration-number`, `swift-bic`, `crypto-address`, `other`).
 */
export interface ListIdentifier {
  scheme: string;
  value: string;
  /** The list's own name for the identifier type ("Cedula No."), when it gives one. */
  label?: string;
  country?: string;
}

export interface ListEntry {
  /** Stable key of the entry within the list (OFAC uid, UN DATAID, EU logicalId, UK UniqueID, OpenSanctions id). */
  key: string;
  kind: EntryKind;
  name: string;
  aliases: ListAlias[];
  identifiers: ListIdentifier[];
  programs: string[];
  authorities: string[];
  /** The list's own listing / designation date(s); empty when the format does not give one. */
  listingDates: ListDate[];
  relatedDates: RelatedDate[];
  remarks: string[];
  nationalities: string[];
  citizenships: string[];
  birthDates: ListDate[];
  birthPlaces: string[];
  addresses: string[];
  /** Line of the file where the entry starts (for messages and review). */
  line: number;
}

/** What a list version's file says about itself. */
export interface ListVersionHeader {
  source: ListSource;
  format: ListFormat;
  /** The file's name as given to the reader (a path, or the name passed with a stream). */
  fileName: string;
  /** The publication date the file states (OFAC Publish_Date, UN dateGenerated, EU generationDate, UK DateGenerated); null when it states none. */
  publishedAt: ListDate | null;
  /** The record count the file states (OFAC Record_Count), checked against the entries read. */
  statedRecordCount: number | null;
  /** Entries read. */
  entryCount: number;
  /** Namespace or schema the file declares, when it declares one. */
  schema: string | null;
}
