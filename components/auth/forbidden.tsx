import Link from 'next/link';
import type { Viewer } from '@/lib/auth/roles';
import { ROLE_LABELS, staffDisplayName } from '@/lib/auth/roles';

/** What a signed-in person without the needed role sees instead of a staff page. */
export function Forbidden({ viewer, needs }: { viewer: Viewer; needs: string }) {
  return (
    <div className="mx-auto max-w-xl px-4 py-16 text-center">
      <p className="text-sm font-semibold uppercase tracking-wide text-zinc-500">403</p>
      <h1 className="mt-2 font-serif text-3xl font-semibold">Not allowed</h1>
      <p className="mt-3 text-zinc-700 dark:text-zinc-300">
        This page needs {needs}. You are signed in as {staffDisplayName(viewer)} with the {ROLE_LABELS[viewer.role].toLowerCase()} role; an
        admin can change that.
      </p>
      <p className="mt-6">
        <Link href="/">Go to the timeline</Link>
      </p>
    </div>
  );
}
