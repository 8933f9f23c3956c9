import Link from 'next/link';

export function SiteHeader() {
  return (
    <header className="no-print border-b border-zinc-200 bg-zinc-50 dark:border-zinc-800 dark:bg-zinc-900">
      <div className="mx-auto flex max-w-6xl flex-wrap items-center justify-between gap-3 px-4 py-3">
        <Link href="/" className="font-serif text-lg font-semibold text-zinc-900 no-underline dark:text-zinc-50">
          Sanctions &amp; Policy Tracker
        </Link>
        <nav aria-label="Main">
          <ul className="flex items-center gap-4 text-sm">
            <li>
              <Link href="/">Timeline</Link>
            </li>
          </ul>
        </nav>
      </div>
    </header>
  );
}
