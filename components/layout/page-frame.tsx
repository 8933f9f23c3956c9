/**
 * The frame every page below the timeline shares: a breadcrumb back to the timeline, the page's
 * heading with an optional introduction, then its content, in a column of the page's width.
 */
import Link from 'next/link';
import { Fragment, type ReactNode } from 'react';

export interface Crumb {
  href: string;
  label: ReactNode;
}

/** Timeline / …trail / current page. `noPrint` leaves it off printed pages (the reading pages). */
export function Breadcrumb({ trail = [], current, noPrint = false }: { trail?: Crumb[]; current: ReactNode; noPrint?: boolean }) {
  return (
    <nav aria-label="Breadcrumb" className={noPrint ? 'no-print text-sm' : 'text-sm'}>
      <Link href="/">Timeline</Link> <span aria-hidden="true">/</span>{' '}
      {trail.map((crumb) => (
        <Fragment key={crumb.href}>
          <Link href={crumb.href}>{crumb.label}</Link> <span aria-hidden="true">/</span>{' '}
        </Fragment>
      ))}
      <span aria-current="page">{current}</span>
    </nav>
  );
}

const WIDTHS = { '3xl': 'max-w-3xl', '4xl': 'max-w-4xl', '5xl': 'max-w-5xl' } as const;

export function PageFrame({
  width = '3xl',
  trail,
  current,
  title,
  intro,
  roomy = false,
  children,
}: {
  width?: keyof typeof WIDTHS;
  trail?: Crumb[];
  /** The breadcrumb's last step; the title when absent. */
  current?: ReactNode;
  title: ReactNode;
  /** Under the heading: a sentence (shown as the page's lead), or anything else as it is. */
  intro?: ReactNode;
  /** More space between the parts, for pages of several sections. */
  roomy?: boolean;
  children: ReactNode;
}) {
  const heading = <h1 className="font-serif text-3xl font-semibold">{title}</h1>;
  return (
    <div className={`mx-auto ${WIDTHS[width]} ${roomy ? 'space-y-8' : 'space-y-6'} px-4 py-6`}>
      <Breadcrumb trail={trail} current={current ?? title} />
      {intro ? (
        <div>
          {heading}
          {typeof intro === 'string' ? <p className="mt-1 text-sm text-zinc-600 dark:text-zinc-400">{intro}</p> : intro}
        </div>
      ) : (
        heading
      )}
      {children}
    </div>
  );
}
