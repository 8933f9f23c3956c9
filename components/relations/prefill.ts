/**
 * Which dyad an event most likely speaks to, for prefilling "Changes a standing" on its page; only
 * when it is obvious, else the field is left for the editor to choose (a guess would be saved
 * unnoticed more often than corrected).
 *
 * Obvious: one organisation the tracker knows among the actors and one other country (the
 * organisation's standing with that country), or one actor country and one other country (the
 * actor's standing with the target, or with the only other country).
 */
import { ORGANISATION_NAMES } from '@/lib/relations/regions';

interface Side {
  code: string;
  role: 'actor' | 'target' | 'location';
}

const ORGANISATION_BY_NAME = new Map(Object.entries(ORGANISATION_NAMES).map(([key, name]) => [name.toLowerCase(), key]));

export function obviousDyad(countries: readonly Side[], actors: readonly { name: string }[]): { subject: string; counterpart: string } {
  const codes = [...new Set(countries.map((c) => c.code))];
  const organisations = [...new Set(actors.flatMap((a) => ORGANISATION_BY_NAME.get(a.name.toLowerCase()) ?? []))];
  if (organisations.length === 1 && codes.length === 1) return { subject: organisations[0]!, counterpart: codes[0]! };
  const actorCodes = [...new Set(countries.filter((c) => c.role === 'actor').map((c) => c.code))];
  const targets = [...new Set(countries.filter((c) => c.role === 'target').map((c) => c.code))];
  if (organisations.length === 0 && actorCodes.length === 1) {
    const others = codes.filter((c) => c !== actorCodes[0]);
    const counterpart = targets.length === 1 && targets[0] !== actorCodes[0] ? targets[0]! : others.length === 1 ? others[0]! : '';
    return { subject: counterpart ? actorCodes[0]! : '', counterpart };
  }
  return { subject: '', counterpart: '' };
}
