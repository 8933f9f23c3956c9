/**
 * What the current request may see. One place for pages and routes to ask, so that sign-in
 * changes one function and not every caller.
 */
import 'server-only';

/** Whether the viewer may see drafts (and filter by status). */
export async function canSeeDrafts(): Promise<boolean> {
  // wired to the session by the auth work
  return false;
}
