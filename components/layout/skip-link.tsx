'use client';

/**
 * The page's first Tab stop. On the timeline it skips the header and the filters and lands on the
 * results (`#results`, TimelineResults); elsewhere on the page's content (`#main`). Both targets
 * take focus (tabIndex -1), so the next Tab continues from there.
 */
import { usePathname } from 'next/navigation';

export function SkipLink() {
  const timeline = usePathname() === '/';
  return (
    <a
      href={timeline ? '#results' : '#main'}
      className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:z-50 focus:rounded focus:bg-white focus:px-3 focus:py-2 dark:focus:bg-zinc-900"
    >
      {timeline ? 'Skip to results' : 'Skip to content'}
    </a>
  );
}
