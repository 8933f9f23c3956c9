/**
 * How multi-valued fields are written into one CSV cell and read back. Shared by the export and
 * the importer so that exporting and re-importing the same file changes nothing.
 *
 * Values are separated by "; ". Inside a value, a semicolon is written "\;" and a backslash "\\",
 * so every value round-trips (a tag "alpha; beta", a URL with ";"), while the common case reads
 * as plain text. A backslash before anything else stays as it is, so hand-written cells need no
 * escaping beyond "\;". See docs/decisions/0024-csv-list-cells.md.
 *
 * The export builds the same cells in SQL (db/queries/export.ts, `escapeListValueSql`); a test
 * compares the two row for row.
 */
import { COUNTRY_ROLES, type CountryRole } from '@/lib/countries';
import { ENTITY_KINDS, ENTITY_ROLES, type EntityKind, type EntityRole } from '@/lib/vocabulary';

export const MULTI_VALUE_SEPARATOR = '; ';

/** "alpha; beta" → "alpha\; beta", "a\b" → "a\\b". */
export function escapeListValue(value: string): string {
  return value.replace(/[\\;]/g, (c) => `\\${c}`);
}

/** Joins values into one cell; empty values keep their slot ("; https://b": the first has none). */
export function joinValues(values: readonly string[]): string {
  return values.map(escapeListValue).join(MULTI_VALUE_SEPARATOR);
}

/**
 * Splits a cell at every semicolon that is not escaped, undoing the escapes; each value is
 * trimmed. Tolerant of a missing space after ";". Empty values are dropped unless `keepEmpty`
 * (positional cells, where an empty slot means "none").
 */
export function splitValues(cell: string, { keepEmpty = false }: { keepEmpty?: boolean } = {}): string[] {
  const values: string[] = [];
  let current = '';
  for (let i = 0; i < cell.length; i++) {
    const c = cell[i]!;
    const next = cell[i + 1];
    if (c === '\\' && (next === '\\' || next === ';')) {
      current += next;
      i++;
    } else if (c === ';') {
      values.push(current);
      current = '';
    } else {
      current += c;
    }
  }
  values.push(current);
  const trimmed = values.map((v) => v.trim());
  return keepEmpty ? trimmed : trimmed.filter((v) => v.length > 0);
}

/** "SY (target)" */
export function formatCountry(code: string, role: CountryRole): string {
  return `${code} (${role})`;
}

/** "Khalid Qaddour (target, person)": the role, then the kind of actor. */
export function formatActor(name: string, role: EntityRole, kind?: EntityKind): string {
  return kind ? `${name} (${role}, ${kind})` : `${name} (${role})`;
}

/** The bracket at the end of a value; whatever comes before it, brackets included, is the name. */
const WITH_ROLE = /^(.*\S)\s*\(([^()]*)\)$/;

/** "international body", "International_Body" → "international_body". */
const term = (value: string) => value.trim().toLowerCase().replace(/[\s-]+/g, '_');

export function parseWithRole<R extends string>(
  value: string,
  roles: readonly R[],
): { name: string; role: R } | { error: string } {
  const m = WITH_ROLE.exec(value.trim());
  if (!m) return { error: `"${value}" has no role in brackets, e.g. "${value} (${roles[0]})".` };
  const role = term(m[2]!) as R;
  if (!roles.includes(role)) return { error: `"${m[2]}" is not a role; use one of ${roles.join(', ')}.` };
  return { name: m[1]!, role };
}

export const parseCountryCell = (value: string) => parseWithRole(value, COUNTRY_ROLES);

/**
 * "Khalid Qaddour (target)" or "Khalid Qaddour (target, person)". Roles and kinds are different
 * words, so their order in the brackets does not matter; the kind is optional (it only decides
 * what kind an actor the import creates is).
 */
export function parseActorCell(value: string): { name: string; role: EntityRole; kind: EntityKind | null } | { error: string } {
  const m = WITH_ROLE.exec(value.trim());
  if (!m) return { error: `"${value}" has no role in brackets, e.g. "${value} (${ENTITY_ROLES[0]})" or "${value} (${ENTITY_ROLES[0]}, person)".` };
  const words = m[2]!.split(',').map(term);
  const roles = words.filter((w): w is EntityRole => (ENTITY_ROLES as readonly string[]).includes(w));
  const kinds = words.filter((w): w is EntityKind => (ENTITY_KINDS as readonly string[]).includes(w));
  const unknown = words.filter((w) => !roles.includes(w as EntityRole) && !kinds.includes(w as EntityKind));
  if (unknown.length > 0 || roles.length !== 1 || kinds.length > 1) {
    const bad = unknown[0] ?? (roles.length === 0 ? null : words.join(', '));
    const why = bad === null ? `"${m[2]}" has no role` : `"${bad}" is not a role or a kind of actor`;
    return {
      error: `${why}; write the role (${ENTITY_ROLES.join(', ')}) and, if you like, the kind (${ENTITY_KINDS.join(', ')}), e.g. "${m[1]} (target, person)".`,
    };
  }
  return { name: m[1]!, role: roles[0]!, kind: kinds[0] ?? null };
}
