/**
 * Country names as people write them (issue 14: "Turkey" and "Türkiye" found nothing although
 * Erdoğan's offer is recorded): the English short names of lib/country-names.ts, official names,
 * abbreviations, former names, the local forms and the Arabic names of the countries this tracker
 * is about, each mapped to its ISO 3166-1 alpha-2 code, plus the EU (its code is ISO's exceptional
 * reservation; it is no country in the tracker's list, so it is matched by text only).
 *
 * Everything is compared as normalised words (lib/text/normalise.ts `words`): "Türkiye", "TÜRKIYE"
 * and "Turkiye" are one alias, "U.S." is the words "u s", "الإمارات" and "الامارات" are one.
 *
 * Each alias says what it may be used for:
 * - `detect`: a query that consists of these words names the country ("Turkey normalization" is
 *   country TR plus the word "normalization"). Demonyms are not detected: "Syrian" in a query is a
 *   word, not a filter.
 * - `text`: the words may stand for the country in an event's text, so a search for the country
 *   also looks for them. Ambiguous words are detected but not looked for: "US" (the pronoun "us"),
 *   "America" ("Latin America"), عمان (Oman, and Amman in Jordan).
 */
import { COUNTRY_NAMES } from '@/lib/country-names';
import { isCountryCode, type CountryCode } from '@/lib/countries';
import { words } from '@/lib/text/normalise';

/** A country code from the tracker's list, or the EU. */
export type AliasCode = CountryCode | 'EU';

export type AliasKind = 'short' | 'official' | 'abbreviation' | 'local' | 'former' | 'demonym';

export interface CountryAlias {
  /** The codes the words stand for: one, or several for an ambiguous name ("Congo", "Korea"). */
  codes: AliasCode[];
  /** As written. */
  name: string;
  /** Normalised words. */
  words: string[];
  kind: AliasKind;
  detect: boolean;
  text: boolean;
}

interface Entry {
  names: string[];
  kind: AliasKind;
  detect?: boolean;
  text?: boolean;
}

const official = (...names: string[]): Entry => ({ names, kind: 'official' });
const abbr = (...names: string[]): Entry => ({ names, kind: 'abbreviation' });
const local = (...names: string[]): Entry => ({ names, kind: 'local' });
const short = (...names: string[]): Entry => ({ names, kind: 'short' });
const former = (...names: string[]): Entry => ({ names, kind: 'former' });
const demonym = (...names: string[]): Entry => ({ names, kind: 'demonym', detect: false });
/** Names a person may type for the country that are too ambiguous to look for in text. */
const detectOnly = (kind: AliasKind, ...names: string[]): Entry => ({ names, kind, text: false });

/**
 * Beyond the English short names: official names, abbreviations, local and Arabic forms, demonyms
 * (the tracker's countries in most detail; a few well-known others).
 */
const EXTRA: Partial<Record<AliasCode, Entry[]>> = {
  TR: [
    short('Turkey'),
    official('Republic of Türkiye', 'Republic of Turkey', 'Türkiye Cumhuriyeti'),
    local('Türkiye', 'تركيا', 'Turquie', 'Türkei'),
    demonym('Turkish', 'التركية', 'تركي'),
  ],
  SY: [
    official('Syrian Arab Republic', 'الجمهورية العربية السورية'),
    local('سوريا', 'سورية', 'Syrie', 'Syrien'),
    demonym('Syrian', 'Syrians', 'سوري', 'السوري', 'السورية'),
  ],
  AE: [
    short('Emirates', 'Arab Emirates'),
    abbr('UAE', 'U.A.E.'),
    local('الإمارات', 'الإمارات العربية المتحدة', 'دولة الإمارات', 'Émirats arabes unis'),
    demonym('Emirati', 'Emiratis', 'إماراتي', 'الإماراتية'),
  ],
  SA: [
    official('Kingdom of Saudi Arabia'),
    short('Saudi'),
    abbr('KSA'),
    local('السعودية', 'المملكة العربية السعودية', 'Arabie saoudite', 'Saudi-Arabien'),
    demonym('Saudis', 'سعودي'),
  ],
  IR: [
    official('Islamic Republic of Iran', 'جمهوری اسلامی ایران', 'الجمهورية الإسلامية الإيرانية'),
    local('ایران', 'إيران'),
    former('Persia'),
    demonym('Iranian', 'Iranians', 'إيراني', 'الإيرانية'),
  ],
  RU: [
    official('Russian Federation', 'Российская Федерация'),
    local('Россия', 'روسيا', 'Russie', 'Russland'),
    demonym('Russian', 'Russians', 'روسي', 'الروسية'),
  ],
  US: [
    official('United States of America'),
    abbr('U.S.', 'USA', 'U.S.A.'),
    detectOnly('abbreviation', 'US'),
    detectOnly('short', 'America', 'أمريكا', 'أميركا'),
    local('الولايات المتحدة', 'الولايات المتحدة الأمريكية', 'الولايات المتحدة الأميركية', 'États-Unis', 'Vereinigte Staaten'),
    demonym('الأمريكية', 'الأميركية'),
  ],
  GB: [
    official('United Kingdom of Great Britain and Northern Ireland'),
    short('Britain', 'Great Britain', 'Northern Ireland'),
    abbr('UK', 'U.K.'),
    local('المملكة المتحدة', 'بريطانيا', 'Royaume-Uni', 'Vereinigtes Königreich'),
    demonym('British', 'البريطانية', 'بريطاني'),
  ],
  LB: [official('Lebanese Republic'), local('لبنان', 'Liban', 'Libanon'), demonym('Lebanese', 'لبناني', 'اللبنانية')],
  IQ: [official('Republic of Iraq'), local('العراق', 'Irak'), demonym('Iraqi', 'Iraqis', 'عراقي', 'العراقية')],
  JO: [
    official('Hashemite Kingdom of Jordan', 'المملكة الأردنية الهاشمية'),
    local('الأردن', 'Jordanie', 'Jordanien'),
    demonym('Jordanian', 'Jordanians', 'أردني', 'الأردنية'),
  ],
  EG: [official('Arab Republic of Egypt', 'جمهورية مصر العربية'), local('مصر', 'Égypte', 'Ägypten'), demonym('Egyptian', 'Egyptians', 'مصري', 'المصرية')],
  BH: [official('Kingdom of Bahrain'), local('البحرين', 'Bahreïn'), demonym('Bahraini', 'Bahrainis', 'بحريني', 'البحرينية')],
  QA: [official('State of Qatar', 'دولة قطر'), local('قطر'), demonym('Qatari', 'Qataris', 'قطري', 'القطرية')],
  OM: [official('Sultanate of Oman', 'سلطنة عمان'), detectOnly('local', 'عمان', 'عُمان'), demonym('Omani', 'Omanis', 'العمانية')],
  KW: [official('State of Kuwait', 'دولة الكويت'), local('الكويت', 'Koweït'), demonym('Kuwaiti', 'Kuwaitis', 'كويتي', 'الكويتية')],
  IL: [official('State of Israel', 'מדינת ישראל'), local('ישראל', 'إسرائيل', 'Israël'), demonym('Israeli', 'Israelis', 'إسرائيلي', 'الإسرائيلية')],
  PS: [
    official('State of Palestine', 'دولة فلسطين', 'Occupied Palestinian Territories', 'Occupied Palestinian Territory'),
    short('Palestine'),
    local('فلسطين'),
    demonym('Palestinian', 'Palestinians', 'فلسطيني', 'الفلسطينية'),
  ],
  YE: [official('Republic of Yemen', 'الجمهورية اليمنية'), local('اليمن', 'Yémen', 'Jemen'), demonym('Yemeni', 'Yemenis', 'يمني', 'اليمنية')],
  LY: [official('State of Libya', 'دولة ليبيا'), local('ليبيا', 'Libye', 'Libyen'), demonym('Libyan', 'Libyans', 'ليبي', 'الليبية')],
  TN: [official('Tunisian Republic', 'Republic of Tunisia', 'الجمهورية التونسية'), local('تونس', 'Tunisie', 'Tunesien'), demonym('Tunisian', 'Tunisians', 'تونسي')],
  DZ: [
    official("People's Democratic Republic of Algeria", 'الجمهورية الجزائرية الديمقراطية الشعبية'),
    local('الجزائر', 'Algérie', 'Algerien'),
    demonym('Algerian', 'Algerians', 'جزائري'),
  ],
  MA: [official('Kingdom of Morocco', 'المملكة المغربية'), local('المغرب', 'Maroc', 'Marokko'), demonym('Moroccan', 'Moroccans', 'مغربي')],
  CN: [official("People's Republic of China", '中华人民共和国'), abbr('PRC'), local('中国', 'الصين', 'Chine'), demonym('Chinese', 'الصينية', 'صيني')],
  FR: [official('French Republic', 'République française'), local('فرنسا'), demonym('French', 'الفرنسية', 'فرنسي')],
  DE: [official('Federal Republic of Germany', 'Bundesrepublik Deutschland'), local('Deutschland', 'ألمانيا', 'Allemagne'), demonym('German', 'Germans', 'الألمانية', 'ألماني')],
  EU: [
    short('European Union'),
    abbr('EU', 'E.U.'),
    local('الاتحاد الأوروبي', 'Union européenne', 'Europäische Union'),
  ],
  UA: [local('Україна', 'أوكرانيا'), demonym('Ukrainian', 'Ukrainians')],
  AF: [official('Islamic Republic of Afghanistan'), local('أفغانستان', 'افغانستان'), demonym('Afghan', 'Afghans')],
  VE: [official('Bolivarian Republic of Venezuela'), demonym('Venezuelan')],
  BY: [former('Byelorussia'), local('Беларусь'), demonym('Belarusian')],
  KP: [official("Democratic People's Republic of Korea"), abbr('DPRK')],
  KR: [official('Republic of Korea'), abbr('ROK')],
  MM: [former('Burma')],
  CI: [short('Ivory Coast', "Cote d'Ivoire")],
  CZ: [short('Czech Republic')],
  NL: [short('Holland', 'The Netherlands')],
  CD: [official('Democratic Republic of the Congo'), abbr('DRC', 'DR Congo')],
  CG: [official('Republic of the Congo')],
  MK: [former('Macedonia')],
  SZ: [former('Swaziland')],
  CV: [short('Cabo Verde')],
  TL: [short('East Timor')],
  VA: [short('Vatican', 'Holy See')],
  HK: [short('Hong Kong')],
  MO: [short('Macao', 'Macau')],
  SD: [local('السودان'), demonym('Sudanese')],
  CU: [demonym('Cuban')],
  PK: [demonym('Pakistani')],
};

/** Names shared by more than one country: both are meant until the person says which. */
const SHARED: { codes: AliasCode[]; entry: Entry }[] = [
  { codes: ['CD', 'CG'], entry: short('Congo') },
  { codes: ['KR', 'KP'], entry: short('Korea') },
  { codes: ['VG', 'VI'], entry: short('Virgin Islands') },
];

/** More ways to write a CLDR short name: "&" as "and", "St." as "Saint", bracketed parts alone. */
function shortNameForms(name: string): string[] {
  const forms = new Set([name]);
  if (name.includes('&')) forms.add(name.replace(/&/g, 'and'));
  for (const form of [...forms]) if (/\bSt\. /.test(form)) forms.add(form.replace(/\bSt\. /g, 'Saint '));
  const bracket = /^(.*?)\s*\((.*)\)$/.exec(name);
  if (bracket) {
    forms.add(bracket[1]!);
    forms.add(bracket[2]!);
  }
  if (name.endsWith(' SAR China')) forms.add(name.slice(0, -' SAR China'.length));
  // "Congo - Kinshasa": the part before the dash is shared (see SHARED); keep the full form only.
  return [...forms];
}

function build(): CountryAlias[] {
  const out: CountryAlias[] = [];
  const add = (codes: AliasCode[], entry: Entry) => {
    for (const name of entry.names) {
      const w = words(name);
      if (w.length === 0) continue;
      out.push({ codes, name, words: w, kind: entry.kind, detect: entry.detect ?? true, text: entry.text ?? true });
    }
  };
  for (const [code, name] of Object.entries(COUNTRY_NAMES) as [CountryCode, string][]) add([code], short(...shortNameForms(name)));
  for (const [code, entries] of Object.entries(EXTRA)) {
    if (code !== 'EU' && !isCountryCode(code)) continue;
    for (const entry of entries ?? []) add([code as AliasCode], entry);
  }
  for (const { codes, entry } of SHARED) add(codes, entry);
  return out;
}

export const COUNTRY_ALIASES: readonly CountryAlias[] = build();

/** Aliases by their words joined with a space; several entries when spellings fold together. */
const BY_KEY = new Map<string, CountryAlias[]>();
let LONGEST = 1;
for (const alias of COUNTRY_ALIASES) {
  const key = alias.words.join(' ');
  BY_KEY.set(key, [...(BY_KEY.get(key) ?? []), alias]);
  LONGEST = Math.max(LONGEST, alias.words.length);
}

function mergeCodes(aliases: CountryAlias[]): AliasCode[] {
  return [...new Set(aliases.flatMap((a) => a.codes))].sort();
}

/** The codes that these exact words name as a country (for detection), or an empty list. */
export function countryCodesOf(name: string): AliasCode[] {
  return mergeCodes((BY_KEY.get(words(name).join(' ')) ?? []).filter((a) => a.detect));
}

/**
 * The word sequences that stand for a country in text: what a search for the country also looks
 * for (normalised words; each inner array is a phrase).
 */
export function countryTextForms(code: AliasCode): string[][] {
  const seen = new Set<string>();
  const out: string[][] = [];
  for (const alias of COUNTRY_ALIASES) {
    if (!alias.text || !alias.codes.includes(code) || alias.codes.length > 1) continue;
    const key = alias.words.join(' ');
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(alias.words);
  }
  return out;
}

export interface CountryMention {
  codes: AliasCode[];
  /** The matched words, normalised. */
  words: string[];
  /** Index of the first matched word in the word list, and one past the last. */
  from: number;
  to: number;
}

/**
 * Country names in a list of normalised words, longest first and left to right: "republic of
 * turkiye" is one mention, "guinea bissau" is Guinea-Bissau and not Guinea, "saudi arabia" is one.
 * A "the" just before a name belongs to it ("the emirates").
 */
export function findCountryMentionsInWords(list: readonly string[]): CountryMention[] {
  const mentions: CountryMention[] = [];
  for (let i = 0; i < list.length; ) {
    let found: CountryMention | null = null;
    for (let n = Math.min(LONGEST, list.length - i); n >= 1 && !found; n--) {
      const aliases = (BY_KEY.get(list.slice(i, i + n).join(' ')) ?? []).filter((a) => a.detect);
      if (aliases.length > 0) found = { codes: mergeCodes(aliases), words: list.slice(i, i + n), from: i, to: i + n };
    }
    if (!found) {
      i++;
      continue;
    }
    const last = mentions[mentions.length - 1];
    if (found.from > 0 && list[found.from - 1] === 'the' && (!last || last.to < found.from)) {
      found = { ...found, from: found.from - 1, words: list.slice(found.from - 1, found.to) };
    }
    mentions.push(found);
    i = found.to;
  }
  return mentions;
}

/**
 * Country mentions in a text (a query as typed), and the words left over: "Turkey normalization"
 * gives country TR over the word "turkey", and the word "normalization".
 */
export function findCountryMentions(text: string): { mentions: CountryMention[]; rest: string[] } {
  const list = words(text);
  const mentions = findCountryMentionsInWords(list);
  const covered = new Set(mentions.flatMap((m) => Array.from({ length: m.to - m.from }, (_, k) => m.from + k)));
  return { mentions, rest: list.filter((_, i) => !covered.has(i)) };
}
