/**
 * The fixed word lists and tables the synthetic data is drawn from: how often each event type and
 * country occurs, which legal authorities and programs go with which countries, the tag
 * vocabulary, publishers, and the English words the text templates combine. Names of people,
 * companies, organisations and places are not here: they are generated from syllables (names.ts).
 */
import { COUNTRY_CODES, type CountryCode } from '@/lib/countries';
import type { EventTypeKey } from '@/lib/event-types';

/** The period the data covers: fifteen whole years, fixed so the output never depends on today's date. */
export const FIRST_YEAR = 2011;
export const LAST_YEAR = 2025;

/** Share of events per type: designations and statements dominate, authorities are rare. */
export const TYPE_WEIGHTS: readonly (readonly [EventTypeKey, number])[] = [
  ['designation', 30],
  ['statement', 24],
  ['legislative', 10],
  ['advocacy', 9],
  ['normalisation', 10],
  ['removal', 7],
  ['isolation', 6],
  ['authority', 4],
];

/**
 * Countries in order of how often they appear, most frequent first; the generator gives rank r a
 * weight of about 1/(r+1) (Zipf). The head follows what a Syria- and sanctions-focused tracker
 * sees; every other ISO code follows in a seed-dependent order, forming the long tail.
 */
export const COUNTRY_HEAD: readonly CountryCode[] = [
  'SY', 'RU', 'IR', 'KP', 'US', 'AE', 'SA', 'TR', 'IQ', 'LB',
  'CN', 'VE', 'BY', 'GB', 'YE', 'JO', 'AF', 'CU', 'MM', 'EG',
  'IL', 'QA', 'FR', 'DE', 'UA', 'LY', 'SD', 'PK', 'BH', 'OM',
];

export const COUNTRY_TAIL: readonly CountryCode[] = COUNTRY_CODES.filter((c) => !COUNTRY_HEAD.includes(c));

/** A sanctions regime: the authority it rests on, its program code, who issues it and whom it targets. */
export interface Regime {
  authority: string;
  program: string;
  issuer: CountryCode;
  /** Countries it targets; empty for thematic regimes (terrorism, human rights, cyber) that apply anywhere. */
  targets: readonly CountryCode[];
}

export const REGIMES: readonly Regime[] = [
  { authority: 'Caesar Syria Civilian Protection Act of 2019', program: 'SYRIA-CAESAR', issuer: 'US', targets: ['SY'] },
  { authority: 'Executive Order 13894', program: 'SYRIA-EO13894', issuer: 'US', targets: ['SY', 'TR'] },
  { authority: 'Executive Order 13582', program: 'SYRIA', issuer: 'US', targets: ['SY'] },
  { authority: 'Executive Order 13573', program: 'SYRIA', issuer: 'US', targets: ['SY'] },
  { authority: 'Executive Order 14024', program: 'RUSSIA-EO14024', issuer: 'US', targets: ['RU', 'BY'] },
  { authority: 'Executive Order 13662', program: 'UKRAINE-EO13662', issuer: 'US', targets: ['RU', 'UA'] },
  { authority: "Countering America's Adversaries Through Sanctions Act", program: 'CAATSA-RUSSIA', issuer: 'US', targets: ['RU'] },
  { authority: "Countering America's Adversaries Through Sanctions Act", program: 'CAATSA-IRAN', issuer: 'US', targets: ['IR'] },
  { authority: 'Executive Order 13902', program: 'IRAN-EO13902', issuer: 'US', targets: ['IR'] },
  { authority: 'Executive Order 13846', program: 'IRAN-EO13846', issuer: 'US', targets: ['IR', 'AE'] },
  { authority: 'Executive Order 13382', program: 'NPWMD', issuer: 'US', targets: ['IR', 'KP', 'SY'] },
  { authority: 'Executive Order 13722', program: 'DPRK3', issuer: 'US', targets: ['KP'] },
  { authority: 'North Korea Sanctions and Policy Enhancement Act of 2016', program: 'DPRK-NKSPEA', issuer: 'US', targets: ['KP', 'CN'] },
  { authority: 'Executive Order 13850', program: 'VENEZUELA-EO13850', issuer: 'US', targets: ['VE'] },
  { authority: 'Executive Order 13441', program: 'LEBANON-EO13441', issuer: 'US', targets: ['LB'] },
  { authority: 'Executive Order 13438', program: 'IRAQ3', issuer: 'US', targets: ['IQ'] },
  { authority: 'Executive Order 14014', program: 'BURMA-EO14014', issuer: 'US', targets: ['MM'] },
  { authority: 'Executive Order 13405', program: 'BELARUS', issuer: 'US', targets: ['BY'] },
  { authority: 'Executive Order 13611', program: 'YEMEN', issuer: 'US', targets: ['YE'] },
  { authority: 'Executive Order 14046', program: 'ETHIOPIA-EO14046', issuer: 'US', targets: ['ET', 'ER'] },
  { authority: 'Cuban Assets Control Regulations', program: 'CUBA', issuer: 'US', targets: ['CU'] },
  { authority: 'Executive Order 13224', program: 'SDGT', issuer: 'US', targets: [] },
  { authority: 'Global Magnitsky Human Rights Accountability Act', program: 'GLOMAG', issuer: 'US', targets: [] },
  { authority: 'Executive Order 13694', program: 'CYBER2', issuer: 'US', targets: [] },
  { authority: 'Executive Order 14059', program: 'ILLICIT-DRUGS-EO14059', issuer: 'US', targets: [] },
  { authority: 'Foreign Narcotics Kingpin Designation Act', program: 'SDNTK', issuer: 'US', targets: [] },
  { authority: 'Syria (Sanctions) (EU Exit) Regulations 2019', program: 'UK-SYRIA', issuer: 'GB', targets: ['SY'] },
  { authority: 'Russia (Sanctions) (EU Exit) Regulations 2019', program: 'UK-RUSSIA', issuer: 'GB', targets: ['RU', 'BY'] },
  { authority: 'Iran (Sanctions) Regulations 2023', program: 'UK-IRAN', issuer: 'GB', targets: ['IR'] },
  { authority: 'Global Human Rights Sanctions Regulations 2020', program: 'UK-GHR', issuer: 'GB', targets: [] },
  { authority: 'Special Economic Measures Act', program: 'CA-SEMA', issuer: 'CA', targets: [] },
  { authority: 'Autonomous Sanctions Act 2011', program: 'AU-AUTONOMOUS', issuer: 'AU', targets: [] },
  { authority: 'Foreign Exchange and Foreign Trade Act', program: 'JP-FEFTA', issuer: 'JP', targets: ['KP', 'RU'] },
  { authority: 'Embargo Act', program: 'CH-EMBARGO', issuer: 'CH', targets: ['SY', 'RU', 'IR'] },
];

/** The tag vocabulary (about sixty labels), most used first; draws follow a Zipf skew over this order. */
export const TAG_LABELS: readonly string[] = [
  'Asset freeze', 'Accountability', 'Oil', 'Sanctions evasion', 'Human rights', 'Shipping', 'Banking',
  'Counter-terrorism', 'Embassies', 'Gulf states', 'Illicit drug trade', 'Money laundering', 'Travel ban',
  'Arab League', 'Diplomatic relations', 'State visits', 'Export controls', 'Captagon', 'Proliferation',
  'Corruption', 'Reconstruction', 'Humanitarian exemptions', 'Refugees', 'Shadow fleet', 'Arms embargo',
  'Delisting', 'General licences', 'Secondary sanctions', 'Cyber', 'Ballistic missiles', 'Chemical weapons',
  'Militias', 'Energy', 'Central bank', 'Cryptocurrency', 'Gold', 'Dual-use goods', 'Aviation',
  'Telecommunications', 'Price cap', 'Grain', 'Fertiliser', 'Mining', 'Construction', 'Elections',
  'Detentions', 'Torture', 'Press freedom', 'Syria normalisation', 'Border crossings', 'Trade',
  'Investment', 'UN Security Council', 'Ceasefire', 'Peace talks', 'Congress', 'Parliament', 'Lobbying',
  'Think tanks', 'Open letters', 'Enforcement', 'Civil penalties',
];

/** Tags that fit a type, drawn more often for it than the overall skew alone would. */
export const TYPE_TAGS: Record<EventTypeKey, readonly string[]> = {
  designation: ['Asset freeze', 'Travel ban', 'Sanctions evasion', 'Money laundering', 'Counter-terrorism', 'Illicit drug trade'],
  removal: ['Delisting', 'General licences', 'Humanitarian exemptions'],
  authority: ['Secondary sanctions', 'Export controls', 'Enforcement'],
  normalisation: ['Embassies', 'State visits', 'Diplomatic relations', 'Syria normalisation', 'Arab League'],
  isolation: ['Embassies', 'Diplomatic relations', 'Arab League', 'UN Security Council'],
  statement: ['Accountability', 'Human rights', 'Peace talks'],
  legislative: ['Congress', 'Parliament', 'Accountability'],
  advocacy: ['Open letters', 'Think tanks', 'Lobbying', 'Accountability'],
};

/** Made-up outlets on reserved example domains (RFC 2606): nothing points at a real site. */
export const PUBLISHERS: readonly { name: string; host: string; section: string }[] = [
  { name: 'Example Wire', host: 'news.example.org', section: 'world' },
  { name: 'The Varnik Ledger', host: 'news.example.org', section: 'middle-east' },
  { name: 'Ostrovan Herald', host: 'herald.example.com', section: 'politics' },
  { name: 'Meridian Press Agency', host: 'wire.example.net', section: 'sanctions' },
  { name: 'Daily Tesmar', host: 'www.example.com', section: 'news' },
  { name: 'Kestrel Policy Review', host: 'review.example.org', section: 'analysis' },
  { name: 'The Ambrel Post', host: 'post.example.com', section: 'world' },
  { name: 'Gazette of Qarovia', host: 'gazette.example.net', section: 'official' },
  { name: 'Treasury press office', host: 'gov.example.org', section: 'press-releases' },
  { name: 'Foreign ministry press office', host: 'mfa.example.org', section: 'statements' },
  { name: 'Parliamentary record', host: 'records.example.org', section: 'debates' },
  { name: 'Sanctions Monitor', host: 'monitor.example.com', section: 'tracker' },
  { name: 'Levant Business Daily', host: 'business.example.net', section: 'markets' },
  { name: 'Northbridge Institute', host: 'institute.example.org', section: 'reports' },
];

export const SECTORS: readonly string[] = [
  'oil', 'petroleum', 'petrochemical', 'shipping', 'banking', 'construction', 'mining', 'telecommunications',
  'aviation', 'defence procurement', 'electronics', 'steel', 'gold', 'currency exchange', 'real estate',
  'tobacco', 'pharmaceutical', 'agricultural', 'fertiliser', 'grain', 'cement', 'phosphate', 'cotton',
  'fishing', 'timber', 'software', 'satellite', 'drone', 'munitions', 'shipbuilding', 'insurance',
  'cryptocurrency', 'hawala', 'refining', 'power generation', 'port operations', 'trucking', 'hotel',
];

export const ACTIVITIES: readonly string[] = [
  'smuggling oil to the government', 'financing armed groups', 'procuring drone components',
  'evading the oil price cap', 'laundering proceeds of the captagon trade', 'supplying fuel to security forces',
  'human rights abuses in detention centres', 'facilitating arms shipments', 'cyber attacks on banks',
  'operating a shadow fleet of tankers', 'diverting humanitarian aid', 'acquiring dual-use electronics',
  'bribing customs officials', 'running front companies', 'shipping ballistic missile parts',
  'moving cash through exchange houses', 'recruiting foreign fighters', 'profiteering from reconstruction contracts',
  'seizing property of displaced families', 'trafficking amphetamines across the border',
  'supporting the military intelligence directorate', 'transferring funds to designated militias',
  'selling sanctioned crude at a discount', 'falsifying cargo manifests', 'obstructing a ceasefire',
  'undermining democratic processes', 'serious corruption in public procurement', 'torture of detainees',
  'producing chemical precursors', 'laundering money through real estate', 'reflagging vessels to hide ownership',
];

export const STATEMENT_VERBS: readonly string[] = [
  'condemns', 'welcomes', 'rejects', 'urges restraint over', 'calls for an inquiry into', 'warns against',
  'criticises', 'praises', 'questions', 'reaffirms its position on', 'demands clarity on', 'raises concerns about',
  'expresses support for', 'voices opposition to', 'dismisses reports of', 'takes note of',
];

export const TOPICS: readonly string[] = [
  'normalisation with Damascus', 'the return of refugees', 'reconstruction funding', 'the detention of journalists',
  'the price cap on crude', "the Arab League's decision", 'cross-border aid deliveries', 'accountability for chemical attacks',
  'the embassy reopening', 'sanctions relief', 'enforcement against evasion networks', 'the captagon trade',
  'the humanitarian exemptions', 'the ceasefire in the north', 'prisoner exchanges', 'the frozen central bank reserves',
  'secondary sanctions on third-country banks', 'the shipping of grain', 'the designation of senior officials',
  'export controls on semiconductors', 'the missing persons file', 'elections planned for next year',
  'the expulsion of diplomats', 'the border crossings', 'debt relief', 'the nuclear talks', 'maritime security',
];

export const QUALIFIERS: readonly string[] = [
  'alleged', 'renewed', 'expanded', 'targeted', 'sweeping', 'first-ever', 'long-awaited', 'controversial',
  'coordinated', 'unilateral', 'multilateral', 'unprecedented', 'limited', 'temporary', 'phased', 'conditional',
];

export const OFFICIAL_TITLES: readonly string[] = [
  'foreign minister', 'deputy foreign minister', 'spokesperson', 'special envoy', 'ambassador', 'prime minister',
  'president', 'treasury secretary', 'under secretary for terrorism and financial intelligence', 'defence minister',
  'minister of economy', 'national security adviser', 'chargé d’affaires', 'permanent representative',
];

export const ISOLATION_ACTIONS: readonly string[] = [
  'recalls its ambassador from', 'suspends the membership of', 'closes its embassy in', 'expels diplomats of',
  'downgrades relations with', 'suspends flights to', 'freezes cooperation with', 'halts trade talks with',
];

export const NORMALISATION_ACTIONS: readonly string[] = [
  'reopens its embassy in', 'restores diplomatic ties with', 'resumes flights to', 'sends a trade delegation to',
  'hosts the foreign minister of', 'signs an economic cooperation memorandum with', 'reopens the border with',
  'appoints an ambassador to', 'invites to a regional summit the president of', 'resumes security talks with',
];

export const LEGISLATIVE_ACTIONS: readonly string[] = [
  'introduces a bill to extend', 'passes a resolution on', 'holds a hearing on', 'writes to the executive about',
  'adopts an amendment restricting', 'votes to renew', 'demands a report on', 'blocks funding for',
];

export const ADVOCACY_ACTIONS: readonly string[] = [
  'publishes a report on', 'urges tougher enforcement of', 'calls for an end to', 'documents abuses linked to',
  'launches a campaign against', 'submits evidence on', 'issues an open letter on', 'briefs officials on',
];

/** General sentences for details; slots are filled from the event's own actors and places. */
export const CONNECTIVES: readonly string[] = [
  'According to officials,', 'Analysts noted that', 'In a statement,', 'Separately,', 'Earlier this year,',
  'Diplomats said', 'Records show that', 'Observers expect that', 'A spokesperson said', 'Critics argue that',
];
