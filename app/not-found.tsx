import Link from 'next/link';

export default function NotFound() {
  return (
    <div className="mx-auto max-w-xl px-4 py-16 text-center">
      <p className="text-sm font-semibold uppercase tracking-wide text-zinc-500">404</p>
      <h1 className="mt-2 font-serif text-3xl font-semibold">Not found</h1>
      <p className="mt-3 text-zinc-700 dark:text-zinc-300">
        There is nothing at this address. The event or actor may never have existed, or the link may be mistyped.
      </p>
      <p className="mt-6">
        <Link href="/">Go to the timeline</Link>
      </p>
    </div>
  );
}
