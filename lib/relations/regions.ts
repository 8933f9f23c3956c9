/**
 * Regions for grouping the board's rows, and names for organisation subjects. A reading aid, not
 * a political statement: the groups follow the analyst's question about Syria (Arab states first,
 * then the region's other powers, then the rest of the world), and every country not listed falls
 * into "Other states" rather than being guessed into a group.
 */
import { countryName } from '@/lib/countries';
import { subjectKind } from './scale';

export const REGIONS = [
  'Arab states',
  'Middle East, other',
  'Europe',
  'Russia and Central Asia',
  'Americas',
  'Asia and Pacific',
  'Africa',
  'Other states',
  'Organisations',
] as const;
export type Region = (typeof REGIONS)[number];

/** The 22 members of the League of Arab States (Syria's seat suspended 2011-2023 included). */
export const ARAB_LEAGUE_MEMBERS = [
  'DZ', 'BH', 'KM', 'DJ', 'EG', 'IQ', 'JO', 'KW', 'LB', 'LY', 'MR',
  'MA', 'OM', 'PS', 'QA', 'SA', 'SO', 'SD', 'SY', 'TN', 'AE', 'YE',
] as const;

export const EU_MEMBERS = [
  'AT', 'BE', 'BG', 'HR', 'CY', 'CZ', 'DK', 'EE', 'FI', 'FR', 'DE', 'GR', 'HU', 'IE',
  'IT', 'LV', 'LT', 'LU', 'MT', 'NL', 'PL', 'PT', 'RO', 'SK', 'SI', 'ES', 'SE',
] as const;

const GROUPS: Record<Exclude<Region, 'Other states' | 'Organisations'>, readonly string[]> = {
  'Arab states': ARAB_LEAGUE_MEMBERS,
  'Middle East, other': ['TR', 'IR', 'IL'],
  Europe: [...EU_MEMBERS, 'GB', 'NO', 'CH', 'IS', 'LI', 'AL', 'BA', 'ME', 'MK', 'RS', 'XK', 'UA', 'MD', 'BY', 'AD', 'MC', 'SM', 'VA'],
  'Russia and Central Asia': ['RU', 'KZ', 'KG', 'TJ', 'TM', 'UZ', 'AM', 'AZ', 'GE'],
  Americas: ['US', 'CA', 'MX', 'BR', 'AR', 'CL', 'CO', 'PE', 'VE', 'CU', 'BO', 'EC', 'UY', 'PY', 'NI', 'PA', 'CR', 'GT', 'HN', 'SV', 'DO', 'HT', 'JM'],
  'Asia and Pacific': ['CN', 'JP', 'KR', 'KP', 'IN', 'PK', 'AF', 'BD', 'LK', 'NP', 'ID', 'MY', 'SG', 'TH', 'VN', 'PH', 'MM', 'KH', 'LA', 'MN', 'AU', 'NZ'],
  Africa: ['NG', 'ZA', 'ET', 'KE', 'GH', 'SN', 'CI', 'CM', 'TZ', 'UG', 'AO', 'CD', 'CG', 'ML', 'NE', 'TD', 'ER', 'SS', 'RW', 'ZW', 'ZM', 'MZ'],
};

const REGION_OF = new Map<string, Region>();
for (const [region, codes] of Object.entries(GROUPS)) for (const code of codes) REGION_OF.set(code, region as Region);

/** The board's group for a subject: its region for a state, "Organisations" for an organisation. */
export function regionOf(subject: string): Region {
  if (subjectKind(subject) === 'organisation') return 'Organisations';
  return REGION_OF.get(subject) ?? 'Other states';
}

export function regionRank(region: Region): number {
  return REGIONS.indexOf(region);
}

/** Organisation keys the tracker knows, with the actor name the timeline records them under. */
export const ORGANISATION_NAMES: Readonly<Record<string, string>> = {
  'arab-league': 'Arab League',
  gcc: 'Gulf Cooperation Council',
  oic: 'Organisation of Islamic Cooperation',
  'african-union': 'African Union',
  eu: 'European Union',
  un: 'United Nations',
  nato: 'NATO',
  opec: 'OPEC',
};

/** "arab-league" → "Arab League"; an unknown key is shown as its words, capitalised. */
export function organisationName(key: string): string {
  return ORGANISATION_NAMES[key] ?? key.split('-').map((w) => w.charAt(0).toUpperCase() + w.slice(1)).join(' ');
}

/** A subject as people read it: a country's name or an organisation's. */
export function subjectName(subject: string): string {
  return subjectKind(subject) === 'organisation' ? organisationName(subject) : countryName(subject);
}
