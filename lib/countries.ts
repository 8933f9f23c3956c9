import { COUNTRY_NAMES } from './country-names';

export type CountryCode = keyof typeof COUNTRY_NAMES;

export const COUNTRY_CODES = Object.keys(COUNTRY_NAMES) as CountryCode[];

export { COUNTRY_ROLES, COUNTRY_ROLE_LABELS, type CountryRole } from './country-roles';

export function isCountryCode(value: string): value is CountryCode {
  return Object.hasOwn(COUNTRY_NAMES, value);
}

export function countryName(code: string): string {
  return isCountryCode(code) ? COUNTRY_NAMES[code] : code;
}

/** Countries sorted by English name, for pickers. */
export const COUNTRIES_BY_NAME = COUNTRY_CODES.map((code) => ({ code, name: COUNTRY_NAMES[code] })).sort((a, b) =>
  a.name.localeCompare(b.name, 'en'),
);
