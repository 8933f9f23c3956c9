/**
 * The words of a synthetic event: templates per type whose slots are filled from the event's own
 * actors, countries, program and word lists, so that the text agrees with the structured fields
 * and full-text search meets common words, mid-frequency ones (places, programs) and rare ones
 * (the names of tail entities).
 */
import type { EventTypeKey } from '@/lib/event-types';
import type { Rng } from './random';
import {
  ADVOCACY_ACTIONS,
  CONNECTIVES,
  ISOLATION_ACTIONS,
  LEGISLATIVE_ACTIONS,
  NORMALISATION_ACTIONS,
  STATEMENT_VERBS,
} from './vocabulary';

function listNames(names: string[]): string {
  if (names.length <= 1) return names[0] ?? '';
  if (names.length <= 3) return `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
  return `${names.slice(0, 2).join(', ')} and ${names.length - 2} others`;
}

export function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

/** What the text templates fill their slots with; built per event from its own actors. */
export interface Slots {
  issuer: string;
  target: string;
  subject: string;
  subjects: string[];
  speaker: string;
  office: string;
  place: string;
  sector: string;
  activity: string;
  topic: string;
  qualifier: string;
  authority: string;
  program: string;
  number: number;
  year: string;
}

type Template = (s: Slots) => string;

const TITLES: Record<EventTypeKey, Template[]> = {
  designation: [
    (s) => `${s.issuer} sanctions ${s.subject} for ${s.activity}`,
    (s) =>
      s.subjects.length > 1
        ? `${s.issuer} designates ${s.subjects.length} individuals and entities linked to ${s.target}`
        : `${s.issuer} designates ${s.subject} in ${s.target} action`,
    (s) => `${s.program} designations target ${s.sector} network in ${s.target}`,
    (s) => `New sanctions on ${s.subject} over ${s.activity}`,
    (s) => `${s.issuer} targets ${s.place} ${s.sector} facilitators`,
    (s) => `${capitalise(s.qualifier)} designations hit ${s.subject}`,
  ],
  removal: [
    (s) => `${s.issuer} removes ${s.subject} from its sanctions list`,
    (s) => `General licence ${s.number} authorises ${s.sector} transactions in ${s.target}`,
    (s) => `${s.issuer} lifts sanctions on ${s.subject}`,
    (s) => `Delisting of ${s.subject} after review of ${s.activity}`,
    (s) => `${capitalise(s.qualifier)} waiver eases ${s.sector} restrictions on ${s.target}`,
  ],
  authority: [
    (s) => `${s.authority} enters into force`,
    (s) => `${s.issuer} adopts ${s.authority}`,
    (s) => `Amendment to ${s.authority} broadens ${s.sector} restrictions`,
    (s) => `${s.issuer} issues new powers against ${s.activity}`,
  ],
  normalisation: [
    (s) => `${s.issuer}'s ${s.office} visits ${s.place} in ${s.target}`,
    (s) => `${s.issuer} ${NORMALISATION_ACTIONS[s.number % NORMALISATION_ACTIONS.length]} ${s.target}`,
    (s) => `${s.speaker} of ${s.issuer} meets counterpart in ${s.place}`,
    (s) => `${capitalise(s.qualifier)} rapprochement between ${s.issuer} and ${s.target}`,
  ],
  isolation: [
    (s) => `${s.issuer} ${ISOLATION_ACTIONS[s.number % ISOLATION_ACTIONS.length]} ${s.target}`,
    (s) => `${s.issuer} cuts ${s.sector} links with ${s.target}`,
    (s) => `${capitalise(s.qualifier)} isolation of ${s.target} after events in ${s.place}`,
  ],
  statement: [
    (s) => `${s.issuer} ${s.office} ${s.speaker} ${s.topic.length % 2 ? 'on' : 'about'} ${s.topic}`,
    (s) => `${s.speaker} ${STATEMENT_VERBS[s.number % STATEMENT_VERBS.length]} ${s.topic}`,
    (s) => `Spokesperson: ${s.issuer} ${STATEMENT_VERBS[s.number % STATEMENT_VERBS.length]} ${s.topic}`,
    (s) => `Joint statement by ${s.issuer} and ${s.target} on ${s.topic}`,
    (s) => `${s.issuer} responds to reports from ${s.place}`,
  ],
  legislative: [
    (s) => `${s.subject} ${LEGISLATIVE_ACTIONS[s.number % LEGISLATIVE_ACTIONS.length]} ${s.topic}`,
    (s) => `Bill ${s.number}/${s.year} to extend ${s.program} sanctions introduced`,
    (s) => `Hearing on ${s.topic} with testimony from ${s.speaker}`,
    (s) => `Lawmakers press ${s.issuer} on ${s.activity}`,
  ],
  advocacy: [
    (s) => `${s.subject} ${ADVOCACY_ACTIONS[s.number % ADVOCACY_ACTIONS.length]} ${s.topic}`,
    (s) => `Former officials urge ${s.issuer} to act on ${s.topic}`,
    (s) => `Report documents ${s.activity} in ${s.place}`,
    (s) => `${s.subject} letter on ${s.target} signed by ${s.speaker}`,
  ],
};

const SUMMARIES: Record<EventTypeKey, Template[]> = {
  designation: [
    (s) => `${s.issuer} designated ${listNames(s.subjects)} under ${s.authority} for ${s.activity}.`,
    (s) => `The ${s.qualifier} action adds ${listNames(s.subjects)} to the ${s.program} list, citing ${s.activity} in ${s.place}.`,
  ],
  removal: [
    (s) => `${s.issuer} removed ${listNames(s.subjects)} from the ${s.program} list after a review.`,
    (s) => `A ${s.qualifier} licence allows ${s.sector} transactions involving ${s.target} that were previously prohibited.`,
  ],
  authority: [
    (s) => `${s.authority} gives ${s.issuer} powers to sanction those involved in ${s.activity}.`,
    (s) => `The measure creates a ${s.qualifier} framework for restrictions on the ${s.sector} sector of ${s.target}.`,
  ],
  normalisation: [
    (s) => `${s.issuer} took a ${s.qualifier} step towards ${s.target}, with its ${s.office} in ${s.place}.`,
    (s) => `The move by ${s.issuer} follows months of contacts on ${s.topic}.`,
  ],
  isolation: [
    (s) => `${s.issuer} took a ${s.qualifier} measure against ${s.target}, citing ${s.activity}.`,
    (s) => `Relations between ${s.issuer} and ${s.target} deteriorated over ${s.topic}.`,
  ],
  statement: [
    (s) => `${s.speaker}, ${s.office} of ${s.issuer}, spoke about ${s.topic}.`,
    (s) => `${s.issuer} ${STATEMENT_VERBS[(s.number + 3) % STATEMENT_VERBS.length]} ${s.topic}, in remarks in ${s.place}.`,
  ],
  legislative: [
    (s) => `Members of ${s.subject} acted on ${s.topic}, asking ${s.issuer} about ${s.activity}.`,
    (s) => `The ${s.qualifier} measure would tighten the ${s.program} program in the ${s.sector} sector.`,
  ],
  advocacy: [
    (s) => `${s.subject} called on ${s.issuer} to address ${s.topic}.`,
    (s) => `Signed by ${s.speaker} and others, the text describes ${s.activity}.`,
  ],
};

const DETAIL_SENTENCES: Template[] = [
  (s) => `The action freezes assets held under ${s.issuer} jurisdiction and bars dealings with ${s.subject}.`,
  (s) => `Officials said the network used front companies in ${s.place} to move ${s.sector} goods.`,
  (s) => `${s.subject} had been linked to ${s.activity} since ${s.year}.`,
  (s) => `The ${s.office} described the step as ${s.qualifier}.`,
  (s) => `Shipments through ${s.place} were valued at ${s.number} million dollars.`,
  (s) => `${s.target} rejected the measure as interference in its internal affairs.`,
  (s) => `The ${s.program} program now lists more entities in the ${s.sector} sector than any other.`,
  (s) => `Humanitarian trade with ${s.target} remains exempt under existing licences.`,
  (s) => `The decision comes amid debate on ${s.topic}.`,
  (s) => `${s.speaker} said further steps were under consideration.`,
  (s) => `Vessels managed from ${s.place} switched flags ${s.number % 9 + 2} times in a year.`,
  (s) => `Banks in ${s.place} were told to report transactions involving ${s.subject}.`,
];

/** A sentence placed after a connective ("Separately, the …"): lower-case unless it starts with a name. */
function continued(sentence: string): string {
  return /^(The|Officials|Shipments|Vessels|Banks|Humanitarian) /.test(sentence)
    ? sentence.charAt(0).toLowerCase() + sentence.slice(1)
    : sentence;
}

export interface EventText {
  title: string;
  summary: string;
  details: string | null;
}

export function detailSentence(rng: Rng, slots: Slots): string {
  return rng.pick(DETAIL_SENTENCES)(slots);
}

export function eventText(rng: Rng, type: EventTypeKey, slots: Slots): EventText {
  const title = rng.pick(TITLES[type])(slots);
  let summary = rng.pick(SUMMARIES[type])(slots);
  if (rng.chance(0.4)) summary += ` ${rng.pick(CONNECTIVES)} ${continued(detailSentence(rng, slots))}`;
  let details: string | null = null;
  if (rng.chance(0.6)) {
    const sentences: string[] = [];
    const n = rng.between(2, 6);
    for (let k = 0; k < n; k++) {
      const sentence = detailSentence(rng, slots);
      sentences.push(rng.chance(0.3) ? `${rng.pick(CONNECTIVES)} ${continued(sentence)}` : sentence);
    }
    details = sentences.join(rng.chance(0.3) ? '\n\n' : ' ');
  }
  return { title, summary, details };
}

/** A second outlet's headline for the same event. */
export function sourceHeadline(rng: Rng, slots: Slots): string {
  const noun = rng.pick(['move', 'step', 'action', 'decision', 'measures']);
  return `${capitalise(slots.qualifier)} ${noun} on ${slots.target}: ${slots.topic}`;
}
