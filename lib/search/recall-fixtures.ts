/**
 * A small corpus of realistic events and the queries an analyst types, each with the events they
 * expect to find (issue 14: "measure recall on a set of analyst queries of your own, with expected
 * results"). The expectations are what a reader of these events would want, written by hand, not
 * what any pipeline returns. lib/search/recall.test.ts measures the pure pipeline against them; the
 * database side should load the same events (the `key` as external id) and measure its search with
 * `measureRecall` (lib/search/recall.ts).
 *
 * Every event cites the same analysis, "How to normalize relations with Assad?", as the tracker's
 * data does: a search for "normalize" must not find every event through it.
 */
import type { SearchableDocument } from './query';

const COMMON_SOURCE = 'How to normalize relations with Assad? A policy analysis';

const BASHAR = { name: 'Bashar al-Assad', aliases: ['بشار الأسد', 'Bashar Hafez al-Assad'] };
const ASMA = { name: 'Asma al-Assad', aliases: ['أسماء الأسد'] };
const MAHER = { name: 'Maher al-Assad', aliases: ['ماهر الأسد'] };
const EU = { name: 'European Union', aliases: ['EU', 'Council of the European Union'] };

const events: Omit<SearchableDocument, 'sourceTitles'>[] = [
  {
    key: 'caesar-act-signed',
    title: 'Caesar Syria Civilian Protection Act signed into law',
    summary:
      'The US President signed the Caesar Act as part of the National Defense Authorization Act, authorising sanctions on those who support the Assad government.',
    countries: ['US', 'SY'],
    actors: [BASHAR],
  },
  {
    key: 'caesar-first-designations',
    title: 'First Caesar Act designations target Asma al-Assad',
    summary: 'Treasury and State designated 39 individuals and entities under the Caesar Act, including the wife of the President.',
    countries: ['US', 'SY'],
    actors: [ASMA],
  },
  {
    key: 'qaddour-designation',
    title: 'OFAC designates Khalid Qaddour for Captagon trafficking',
    summary: 'Khalid Qaddour, a businessman close to the Fourth Division commander, was designated for his role in the Captagon trade.',
    countries: ['US', 'SY'],
    actors: [{ name: 'Khalid Qaddour', aliases: ['خالد قدور'] }, MAHER],
  },
  {
    key: 'erdogan-offer',
    title: 'Erdoğan offers to meet Assad',
    summary: 'President Recep Tayyip Erdoğan said he was ready to meet the Syrian president to normalise relations between Ankara and Damascus.',
    countries: ['TR', 'SY'],
    actors: [{ name: 'Recep Tayyip Erdoğan', aliases: ['Recep Tayyip Erdogan'] }, BASHAR],
  },
  {
    key: 'moscow-defence-talks',
    title: 'Defence ministers of Türkiye and Syria meet in Moscow',
    summary: 'The defence ministers of the Republic of Türkiye, Syria and Russia met in Moscow, the first such meeting since 2011.',
    countries: ['TR', 'SY', 'RU'],
  },
  {
    key: 'arab-league-readmits',
    title: 'Arab League readmits Syria',
    summary: "The Arab League voted in Cairo to restore Syria's membership after twelve years, a step towards normalisation with Damascus.",
    countries: ['SY', 'EG'],
    actors: [{ name: 'Arab League', aliases: ['League of Arab States', 'جامعة الدول العربية'] }],
  },
  {
    key: 'uae-embassy',
    title: 'UAE reopens embassy in Damascus',
    summary: 'Abu Dhabi reopened its embassy in Damascus, the first Gulf state to restore diplomatic ties.',
    countries: ['AE', 'SY'],
  },
  {
    key: 'assad-abu-dhabi',
    title: 'Assad visits Abu Dhabi',
    summary: 'The Syrian president made his first visit to the United Arab Emirates since 2011 and met Mohammed bin Zayed.',
    countries: ['SY'],
    actors: [BASHAR],
  },
  {
    key: 'saudi-embassies',
    title: 'Riyadh and Damascus agree to reopen embassies',
    summary: 'The Kingdom of Saudi Arabia and Syria agreed to resume consular services after a decade.',
    countries: ['SA', 'SY'],
  },
  {
    key: 'jordan-strikes',
    title: 'Jordanian air strikes on Captagon smugglers in southern Syria',
    summary: 'Jordan carried out air strikes against drug smuggling networks near the border.',
    countries: ['JO', 'SY'],
  },
  {
    key: 'arab-gas-pipeline',
    title: 'Egyptian gas for Lebanon through Syria cleared',
    summary:
      'Washington signalled that the Arab Gas Pipeline deal bringing Egyptian gas to Lebanon through Jordan and Syria would not breach the Caesar Act.',
    countries: ['EG', 'LB', 'JO', 'SY', 'US'],
  },
  {
    key: 'uk-designations',
    title: 'UK designates six officials under the Syria sanctions programme',
    summary: "The Office of Financial Sanctions Implementation added six members of the Fourth Division to Britain's Syria programme.",
    countries: ['GB', 'SY'],
  },
  {
    key: 'eu-renewal',
    title: 'Syria sanctions renewed for a year',
    summary: 'The European Union prolonged its restrictive measures against the regime, citing the continued repression of civilians.',
    countries: ['SY'],
    actors: [EU],
  },
  {
    key: 'us-normalization-warning',
    title: 'State Department warns against normalization',
    summary: 'The United States will not normalize relations with the Assad regime and discouraged others from doing so.',
    countries: ['US', 'SY'],
  },
  {
    key: 'iran-credit-line',
    title: 'Tehran extends credit line to Damascus',
    summary: 'The Islamic Republic of Iran agreed a new credit line for fuel deliveries to the Syrian government.',
    countries: ['IR', 'SY'],
  },
  {
    key: 'russia-veto',
    title: 'Veto blocks cross-border aid resolution',
    summary: 'The Russian Federation vetoed a Security Council resolution extending cross-border humanitarian aid to north-west Syria.',
    countries: ['RU', 'SY'],
  },
  {
    key: 'qatar-refuses',
    title: 'Qatar will not normalise with Damascus',
    summary: 'Doha said the conditions for normalising relations with the Syrian government had not been met.',
    countries: ['QA', 'SY'],
  },
  {
    key: 'general-license-23',
    title: 'OFAC issues Syria General License 23 after the earthquake',
    summary:
      'General License 23 authorized transactions for earthquake relief for 180 days after the earthquake in Türkiye and Syria, including by non-governmental organizations.',
    countries: ['US', 'SY'],
  },
  {
    key: 'uk-general-licence',
    title: 'OFSI general licence for humanitarian organisations',
    summary: 'The United Kingdom issued a general licence allowing humanitarian organisations to make payments in Syria.',
    countries: ['GB', 'SY'],
  },
  {
    key: 'makhlouf-dispute',
    title: 'Rami Makhlouf in public dispute with the government',
    summary: "The president's cousin published videos criticising the government's seizure of his telecoms company.",
    countries: ['SY'],
    actors: [{ name: 'Rami Makhlouf', aliases: ['رامي مخلوف'] }],
  },
  {
    key: 'foz-designated',
    title: 'Samer Foz designated',
    summary: "The Council designated the businessman for benefiting from the regime's reconstruction programmes.",
    countries: ['SY'],
    actors: [{ name: 'Samer Foz' }, EU],
  },
  {
    key: 'bahrain-ambassador',
    title: 'Bahrain names first ambassador to Damascus since 2011',
    summary: 'Manama appointed an ambassador as part of a wider Gulf rapprochement.',
    countries: ['BH', 'SY'],
  },
  {
    key: 'oman-minister-visit',
    title: 'Omani foreign minister in Damascus',
    summary: 'The foreign minister of the Sultanate of Oman traveled to Damascus for talks with the president.',
    countries: ['OM', 'SY'],
  },
  {
    key: 'iraq-border',
    title: 'Al-Qaim border crossing reopens',
    summary: 'Baghdad and Damascus reopened the Al-Qaim–Albukamal crossing to trade.',
    countries: ['IQ', 'SY'],
  },
  {
    key: 'israel-strikes',
    title: 'Strikes close Damascus airport',
    summary: 'Israeli strikes put Damascus International Airport out of service.',
    countries: ['IL', 'SY'],
  },
  {
    key: 'belt-and-road',
    title: "Syria joins China's Belt and Road Initiative",
    summary: 'Damascus signed a memorandum of understanding with Beijing.',
    countries: ['CN', 'SY'],
  },
  {
    key: 'paris-warrant',
    title: 'Arrest warrant issued in Paris for the Syrian president',
    summary: 'French investigating judges issued an international arrest warrant over chemical attacks in 2013.',
    countries: ['FR', 'SY'],
    actors: [BASHAR],
  },
  {
    key: 'koblenz-verdict',
    title: 'Koblenz court convicts former intelligence officer',
    summary: 'The Higher Regional Court in Koblenz, Germany, convicted a former officer of crimes against humanity.',
    countries: ['DE', 'SY'],
  },
  {
    key: 'think-tank-report',
    title: 'Report: the economic center of gravity shifts to Captagon',
    summary: 'A Washington research center analyzed how the government program of reconstruction contracts channels money to the Fourth Division.',
    countries: ['SY'],
  },
  {
    key: 'vessel-catalogue',
    title: 'Catalogue of sanctioned oil tankers published',
    summary: 'The list names vessels that delivered Iranian crude to Baniyas.',
    countries: ['SY'],
  },
];

export const RECALL_DOCUMENTS: SearchableDocument[] = events.map((e) => ({ ...e, sourceTitles: [COMMON_SOURCE] }));

export interface RecallQuery {
  query: string;
  /** Keys of the events that should be found. */
  expected: string[];
  /** Why these, and what the query tests. */
  note: string;
  /** Nothing matches as typed; the expected events are found by following "Did you mean …?". */
  viaSuggestion?: boolean;
}

const NORMALISATION = ['erdogan-offer', 'arab-league-readmits', 'us-normalization-warning', 'qatar-refuses'];
const TURKEY = ['erdogan-offer', 'moscow-defence-talks', 'general-license-23'];
const EMIRATES = ['uae-embassy', 'assad-abu-dhabi'];
/** Events whose actors include a member of the Assad family (their Arabic names are aliases). */
const ASSAD_FAMILY = ['caesar-act-signed', 'caesar-first-designations', 'qaddour-designation', 'erdogan-offer', 'assad-abu-dhabi', 'paris-warrant'];
const US = ['caesar-act-signed', 'caesar-first-designations', 'qaddour-designation', 'arab-gas-pipeline', 'us-normalization-warning', 'general-license-23'];
const UK = ['uk-designations', 'uk-general-licence'];

export const RECALL_QUERIES: RecallQuery[] = [
  { query: 'normalization', expected: NORMALISATION, note: 'US spelling finds UK spellings and the other forms of the word' },
  { query: 'normalisation', expected: NORMALISATION, note: 'UK spelling finds US spellings' },
  { query: 'normalise', expected: NORMALISATION, note: 'the verb finds the noun through the prefix' },
  { query: 'normalize', expected: NORMALISATION, note: 'and not every event through the analysis they all cite' },
  { query: 'normalizing', expected: NORMALISATION, note: 'any form of the word finds the others' },
  { query: 'normali', expected: NORMALISATION, note: 'a prefix before the s/z' },
  { query: 'normalis', expected: NORMALISATION, note: 'a prefix that stops at the s' },
  { query: 'defense', expected: ['caesar-act-signed', 'moscow-defence-talks'], note: 'defense/defence' },
  { query: 'defence', expected: ['caesar-act-signed', 'moscow-defence-talks'], note: 'defence/defense' },
  { query: 'programme', expected: ['uk-designations', 'foz-designated', 'think-tank-report'], note: 'programme/program' },
  { query: 'program', expected: ['uk-designations', 'foz-designated', 'think-tank-report'], note: 'program/programme' },
  { query: 'licence', expected: ['general-license-23', 'uk-general-licence'], note: 'licence/license' },
  { query: 'general license', expected: ['general-license-23', 'uk-general-licence'], note: 'two words, either spelling' },
  { query: 'organisations', expected: ['general-license-23', 'uk-general-licence'], note: 'organisations/organizations' },
  { query: 'authorised', expected: ['caesar-act-signed', 'general-license-23'], note: 'authorising/Authorization/authorized' },
  { query: 'centre', expected: ['think-tank-report'], note: 'centre/center' },
  { query: 'analyse', expected: ['think-tank-report'], note: 'analyse/analyzed' },
  { query: 'catalog', expected: ['vessel-catalogue'], note: 'catalog/catalogue' },
  { query: 'travelled', expected: ['oman-minister-visit'], note: 'travelled/traveled' },
  { query: 'Turkey', expected: TURKEY, note: 'the common name finds the country and its other names in text' },
  { query: 'Türkiye', expected: TURKEY, note: 'the official short name' },
  { query: 'Turkiye', expected: TURKEY, note: 'without the diacritic' },
  { query: 'Republic of Turkey', expected: TURKEY, note: 'three words, one name' },
  { query: 'تركيا', expected: TURKEY, note: 'Arabic name' },
  { query: 'Turkey normalization', expected: ['erdogan-offer'], note: 'a country and a word' },
  { query: 'UAE', expected: EMIRATES, note: 'abbreviation; one event is not tagged AE but names the Emirates' },
  { query: 'Emirates', expected: EMIRATES, note: 'short form' },
  { query: 'United Arab Emirates', expected: EMIRATES, note: 'full name' },
  { query: 'الإمارات', expected: EMIRATES, note: 'Arabic name' },
  { query: 'Saudi Arabia', expected: ['saudi-embassies'], note: 'two-word name' },
  { query: 'KSA', expected: ['saudi-embassies'], note: 'abbreviation' },
  { query: 'Iran', expected: ['iran-credit-line', 'vessel-catalogue'], note: 'tagged, and the tanker list that names "Iranian crude"' },
  { query: 'Islamic Republic of Iran', expected: ['iran-credit-line', 'vessel-catalogue'], note: 'official name' },
  { query: 'Russia', expected: ['moscow-defence-talks', 'russia-veto'], note: 'country tag' },
  { query: 'Russian Federation', expected: ['moscow-defence-talks', 'russia-veto'], note: 'official name' },
  { query: 'UK', expected: UK, note: 'abbreviation' },
  { query: 'Britain', expected: UK, note: 'common name' },
  { query: 'US', expected: US, note: 'the abbreviation finds the tag (the word "us" is not looked for)' },
  { query: 'United States', expected: US, note: 'full name' },
  { query: 'Jordan', expected: ['jordan-strikes', 'arab-gas-pipeline'], note: 'country tag' },
  { query: 'Egypt', expected: ['arab-league-readmits', 'arab-gas-pipeline'], note: 'country tag' },
  { query: 'Iraq OR Lebanon', expected: ['iraq-border', 'arab-gas-pipeline'], note: 'countries in OR' },
  { query: 'Oman', expected: ['oman-minister-visit'], note: 'country tag' },
  { query: 'EU', expected: ['eu-renewal', 'foz-designated'], note: 'the EU is an actor, not a country: found by its names' },
  { query: 'European Union', expected: ['eu-renewal', 'foz-designated'], note: 'full name' },
  { query: 'Kuwait', expected: [], note: 'nothing about Kuwait: nothing found' },
  { query: 'Assad', expected: [...ASSAD_FAMILY, 'us-normalization-warning'], note: 'name in titles, summaries and actors' },
  { query: 'الأسد', expected: ASSAD_FAMILY, note: "the actors' Arabic names (English text is not transliterated)" },
  { query: 'الاسد', expected: ASSAD_FAMILY, note: 'without the hamza' },
  { query: 'Caesar Act', expected: ['caesar-act-signed', 'caesar-first-designations', 'arab-gas-pipeline'], note: 'two words' },
  { query: '"Caesar Act"', expected: ['caesar-act-signed', 'caesar-first-designations', 'arab-gas-pipeline'], note: 'a phrase' },
  { query: 'Qaddour', expected: ['qaddour-designation'], note: 'a name' },
  { query: 'خالد قدور', expected: ['qaddour-designation'], note: 'the Arabic alias' },
  { query: 'Qadour', expected: ['qaddour-designation'], note: 'misspelt: found by following the suggestion', viaSuggestion: true },
  { query: 'Erdogan', expected: ['erdogan-offer'], note: 'without the diacritic' },
  { query: 'Makhlouf', expected: ['makhlouf-dispute'], note: 'actor name' },
  { query: 'مخلوف', expected: ['makhlouf-dispute'], note: 'Arabic alias' },
  { query: 'Captagon', expected: ['qaddour-designation', 'jordan-strikes', 'think-tank-report'], note: 'a word' },
  { query: 'Captgaon', expected: ['qaddour-designation', 'jordan-strikes', 'think-tank-report'], note: 'swapped letters', viaSuggestion: true },
];
