import Link from 'next/link';
import type { ReactNode } from 'react';

/** Class names of app/globals.css's components layer (short: they repeat on every event). */
const SIZES = {
  small: 'chip-tag chip-tag-small',
  normal: 'chip-tag chip-tag-normal',
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
  const className = SIZES[size];
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
