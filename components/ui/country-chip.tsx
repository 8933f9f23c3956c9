import Link from 'next/link';
import { COUNTRY_ROLE_LABELS, countryName, type CountryRole } from '@/lib/countries';

/**
 * A country as its ISO code, with the name for screen readers and on hover; `named` shows the name
 * as well (pages about one event or actor, where there is room). Codes rather than emoji flags:
 * many systems (and printers) have no flag glyphs and would show empty boxes.
 */
export function CountryChip({
  code,
  role,
  link = false,
  named = false,
}: {
  code: string;
  role?: CountryRole;
  /**
   * A link to the country's page: a Next.js `<Link>`, or with 'plain' an `<a>` that hydrates
   * nothing, inside a list whose one click handler navigates within the app (the timeline).
   */
  link?: boolean | 'plain';
  named?: boolean;
}) {
  const name = countryName(code);
  const label = (
    <>
      {named ? (
        <>
          {name}&nbsp;<span className="text-zinc-500 dark:text-zinc-400">({code})</span>
        </>
      ) : (
        <>
          <abbr title={name} className="no-underline">
            {code}
          </abbr>
          <span className="sr-only"> ({name})</span>
        </>
      )}
      {role ? <span className="text-zinc-500 dark:text-zinc-400">&nbsp;· {COUNTRY_ROLE_LABELS[role].toLowerCase()}</span> : null}
    </>
  );
  const className =
    'inline-flex items-center rounded border border-zinc-200 bg-zinc-50 px-1.5 py-0.5 text-xs text-zinc-800 dark:border-zinc-800 dark:bg-zinc-900 dark:text-zinc-200';
  if (link === 'plain') {
    return (
      <a href={`/countries/${code}`} className={`${className} hover:border-zinc-400`}>
        {label}
      </a>
    );
  }
  return link ? (
    <Link href={`/countries/${code}`} prefetch={false} className={`${className} hover:border-zinc-400`}>
      {label}
    </Link>
  ) : (
    <span className={className}>{label}</span>
  );
}
