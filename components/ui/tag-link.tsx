import Link from 'next/link';
import type { ReactNode } from 'react';

const SIZES = {
  small: 'px-2 py-0.5 text-zinc-700 dark:text-zinc-300',
  normal: 'px-2.5 py-0.5 text-sm text-zinc-800 dark:text-zinc-200',
};

/**
 * A tag as a chip that opens the timeline filtered to it: at least 24 px tall on screen, a target
 * a finger can hit (WCAG 2.2 target size); inline on paper, where nothing is tapped.
 */
export function TagLink({
  slug,
  size = 'normal',
  plain = false,
  children,
}: {
  slug: string;
  size?: keyof typeof SIZES;
  /** An `<a>` that hydrates nothing, inside a list whose one click handler navigates within the app. */
  plain?: boolean;
  children: ReactNode;
}) {
  const href = `/?tag=${encodeURIComponent(slug)}`;
  const className = `inline-flex min-h-6 items-center rounded-full print:inline bg-zinc-100 no-underline hover:underline dark:bg-zinc-800 ${SIZES[size]}`;
  return plain ? (
    <a href={href} className={className}>
      {children}
    </a>
  ) : (
    <Link href={href} prefetch={false} className={className}>
      {children}
    </Link>
  );
}
