/**
 * The standing changes the seed article supports (issue 12), and only those, at the precision and
 * with the status it gives. Each cites the seed events it rests on (db/seed/seed-data.ts, by key)
 * and says in its note which sentence it comes from and how its date was worked out.
 *
 * What the article does not support is left out on purpose:
 *  - Saudi Arabia "led the way in steps to isolate Damascus in 2011", but the text does not say
 *    what Saudi Arabia did to its embassy or its level then: the isolation stays an event without
 *    a standing change ('saudi-arabia-isolates-damascus').
 *  - Erdoğan "has indicated a readiness to meet with Assad": a statement, not a change of standing.
 *  - The level (ambassador, chargé d'affaires...) of the UAE's and Bahrain's reopened embassies is
 *    not given: stored as unknown, never guessed.
 */
import type { StandingChangeRaw } from '@/lib/relations/change';

export interface SeedStandingChange extends Omit<StandingChangeRaw, 'evidenceEventIds'> {
  /** Seed event keys (db/seed/seed-data.ts) of the evidence. */
  evidence: string[];
}

export const SEED_STANDING_CHANGES: SeedStandingChange[] = [
  {
    dyad: { subject: 'arab-league', counterpart: 'SY' },
    date: '2011',
    status: 'in_effect',
    level: 'suspended',
    embassy: null,
    ambassadorRecalled: null,
    evidence: ['arab-league-suspends-syria'],
    note:
      'The article (March 2023): Syria\'s return to the Arab League is sought "12 years after it was suspended". ' +
      'The year 2011 is computed from "12 years" and agrees with "steps to isolate Damascus in 2011"; the month and day are not given.',
  },
  {
    dyad: { subject: 'arab-league', counterpart: 'SY' },
    date: '2023',
    status: 'reported',
    level: 'member',
    embassy: null,
    ambassadorRecalled: null,
    evidence: ['iraq-lebanon-arab-league-push'],
    note:
      'Reported, not in effect: "several Arab states, including Iraq and Lebanon, are pushing for Syria\'s return to the Arab League". ' +
      'A push by members, not a decision of the League. Dated 2023 from "are pushing" in the article of March 2023.',
  },
  {
    dyad: { subject: 'AE', counterpart: 'SY' },
    date: '2018',
    status: 'in_effect',
    level: 'unknown',
    embassy: 'open',
    ambassadorRecalled: null,
    evidence: ['uae-reopens-embassy'],
    note: '"The United Arab Emirates and Bahrain ... reopened their embassies in Damascus in 2018." The article does not say at what level.',
  },
  {
    dyad: { subject: 'BH', counterpart: 'SY' },
    date: '2018',
    status: 'in_effect',
    level: 'unknown',
    embassy: 'open',
    ambassadorRecalled: null,
    evidence: ['bahrain-reopens-embassy'],
    note: '"The United Arab Emirates and Bahrain ... reopened their embassies in Damascus in 2018." The article does not say at what level.',
  },
  {
    dyad: { subject: 'SA', counterpart: 'SY' },
    date: '2023-03',
    status: 'reported',
    level: null,
    embassy: 'open',
    ambassadorRecalled: null,
    evidence: ['saudi-arabia-plans-embassies'],
    note:
      'Reported plans, not a reopening: Saudi Arabia is "the latest to do so, with reported plans to reopen embassies in the two countries". ' +
      'Dated March 2023, the month of the article (inferred from "Tuesday" designations of 28 March 2023).',
  },
];
