/**
 * How multi-valued fields are written into one CSV cell and read back. Shared by the export and
 * the importer so that exporting and re-importing the same file changes nothing.
 */
import { COUNTRY_ROLES, type CountryRole } from '@/lib/countries';
import { ENTITY_ROLES, type EntityRole } from '@/lib/vocabulary';

export const MULTI_VALUE_SEPARATOR = '; ';

export function joinValues(values: readonly string[]): string {
  return values.join(MULTI_VALUE_SEPARATOR);
}

/** Splits a multi-valued cell; tolerant of a missing space after ";" and of empty entries. */
export function splitValues(cell: string): string[] {
  return cell
    .split(';')
    .map((v) => v.trim())
    .filter((v) => v.length > 0);
}

/** "SY (target)" */
export function formatCountry(code: string, role: CountryRole): string {
  return `${code} (${role})`;
}

/** "Khalid Qaddour (target)" */
export function formatActor(name: string, role: EntityRole): string {
  return `${name} (${role})`;
}

const WITH_ROLE = /^(.*\S)\s*\(([a-z_]+)\)$/;

export function parseWithRole<R extends string>(
  value: string,
  roles: readonly R[],
): { name: string; role: R } | { error: string } {
  const m = WITH_ROLE.exec(value.trim());
  if (!m) return { error: `"${value}" has no role in brackets, e.g. "${value} (${roles[0]})".` };
  const role = m[2] as R;
  if (!roles.includes(role)) return { error: `"${m[2]}" is not a role; use one of ${roles.join(', ')}.` };
  return { name: m[1]!, role };
}

export const parseCountryCell = (value: string) => parseWithRole(value, COUNTRY_ROLES);
export const parseActorCell = (value: string) => parseWithRole(value, ENTITY_ROLES);
