import Link from 'next/link';
import { signOut } from '@/server/actions/sign-in';
import { ROLE_LABELS, can, staffDisplayName } from '@/lib/auth/roles';
import { getViewer } from '@/server/auth/viewer';
import { writeRefusal } from '@/db/engine/integrity';

/**
 * The site's name and menu. Its links are not prefetched as they scroll into view: on a phone that
 * was a dozen requests, and their parsing on the main thread, straight after every page load
 * (decision 0038); a click still navigates inside the app.
 */
export async function SiteHeader() {
  const viewer = await getViewer();
  // Staff only: while the file is known to be damaged their saves are refused (decision 0037).
  const paused = can(viewer, 'drafts:read') ? writeRefusal() : null;
  return (
    <header className="no-print border-b border-zinc-200 bg-zinc-50 dark:border-zinc-800 dark:bg-zinc-900">
      <div className="mx-auto flex max-w-6xl flex-wrap items-center justify-between gap-3 px-4 py-3">
        <Link prefetch={false} href="/" className="font-serif text-lg font-semibold text-zinc-900 no-underline dark:text-zinc-50">
          Sanctions &amp; Policy Tracker
        </Link>
        <nav aria-label="Main">
          <ul className="flex flex-wrap items-center gap-x-4 gap-y-2 text-sm">
            <li>
              <Link prefetch={false} href="/">Timeline</Link>
            </li>
            <li>
              <Link prefetch={false} href="/relations">Relations</Link>
            </li>
            <li>
              <Link prefetch={false} href="/countries">Countries</Link>
            </li>
            <li>
              <Link prefetch={false} href="/entities">Actors</Link>
            </li>
            <li>
              <Link prefetch={false} href="/changes">What changed</Link>
            </li>
            {can(viewer, 'drafts:read') ? (
              <>
                <li>
                  <Link prefetch={false} href="/saved">Saved views</Link>
                </li>
                <li>
                  <Link prefetch={false} href="/events/drafts">Drafts</Link>
                </li>
              </>
            ) : null}
            {can(viewer, 'records:write') ? (
              <>
                <li>
                  <Link prefetch={false} href="/events/new">New event</Link>
                </li>
                <li>
                  <Link prefetch={false} href="/entities/new">New actor</Link>
                </li>
                <li>
                  <Link prefetch={false} href="/import">Import</Link>
                </li>
                <li>
                  <Link prefetch={false} href="/lists">Lists</Link>
                </li>
                <li>
                  <Link prefetch={false} href="/events/deleted">Deleted</Link>
                </li>
              </>
            ) : null}
            {can(viewer, 'users:manage') ? (
              <li>
                <Link prefetch={false} href="/admin/users">Users</Link>
              </li>
            ) : null}
            {can(viewer, 'users:manage') ? (
              <li>
                <Link prefetch={false} href="/admin/webhooks">Webhooks</Link>
              </li>
            ) : null}
            {viewer ? (
              <>
                <li className="text-zinc-600 dark:text-zinc-400" data-testid="signed-in-as">
                  <span className="sr-only">Signed in as </span>
                  {staffDisplayName(viewer)} · {ROLE_LABELS[viewer.role]}
                </li>
                <li>
                  <form action={signOut}>
                    <button
                      type="submit"
                      className="text-blue-700 underline decoration-blue-700/40 underline-offset-2 hover:decoration-current dark:text-blue-300"
                    >
                      Sign out
                    </button>
                  </form>
                </li>
              </>
            ) : (
              <li>
                <Link prefetch={false} href="/sign-in">Sign in</Link>
              </li>
            )}
          </ul>
        </nav>
      </div>
      {paused ? (
        <p role="alert" className="border-t border-red-300 bg-red-50 px-4 py-2 text-center text-sm text-red-900 dark:border-red-800 dark:bg-red-950 dark:text-red-100">
          {paused}
        </p>
      ) : null}
    </header>
  );
}
