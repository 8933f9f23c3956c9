/** How a country takes part in an event (without the list of countries, for the browser's code). */
export const COUNTRY_ROLES = ['actor', 'target', 'location'] as const;
export type CountryRole = (typeof COUNTRY_ROLES)[number];

export const COUNTRY_ROLE_LABELS: Record<CountryRole, string> = {
  actor: 'Actor',
  target: 'Target',
  location: 'Location',
};
