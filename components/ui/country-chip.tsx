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
          {name}&nbsp;<span className="dimmed">({code})</span>
        </>
      ) : (
        <>
          <abbr title={name} className="no-underline">
            {code}
          </abbr>
          <span className="sr-only"> ({name})</span>
        </>
      )}
      {role ? <span className="dimmed">&nbsp;· {COUNTRY_ROLE_LABELS[role].toLowerCase()}</span> : null}
    </>
  );
  // Class names of app/globals.css's components layer (short: they repeat on every event).
  const className = 'chip-country';
  if (link === 'plain') {
    return (
      <a href={`/countries/${code}`} className="chip-country chip-country-link">
        {label}
      </a>
    );
  }
  return link ? (
    <Link href={`/countries/${code}`} prefetch={false} className="chip-country chip-country-link">
      {label}
    </Link>
  ) : (
    <span className={className}>{label}</span>
  );
}
