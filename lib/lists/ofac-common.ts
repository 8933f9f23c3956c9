/**
 * What OFAC's two classic formats share. sdn.xml's <idList> mixes real identifiers (passports,
 * IMO numbers) with "features" (gender, websites, directive information, and the few listing and
 * effective dates OFAC publishes at all, e.g. "Listing Date (EO 14024 Directive 1a):"); sdn.csv
 * carries the same facts as "; "-separated text in its Remarks column. Both are sorted here into
 * identifiers, dates and remarks.
 */
import { addAlias, addIdentifier, addText } from './entry';
import { parseOfacDate } from './list-dates';
import type { ListEntry } from './types';

interface IdRule {
  test: RegExp;
  scheme: string;
}

// Identifier labels as OFAC writes them, mapped to our schemes (cf. the doc_types lookup of
// OpenSanctions' us_ofac_sdn crawler). Anything unmatched is kept as scheme "other" with its label.
const ID_RULES: IdRule[] = [
  { test: /passport/i, scheme: 'passport' },
  { test: /^Vessel Registration Identification$/i, scheme: 'imo' },
  { test: /^Digital Currency Address/i, scheme: 'crypto-address' },
  { test: /^SWIFT\/BIC$/i, scheme: 'swift-bic' },
  { test: /^(Tax ID No\.|RFC|R\.F\.C\.|RUC #|NIT #|C\.U\.I\.T\.|Fiscal Code|Italian Fiscal Code|RIF #|RTN|C\.I\.F\.|N\.I\.F\.)$/i, scheme: 'tax-id' },
  {
    test: /^(National ID No\.|National Foreign ID Number|Cedula No\.|D\.N\.I\.|Identification Number|C\.U\.R\.P\.?|Personal ID Card|Citizen's Card Number|Turkish Identification Number|Numero de Identidad|Tazkira National ID Card)$/i,
    scheme: 'national-id',
  },
  {
    test: /^(Registration Number|Registration ID|Company Number|Commercial Registry Number|Business Registration Number|Business Registration Document #|Certificate of Incorporation Number|Registered Charity No\.|UK Company Number|Chamber of Commerce Number|Public Registration Number|Unified Social Credit Code \(USCC\))$/i,
    scheme: 'registration-number',
  },
];

/** Feature labels that are descriptions, not identifiers. */
const REMARK_LABELS = /^(Gender|Website|Email Address|Phone Number|Organization Established Date|Organization Type:|Target Type|Nationality of Registration|Aircraft .*|Vessel Year of Build|Other Vessel .*|Former Vessel Flag|Vessel Flag|Vessel Type|Vessel Call Sign|MMSI|Secondary sanctions risk:)$/i;

export type OfacIdFact =
  | { kind: 'identifier'; scheme: string; value: string; label: string; country?: string }
  | { kind: 'listing-date'; raw: string; label: string }
  | { kind: 'effective-date'; raw: string; label: string }
  | { kind: 'remark'; text: string };

export function classifyOfacId(label: string, value: string, country?: string | null): OfacIdFact {
  const type = label.trim();
  if (/^Listing Date\b/i.test(type)) return { kind: 'listing-date', raw: value, label: type };
  if (/^(Effective Date\b|Purchase\/Sales For Divestment Date)/i.test(type)) return { kind: 'effective-date', raw: value, label: type };
  if (REMARK_LABELS.test(type) || /[:-]$/.test(type)) return { kind: 'remark', text: `${type} ${value}`.trim() };
  const rule = ID_RULES.find((r) => r.test.test(type));
  let scheme = rule?.scheme ?? 'other';
  let id = value.trim();
  if (scheme === 'imo') {
    const imo = /^IMO\s*(\d{7})$/i.exec(id);
    if (imo) id = imo[1]!;
    else scheme = 'other';
  }
  return { kind: 'identifier', scheme, value: id, label: type, ...(country ? { country } : {}) };
}

export function applyOfacId(entry: ListEntry, fact: OfacIdFact, provenance: string): void {
  if (fact.kind === 'identifier') addIdentifier(entry, { scheme: fact.scheme, value: fact.value, label: fact.label, country: fact.country });
  else if (fact.kind === 'listing-date') entry.listingDates.push(parseOfacDate(fact.raw, `${provenance} "${fact.label}"`));
  else if (fact.kind === 'effective-date') entry.relatedDates.push({ ...parseOfacDate(fact.raw, `${provenance} "${fact.label}"`), role: 'effective' });
  else addText(entry.remarks, fact.text);
}

export function ofacKind(type: string | null): ListEntry['kind'] {
  switch ((type ?? '').trim().toLowerCase()) {
    case 'individual':
      return 'person';
    case 'vessel':
      return 'vessel';
    case 'aircraft':
      return 'aircraft';
    // sdn.xml says "Entity"; sdn.csv leaves the type empty (-0-) for entities.
    case 'entity':
    case '':
      return 'organisation';
    default:
      return 'unknown';
  }
}

/** "ABBAS, Abu" (how OFAC writes an individual's name in the CSV) → "Abu ABBAS", as sdn.xml's parts give it. */
export function ofacCsvName(name: string, kind: ListEntry['kind']): string {
  if (kind !== 'person') return name.trim();
  const comma = name.indexOf(', ');
  if (comma < 0) return name.trim();
  return `${name.slice(comma + 2).trim()} ${name.slice(0, comma).trim()}`.trim();
}

/** Labels OFAC prefixes a value with in sdn.csv remarks, longest first so "alt. DOB" wins over "DOB". */
const SEGMENT_PREFIXES: { prefix: RegExp; apply: (entry: ListEntry, value: string) => void }[] = [
  { prefix: /^(?:alt\. )?DOB /, apply: (e, v) => e.birthDates.push(parseOfacDate(v, 'sdn.csv Remarks "DOB"')) },
  { prefix: /^(?:alt\. )?POB /, apply: (e, v) => addText(e.birthPlaces, v) },
  { prefix: /^(?:alt\. )?nationality /, apply: (e, v) => addText(e.nationalities, v) },
  { prefix: /^(?:alt\. )?citizen /, apply: (e, v) => addText(e.citizenships, v) },
];

const ID_WITH_COUNTRY = /^(.*?) \(([^()]+)\)(?:[;,].*)?$/;

/**
 * Sorts the "; "-separated facts of an sdn.csv Remarks cell into the entry: dates and places of
 * birth, nationalities, weak a.k.a.s ("a.k.a. 'BNC'"), identifiers and listing dates; what is left
 * stays a remark.
 */
export function applyOfacCsvRemarks(entry: ListEntry, remarks: string, idLabels: readonly string[]): void {
  const text = remarks.trim();
  if (text === '') return;
  for (const raw of text.split(/; /)) {
    // OFAC ends the whole cell with a full stop: not part of the last value, but part of a sentence.
    const sentence = raw.trim();
    const segment = sentence.replace(/\.$/, '');
    if (segment === '') continue;
    const weak = /^a\.k\.a\. '(.+)'$/.exec(segment);
    if (weak) {
      addAlias(entry, { name: weak[1]!, type: 'aka', quality: 'weak', lang: null });
      continue;
    }
    const known = SEGMENT_PREFIXES.find((s) => s.prefix.test(segment));
    if (known) {
      known.apply(entry, segment.replace(known.prefix, '').trim());
      continue;
    }
    const label = idLabels.find((l) => segment.startsWith(`${l} `));
    if (label) {
      const rest = segment.slice(label.length + 1).trim();
      const withCountry = ID_WITH_COUNTRY.exec(rest);
      const fact = classifyOfacId(label, withCountry ? withCountry[1]! : rest, withCountry ? withCountry[2] : null);
      if (fact.kind === 'remark') addText(entry.remarks, sentence);
      else applyOfacId(entry, fact, 'sdn.csv Remarks');
      continue;
    }
    addText(entry.remarks, sentence);
  }
}

/**
 * Identifier and feature labels recognised at the start of an sdn.csv remark. The CSV has no
 * delimiter between label and value, so only known labels can be split off.
 */
export const OFAC_CSV_ID_LABELS: readonly string[] = [
  'Listing Date (EO 14024 Directive 1a):',
  'Listing Date (EO 14024 Directive 2):',
  'Listing Date (EO 14024 Directive 3):',
  'Listing Date (EO 14014 Directive 1):',
  'Listing Date (CMIC)',
  'Effective Date (EO 14024 Directive 1a):',
  'Effective Date (EO 14024 Directive 2):',
  'Effective Date (EO 14024 Directive 3):',
  'Effective Date (EO 14014 Directive 1):',
  'Effective Date (CMIC)',
  'Vessel Registration Identification',
  'Diplomatic Passport',
  'Passport',
  'National ID No.',
  'Cedula No.',
  'Tax ID No.',
  'Registration Number',
  'Registration ID',
  'Company Number',
  'SWIFT/BIC',
  'Digital Currency Address - XBT',
  'Digital Currency Address - ETH',
  'Digital Currency Address - USDT',
  'Digital Currency Address - TRX',
  'Identification Number',
  'Gender',
  'Website',
  'Email Address',
  'Phone Number',
  'Organization Established Date',
  'Secondary sanctions risk:',
  'Additional Sanctions Information -',
].sort((a, b) => b.length - a.length);
