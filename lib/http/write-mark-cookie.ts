/**
 * The cookie that carries a person's last write between requests on PostgreSQL (decision 0046):
 * the primary's WAL position after the write, so that their next request, on whichever server,
 * reads from a replica that has replayed it or from the primary. Not secret (a position in the
 * log says nothing about the data), but of no use to scripts: httpOnly, and gone in ten minutes,
 * long after any replica has caught up.
 */
export const WRITE_MARK_COOKIE = 'tracker-wal';
export const WRITE_MARK_MAX_AGE = 600;

/** A WAL position as PostgreSQL writes one ("16/B374D848"), or undefined for anything else. */
export function parseWriteMarkCookie(value: string | undefined): { lsn: string } | undefined {
  return value !== undefined && /^[0-9A-F]{1,8}\/[0-9A-F]{1,8}$/i.test(value) ? { lsn: value.toUpperCase() } : undefined;
}
