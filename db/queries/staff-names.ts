/**
 * Staff by their display name. A revision keeps the e-mail address its author had (`actor`, for
 * the record, and for changes whose account has gone); pages show the account's current name
 * instead, so a renamed colleague appears under the new name everywhere, and an address is shown
 * only when the account is gone or has no name.
 */
import { sql, type SQL } from 'drizzle-orm';

/** The display name of the author of the revision aliased `alias` (default: the `revisions` table). */
export function revisionAuthorName(alias: string = 'revisions'): SQL<string> {
  const r = sql.identifier(alias);
  return sql<string>`coalesce((SELECT nullif(trim(u.name), '') FROM "user" u WHERE u.id = ${r}."user_id"), ${r}."actor")`;
}
