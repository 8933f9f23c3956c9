import type { Metadata } from 'next';
import Link from 'next/link';
import { SignInForm } from '@/components/auth/sign-in-form';
import { ROLE_LABELS } from '@/lib/auth/roles';
import { getViewer } from '@/server/auth/viewer';
import { safeNextPath } from '@/lib/safe-next';

export const metadata: Metadata = { title: 'Sign in' };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export default async function SignInPage({ searchParams }: { searchParams: SearchParams }) {
  const sp = await searchParams;
  const next = safeNextPath(typeof sp.next === 'string' ? sp.next : undefined);
  const viewer = await getViewer();

  return (
    <div className="mx-auto max-w-sm px-4 py-10">
      <h1 className="font-serif text-3xl font-semibold">Sign in</h1>
      {viewer ? (
        <div className="mt-4 space-y-3 text-sm">
          <p>
            You are signed in as <strong>{viewer.email}</strong> ({ROLE_LABELS[viewer.role].toLowerCase()}).
          </p>
          <p>
            <Link href={next}>Continue</Link>
          </p>
        </div>
      ) : (
        <>
          <p className="mt-2 mb-6 text-sm text-zinc-700 dark:text-zinc-300">
            For staff who record and review events. Reading the published timeline needs no account unless this
            installation requires one. Accounts are created by an admin.
          </p>
          <SignInForm next={next} />
        </>
      )}
    </div>
  );
}
