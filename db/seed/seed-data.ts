/**
 * The curated seed: every event described in the source article in `shared/seeds/`
 * ("Biden Urged to Take Firmer Line in Opposing Normalized Relations With Syria's Assad"),
 * with its actors, countries, authority, tags and links, each citing the article with the
 * sentence it rests on. No URL is invented: the article's address is not part of the material.
 *
 * Dates use only the precision the article supports (see docs/decisions/0004-seed-data.md):
 * "in 2018" is a year, "a year ago" from the article's March 2023 is a month, and the two
 * see-also headlines and the Tuesday of the designations (28 March 2023) are days.
 *
 * The article prints no date, publisher or address. Its publication date is inferred from the
 * text and stored with each citation, marked as inferred in the citation's note; publisher and
 * address stay empty. A date computed from the article ("a year ago", "Tuesday", "in recent
 * months") says so in the note of the citation it was computed from (decision 0031).
 *
 * Two-sided events (visits, embassy reopenings, offers to meet) name both sides, as countries and
 * as actors, whatever role each side plays, so that `with=` finds them from either side.
 */
import type { EntityInputRaw } from '@/lib/validation/entity';
import type { EventInputRaw } from '@/lib/validation/event';

export const ARTICLE_TITLE = "Biden Urged to Take Firmer Line in Opposing Normalized Relations With Syria's Assad";

type SeedEntity = EntityInputRaw & { key: string };

export const SEED_ENTITIES = [
  { key: 'biden', kind: 'person', name: 'Joe Biden', aliases: ['President Biden'], countryCode: 'US', description: 'President of the United States at the time of the article.' },
  { key: 'biden-administration', kind: 'government', name: 'Biden administration', countryCode: 'US', description: 'The US executive branch under President Biden.' },
  { key: 'trump', kind: 'person', name: 'Donald Trump', aliases: ['President Trump'], countryCode: 'US', description: 'President of the United States who signed the Caesar Act into law.' },
  { key: 'trump-administration', kind: 'government', name: 'Trump administration', countryCode: 'US', description: 'The US executive branch under President Trump.' },
  { key: 'blinken', kind: 'person', name: 'Antony Blinken', aliases: ['Secretary Blinken'], countryCode: 'US', description: 'US Secretary of State.' },
  { key: 'yellen', kind: 'person', name: 'Janet Yellen', aliases: ['Secretary Yellen'], countryCode: 'US', description: 'US Secretary of the Treasury.' },
  { key: 'state-department', kind: 'government', name: 'US Department of State', aliases: ['State Department', "State Dep't"], countryCode: 'US' },
  { key: 'patel', kind: 'person', name: 'Vedant Patel', countryCode: 'US', description: 'Principal deputy spokesperson of the US Department of State.' },
  { key: 'congress', kind: 'legislature', name: 'US Congress', aliases: ['Congress'], countryCode: 'US' },
  { key: 'sfrc', kind: 'legislature', name: 'Senate Foreign Relations Committee', aliases: ['SFRC'], countryCode: 'US' },
  { key: 'hfac', kind: 'legislature', name: 'House Foreign Affairs Committee', aliases: ['HFAC'], countryCode: 'US' },
  { key: 'assad', kind: 'person', name: 'Bashar al-Assad', aliases: ['Bashar Assad', 'Assad'], countryCode: 'SY', description: 'President of Syria.' },
  { key: 'syria-government', kind: 'government', name: 'Government of Syria', aliases: ['Assad regime', 'Syrian regime', 'Damascus'], countryCode: 'SY' },
  { key: 'qaddour', kind: 'person', name: 'Khalid Qaddour', aliases: ['Khaled Qaddour'], countryCode: 'SY', description: 'Syrian businessman designated under the Caesar Act for involvement in the illicit drug trade in support of the regime.' },
  { key: 'samer-assad', kind: 'person', name: 'Samer Kamal al-Assad', aliases: ['Samer al-Assad'], countryCode: 'SY', description: 'Cousin of Bashar al-Assad, designated under the Caesar Act for involvement in the illicit drug trade in support of the regime.' },
  { key: 'uae-government', kind: 'government', name: 'Government of the United Arab Emirates', aliases: ['UAE', 'United Arab Emirates'], countryCode: 'AE' },
  { key: 'bahrain-government', kind: 'government', name: 'Government of Bahrain', aliases: ['Bahrain'], countryCode: 'BH' },
  { key: 'saudi-government', kind: 'government', name: 'Government of Saudi Arabia', aliases: ['Saudi Arabia', 'Riyadh'], countryCode: 'SA' },
  { key: 'erdogan', kind: 'person', name: 'Recep Tayyip Erdoğan', aliases: ['Recep Tayyip Erdogan', 'Erdogan'], countryCode: 'TR', description: 'President of Türkiye.' },
  { key: 'iraq-government', kind: 'government', name: 'Government of Iraq', aliases: ['Iraq'], countryCode: 'IQ' },
  { key: 'lebanon-government', kind: 'government', name: 'Government of Lebanon', aliases: ['Lebanon'], countryCode: 'LB' },
  { key: 'arab-league', kind: 'international_body', name: 'Arab League', aliases: ['League of Arab States'] },
  { key: 'jeffrey', kind: 'person', name: 'James Jeffrey', countryCode: 'US', description: 'Former US special envoy for Syria.' },
  { key: 'rayburn', kind: 'person', name: 'Joel Rayburn', countryCode: 'US', description: 'Former US special envoy for Syria.' },
  { key: 'mckenzie', kind: 'person', name: 'Kenneth McKenzie', aliases: ['Gen. Kenneth McKenzie'], countryCode: 'US', description: 'Former chief of US Central Command.' },
  { key: 'patterson', kind: 'person', name: 'Anne Patterson', countryCode: 'US', description: 'Former US assistant secretary of state.' },
  { key: 'feltman', kind: 'person', name: 'Jeffrey Feltman', countryCode: 'US', description: 'Former US assistant secretary of state.' },
  { key: 'zinni', kind: 'person', name: 'Anthony Zinni', countryCode: 'US', description: 'Retired US Marine general and former Mideast envoy.' },
  { key: 'american-coalition-for-syria', kind: 'organisation', name: 'American Coalition for Syria', countryCode: 'US' },
  { key: 'syrian-american-council', kind: 'organisation', name: 'Syrian American Council', countryCode: 'US' },
  { key: 'americans-for-a-free-syria', kind: 'organisation', name: 'Americans for a Free Syria', countryCode: 'US' },
  { key: 'syrian-emergency-task-force', kind: 'organisation', name: 'Syrian Emergency Task Force', countryCode: 'US' },
] as const satisfies readonly SeedEntity[];

export type SeedEntityKey = (typeof SEED_ENTITIES)[number]['key'];

const CAESAR_ACT = 'Caesar Syria Civilian Protection Act of 2019';
const CAESAR_PROGRAM = 'SYRIA-CAESAR';

/**
 * The article's publication date as inferred from its text: it reports the Caesar Act designations
 * of "Tuesday" as the latest news, and those were announced on Tuesday 28 March 2023, so it
 * appeared that day or in the days just after. The earliest possible day, qualified by the note.
 */
export const ARTICLE_INFERRED_DATE = '2023-03-28';

export const ARTICLE_DATE_NOTE =
  'Publication date inferred, not printed: the article reports the Caesar Act designations of "Tuesday" (28 March 2023) as the latest news, so it appeared that day or in the days just after (late March 2023); 28 March 2023 is the earliest it can be. Publisher and web address unknown.';

/**
 * The article as a source, with the sentence the event rests on; `dateComputed` says how the
 * event's date was worked out from the article when the article does not state it.
 */
function article(excerpt: string, dateComputed?: string) {
  return {
    url: null,
    title: ARTICLE_TITLE,
    publisher: null,
    publishedDate: ARTICLE_INFERRED_DATE,
    excerpt,
    note: dateComputed ? `${ARTICLE_DATE_NOTE} Event date computed from the article: ${dateComputed}` : ARTICLE_DATE_NOTE,
  };
}

export interface SeedEvent extends Omit<EventInputRaw, 'actors' | 'links'> {
  key: string;
  actors: { entity: SeedEntityKey; role: NonNullable<EventInputRaw['actors']>[number]['role'] }[];
  /** Links to events earlier in this list, by key. */
  links: { to: string; kind: NonNullable<EventInputRaw['links']>[number]['kind'] }[];
}

export const SEED_EVENTS: SeedEvent[] = [
  {
    key: 'arab-league-suspends-syria',
    type: 'isolation',
    title: 'Arab League suspends Syria',
    summary: "Syria was suspended from the Arab League in 2011; twelve years later several Arab states were pushing for its return.",
    date: '2011',
    status: 'published',
    countries: [{ code: 'SY', role: 'target' }],
    actors: [
      { entity: 'arab-league', role: 'issuer' },
      { entity: 'syria-government', role: 'target' },
    ],
    tags: ['Arab League'],
    sources: [
      article(
        "several Arab states, including Iraq and Lebanon, are pushing for Syria's return to the Arab League, 12 years after it was suspended.",
        '"12 years after it was suspended", counted back from 2023, gives 2011.',
      ),
    ],
    links: [],
  },
  {
    key: 'saudi-arabia-isolates-damascus',
    type: 'isolation',
    title: 'Saudi Arabia leads the way in isolating Damascus',
    summary: 'Saudi Arabia led the regional steps taken in 2011 to isolate the Assad regime.',
    date: '2011',
    status: 'published',
    countries: [
      { code: 'SA', role: 'actor' },
      { code: 'SY', role: 'target' },
    ],
    actors: [
      { entity: 'saudi-government', role: 'issuer' },
      { entity: 'syria-government', role: 'target' },
    ],
    tags: ['Gulf states'],
    sources: [article('Saudi Arabia, which led the way in steps to isolate Damascus in 2011, is the latest to do so, with reported plans to reopen embassies in the two countries.')],
    links: [{ to: 'arab-league-suspends-syria', kind: 'related' }],
  },
  {
    key: 'uae-reopens-embassy',
    type: 'normalisation',
    title: 'United Arab Emirates reopens its embassy in Damascus',
    summary: 'The UAE reopened its embassy in Damascus in 2018, setting the ball rolling on regional normalisation with the Assad regime.',
    date: '2018',
    status: 'published',
    countries: [
      { code: 'AE', role: 'actor' },
      { code: 'SY', role: 'target' },
      { code: 'SY', role: 'location' },
    ],
    actors: [
      { entity: 'uae-government', role: 'issuer' },
      { entity: 'syria-government', role: 'subject' },
    ],
    tags: ['Embassies', 'Gulf states'],
    sources: [article('The United Arab Emirates and Bahrain set the ball rolling when they reopened their embassies in Damascus in 2018')],
    links: [],
  },
  {
    key: 'bahrain-reopens-embassy',
    type: 'normalisation',
    title: 'Bahrain reopens its embassy in Damascus',
    summary: 'Bahrain, with the UAE, reopened its embassy in Damascus in 2018.',
    date: '2018',
    status: 'published',
    countries: [
      { code: 'BH', role: 'actor' },
      { code: 'SY', role: 'target' },
      { code: 'SY', role: 'location' },
    ],
    actors: [
      { entity: 'bahrain-government', role: 'issuer' },
      { entity: 'syria-government', role: 'subject' },
    ],
    tags: ['Embassies', 'Gulf states'],
    sources: [article('The United Arab Emirates and Bahrain set the ball rolling when they reopened their embassies in Damascus in 2018')],
    links: [{ to: 'uae-reopens-embassy', kind: 'related' }],
  },
  {
    key: 'caesar-act-signed',
    type: 'authority',
    title: 'Caesar Syria Civilian Protection Act signed into law',
    summary:
      'President Trump signed the Caesar Act into law at the end of 2019. It provides for sanctions designed to promote accountability for atrocities committed by the regime, and came into effect in mid-2020.',
    details:
      'One of the tools Congress has given the executive branch to respond to the Syria crisis. The article dates the signing to "the end of 2019" and the entry into effect to "mid-2020"; both are recorded here at year precision.',
    date: '2019',
    effectiveDate: '2020',
    status: 'published',
    legalAuthority: CAESAR_ACT,
    program: CAESAR_PROGRAM,
    countries: [
      { code: 'US', role: 'actor' },
      { code: 'SY', role: 'target' },
    ],
    actors: [
      { entity: 'congress', role: 'issuer' },
      { entity: 'trump', role: 'signatory' },
      { entity: 'syria-government', role: 'target' },
    ],
    tags: ['Caesar Act', 'Accountability'],
    sources: [
      article(
        'One of the tools Congress has given the executive branch to respond to the Syria crisis is the Caesar Syria Civilian Protection Act, which provides for sanctions designed to promote accountability for atrocities committed by the regime. President Trump signed it into law at the end of 2019',
      ),
    ],
    links: [],
  },
  {
    key: 'caesar-act-first-designations',
    type: 'designation',
    title: 'First Caesar Act sanctions: nine individuals and entities',
    summary:
      'When the Caesar Act came into effect in mid-2020, the Trump administration imposed sanctions under it on nine individuals and entities for providing support for or doing business with the regime.',
    date: '2020',
    status: 'published',
    legalAuthority: CAESAR_ACT,
    program: CAESAR_PROGRAM,
    countries: [
      { code: 'US', role: 'actor' },
      { code: 'SY', role: 'target' },
    ],
    actors: [
      { entity: 'trump-administration', role: 'issuer' },
      { entity: 'syria-government', role: 'subject' },
    ],
    tags: ['Caesar Act'],
    sources: [
      article(
        'when it came into effect in mid-2020, his administration imposed Caesar Act sanctions on nine individuals and entities, for providing support for or doing business with the regime.',
      ),
    ],
    links: [{ to: 'caesar-act-signed', kind: 'implements' }],
  },
  {
    key: 'state-department-2021-11-10',
    type: 'statement',
    title: "State Department: US won't support efforts to 'normalize' or 'rehabilitate' Assad",
    summary:
      "The State Department said the United States would not support efforts to normalise relations with or rehabilitate Bashar al-Assad, whom it called 'a brutal dictator'.",
    date: '2021-11-10',
    status: 'published',
    countries: [
      { code: 'US', role: 'actor' },
      { code: 'SY', role: 'target' },
    ],
    actors: [
      { entity: 'state-department', role: 'issuer' },
      { entity: 'assad', role: 'subject' },
    ],
    tags: ['US policy on normalisation'],
    sources: [
      article("See also: State Dep't: US Won't Support Efforts to 'Normalize' or 'Rehabilitate' Assad, 'a Brutal Dictator' (Nov. 10, 2021)"),
      {
        url: null,
        title: "State Dep't: US Won't Support Efforts to 'Normalize' or 'Rehabilitate' Assad, 'a Brutal Dictator'",
        publisher: null,
        publishedDate: '2021-11-10',
        excerpt: "Referenced under \"See also\" in the source article.",
      },
    ],
    links: [],
  },
  {
    key: 'assad-visits-uae',
    type: 'normalisation',
    title: 'Assad visits the United Arab Emirates',
    summary:
      "The UAE permitted Bashar al-Assad to visit, his first trip to an Arab state since the conflict began.",
    date: '2022-03',
    status: 'published',
    countries: [
      { code: 'SY', role: 'actor' },
      { code: 'AE', role: 'actor' },
      { code: 'AE', role: 'location' },
    ],
    actors: [
      { entity: 'assad', role: 'participant' },
      { entity: 'uae-government', role: 'participant' },
    ],
    tags: ['Gulf states', 'State visits'],
    sources: [
      article(
        'the UAE even permitted Assad to visit a year ago, his first trip to an Arab state since the conflict began.',
        '"a year ago", counted back from late March 2023, gives March 2022 (to the month; the article gives no day).',
      ),
    ],
    links: [{ to: 'uae-reopens-embassy', kind: 'follows_up' }],
  },
  {
    key: 'state-department-2023-01-13',
    type: 'statement',
    title: "State Department: 'We will not normalize' relations with the Assad regime, nor should others",
    summary:
      'The State Department said the United States would not normalise relations with the Assad regime and that other countries should not either.',
    date: '2023-01-13',
    status: 'published',
    countries: [
      { code: 'US', role: 'actor' },
      { code: 'SY', role: 'target' },
    ],
    actors: [
      { entity: 'state-department', role: 'issuer' },
      { entity: 'syria-government', role: 'subject' },
    ],
    tags: ['US policy on normalisation'],
    sources: [
      article("See also: State Dep't: 'We Will Not Normalize' Relations With the Assad Regime, Nor Should Others (Jan. 13, 2023)"),
      {
        url: null,
        title: "State Dep't: 'We Will Not Normalize' Relations With the Assad Regime, Nor Should Others",
        publisher: null,
        publishedDate: '2023-01-13',
        excerpt: "Referenced under \"See also\" in the source article.",
      },
    ],
    links: [{ to: 'state-department-2021-11-10', kind: 'follows_up' }],
  },
  {
    key: 'erdogan-ready-to-meet-assad',
    type: 'normalisation',
    title: 'Erdoğan signals readiness to meet Assad',
    summary: 'In the months before the article, Turkish President Recep Tayyip Erdoğan indicated a readiness to meet Bashar al-Assad.',
    date: '2023',
    status: 'published',
    countries: [
      { code: 'TR', role: 'actor' },
      { code: 'SY', role: 'target' },
    ],
    actors: [
      { entity: 'erdogan', role: 'speaker' },
      { entity: 'assad', role: 'subject' },
    ],
    tags: [],
    sources: [
      article(
        'In recent months Turkish President Recep Tayyip Erdogan has indicated a readiness to meet with Assad',
        '"in recent months" before late March 2023: recorded as 2023, the year the readiness was reported as current; it may have been first indicated in late 2022.',
      ),
    ],
    links: [],
  },
  {
    key: 'iraq-lebanon-arab-league-push',
    type: 'normalisation',
    title: "Iraq and Lebanon push for Syria's return to the Arab League",
    summary:
      "Several Arab states, including Iraq and Lebanon, pushed for Syria's return to the Arab League, twelve years after it was suspended.",
    date: '2023',
    status: 'published',
    countries: [
      { code: 'IQ', role: 'actor' },
      { code: 'LB', role: 'actor' },
      { code: 'SY', role: 'target' },
    ],
    actors: [
      { entity: 'iraq-government', role: 'participant' },
      { entity: 'lebanon-government', role: 'participant' },
      { entity: 'arab-league', role: 'addressee' },
      { entity: 'syria-government', role: 'subject' },
    ],
    tags: ['Arab League'],
    sources: [
      article(
        "several Arab states, including Iraq and Lebanon, are pushing for Syria's return to the Arab League, 12 years after it was suspended.",
        '"are pushing": under way when the article appeared, so 2023.',
      ),
    ],
    links: [{ to: 'arab-league-suspends-syria', kind: 'responds_to' }],
  },
  {
    key: 'saudi-arabia-plans-embassies',
    type: 'normalisation',
    title: 'Saudi Arabia reportedly plans to reopen embassies with Syria',
    summary:
      'Saudi Arabia, which led the way in isolating Damascus in 2011, became the latest regional government to move toward the Assad regime, with reported plans to reopen embassies in the two countries.',
    date: '2023-03',
    status: 'published',
    countries: [
      { code: 'SA', role: 'actor' },
      { code: 'SY', role: 'target' },
      // "embassies in the two countries": each side's embassy in the other's capital.
      { code: 'SA', role: 'location' },
      { code: 'SY', role: 'location' },
    ],
    actors: [
      { entity: 'saudi-government', role: 'issuer' },
      { entity: 'syria-government', role: 'subject' },
    ],
    tags: ['Embassies', 'Gulf states'],
    sources: [
      article(
        'Saudi Arabia, which led the way in steps to isolate Damascus in 2011, is the latest to do so, with reported plans to reopen embassies in the two countries.',
        '"is the latest to do so": reported as news when the article appeared, so March 2023.',
      ),
    ],
    links: [{ to: 'saudi-arabia-isolates-damascus', kind: 'reverses' }],
  },
  {
    key: 'congressional-letter-caesar-pace',
    type: 'legislative',
    title: 'Committee leaders decry "disappointingly slow pace" of Caesar Act sanctions',
    summary:
      'In a bipartisan letter to Secretary of State Antony Blinken and Treasury Secretary Janet Yellen, the chairmen and ranking members of the Senate Foreign Relations and House Foreign Affairs committees criticised the slow pace of sanctions under the Caesar Act.',
    details:
      '"In addition to the Caesar Act\'s importance in promoting accountability, an administration levying congressionally-mandated Caesar sanctions is a powerful tool to curb efforts to rehabilitate or normalize relations with the Assad regime," they wrote. The letter was sent less than a week before the designations of 28 March 2023.',
    date: '2023-03',
    status: 'published',
    legalAuthority: CAESAR_ACT,
    program: CAESAR_PROGRAM,
    countries: [
      { code: 'US', role: 'actor' },
      { code: 'SY', role: 'target' },
    ],
    actors: [
      { entity: 'sfrc', role: 'signatory' },
      { entity: 'hfac', role: 'signatory' },
      { entity: 'blinken', role: 'addressee' },
      { entity: 'yellen', role: 'addressee' },
    ],
    tags: ['Caesar Act', 'Accountability'],
    sources: [
      article(
        'the chairmen and ranking members of the Senate Foreign Relations Committee and House Foreign Affairs Committee in a bipartisan letter to Blinken and Treasury Secretary Janet Yellen drew attention to what they called "the disappointingly slow pace of sanctions under the Caesar Act."',
        '"Less than a week ago", counted back from late March 2023, gives March 2023 (the article gives no day).',
      ),
    ],
    links: [{ to: 'caesar-act-signed', kind: 'related' }],
  },
  {
    key: 'caesar-designations-qaddour-samer-assad',
    type: 'designation',
    title: 'Caesar Act sanctions on Khalid Qaddour and Samer Kamal al-Assad',
    summary:
      "In its first use of the authority, the Biden administration announced Caesar Act sanctions against businessman Khalid Qaddour and Samer Kamal al-Assad, a cousin of the president, for their involvement in the illicit drug trade in support of the regime.",
    details: 'The first sanctions imposed pursuant to the Caesar Act since mid-2020.',
    date: '2023-03-28',
    status: 'published',
    legalAuthority: CAESAR_ACT,
    program: CAESAR_PROGRAM,
    countries: [
      { code: 'US', role: 'actor' },
      { code: 'SY', role: 'target' },
    ],
    actors: [
      { entity: 'biden-administration', role: 'issuer' },
      { entity: 'qaddour', role: 'target' },
      { entity: 'samer-assad', role: 'target' },
    ],
    tags: ['Caesar Act', 'Illicit drug trade'],
    sources: [
      article(
        'until Tuesday, when the Biden administration in its first use of the authority announced Caesar Act sanctions against two Syrians, businessman Khalid Qaddour and Samer Kamal al-Assad, a cousin of the president, for their involvement in the illicit drugs trade in support of the regime.',
        '"Tuesday", the day of the designations the article reports as news: Tuesday 28 March 2023, the day they were announced.',
      ),
    ],
    links: [
      { to: 'caesar-act-signed', kind: 'implements' },
      { to: 'congressional-letter-caesar-pace', kind: 'related' },
    ],
  },
  {
    key: 'patel-remarks-2023-03-28',
    type: 'statement',
    title: "State Department: 'Our stance against normalization remains unchanged'",
    summary:
      'Asked how the new sanctions fit a wider strategy, principal deputy spokesperson Vedant Patel said the US would not normalise with the Assad regime nor encourage others to, and called the Caesar Act "a valuable tool" but "not the only tool".',
    details:
      '"We will not normalize with the Assad regime, nor would we encourage others, absent an authentic and enduring progress towards a political solution, to do so." Asked why the administration had waited two years to use the authority, Patel said the process is "intensive" and one "that we want to make sure that we get right."',
    date: '2023-03-28',
    status: 'published',
    legalAuthority: CAESAR_ACT,
    countries: [
      { code: 'US', role: 'actor' },
      { code: 'SY', role: 'target' },
    ],
    actors: [
      { entity: 'patel', role: 'speaker' },
      { entity: 'state-department', role: 'issuer' },
      { entity: 'syria-government', role: 'subject' },
    ],
    tags: ['US policy on normalisation', 'Caesar Act'],
    sources: [
      article(
        'Asked on Tuesday how the new sanctions fit into a wider strategy of preventing the normalization of Assad, State Department principal deputy spokesperson Vedant Patel replied, "our stance against normalization remains unchanged."',
        '"Asked on Tuesday", the day of the designations: Tuesday 28 March 2023.',
      ),
    ],
    links: [
      { to: 'caesar-designations-qaddour-samer-assad', kind: 'follows_up' },
      { to: 'state-department-2023-01-13', kind: 'related' },
    ],
  },
  {
    key: 'former-officials-letter',
    type: 'advocacy',
    title: 'Former senior US officials urge Biden to take a firmer line against normalisation with Assad',
    summary:
      'A group of former senior US officials and Mideast specialists wrote to President Biden and Secretary Blinken that opposing regime normalisation "in word only is not enough".',
    details:
      'The signatories call for a broad approach that includes a formalised ceasefire, improved humanitarian aid delivery, pursuit of accountability for war crimes and a continuation of the campaign against ISIS. They were joined by academics specialising in the region and by leaders of the American Coalition for Syria, Syrian American Council, Americans for a Free Syria and Syrian Emergency Task Force.',
    date: '2023-03',
    status: 'published',
    countries: [
      { code: 'US', role: 'actor' },
      { code: 'SY', role: 'target' },
    ],
    actors: [
      { entity: 'jeffrey', role: 'signatory' },
      { entity: 'rayburn', role: 'signatory' },
      { entity: 'mckenzie', role: 'signatory' },
      { entity: 'patterson', role: 'signatory' },
      { entity: 'feltman', role: 'signatory' },
      { entity: 'zinni', role: 'signatory' },
      { entity: 'american-coalition-for-syria', role: 'signatory' },
      { entity: 'syrian-american-council', role: 'signatory' },
      { entity: 'americans-for-a-free-syria', role: 'signatory' },
      { entity: 'syrian-emergency-task-force', role: 'signatory' },
      { entity: 'biden', role: 'addressee' },
      { entity: 'blinken', role: 'addressee' },
    ],
    tags: ['US policy on normalisation', 'Accountability'],
    sources: [
      article(
        '"Piecemeal normalization efforts by some regional governments do not address U.S. national security interests or human rights issues, and they erode the international community\'s capacity to shape a political process aimed at meaningfully resolving the crisis," reads the letter to President Biden and Secretary of State Antony Blinken.',
        'the article reports the letter as news ("is urging"), so March 2023, the month it appeared (no day given).',
      ),
    ],
    links: [
      { to: 'saudi-arabia-plans-embassies', kind: 'responds_to' },
      { to: 'state-department-2023-01-13', kind: 'related' },
    ],
  },
];
