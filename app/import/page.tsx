import type { Metadata } from 'next';
import { staffPage } from '@/components/auth/staff-page';
import { ImportForm } from '@/components/import/import-form';
import { PageFrame } from '@/components/layout/page-frame';
import { IMPORT_MAX_BYTES, IMPORT_MAX_ROWS } from '@/lib/csv/import';

export const metadata: Metadata = { title: 'Import events from CSV' };

export default async function ImportPage() {
  const { forbidden } = await staffPage('/import', 'records:write');
  if (forbidden) return forbidden;
  const intro = (
    <div className="mt-3 space-y-3">
      <p className="max-w-3xl text-zinc-700 dark:text-zinc-300">
        Load a list of designations or other events from a spreadsheet. The file uses the columns of the timeline&apos;s CSV
        export; only <code>date</code>, <code>type</code> and <code>title</code> are required. A row with an <code>id</code>{' '}
        updates that event (columns the file leaves out stay as they are); a row without one creates a new event, as a draft
        unless it has a <code>status</code>.
      </p>
      <details className="max-w-3xl text-sm text-zinc-700 dark:text-zinc-300">
        <summary className="cursor-pointer font-medium">How to write the columns</summary>
        <ul className="mt-2 list-disc space-y-1 pl-5">
          <li>
            <code>date</code>: <code>2023</code>, <code>2023-03</code> or <code>2023-03-28</code>; the precision follows the form
            (or give <code>date_precision</code>: day, month or year). Same for <code>effective_date</code> and{' '}
            <code>end_date</code>.
          </li>
          <li>
            <code>type</code>: a type such as <code>designation</code> or its name, e.g. &ldquo;Sanctions designation&rdquo;.
          </li>
          <li>
            Several values in one cell are separated by <code>;</code>; a semicolon inside a value is written <code>\;</code> (and a
            backslash <code>\\</code>). <code>countries</code>: <code>SY (target); US (actor)</code>. <code>actors</code>:{' '}
            <code>Khalid Qaddour (target, person)</code>, matched by name or alias; a name that matches no actor creates one, of the
            kind in the brackets (person, organisation, government, legislature, international body or company; an organisation if
            the cell does not say). <code>tags</code>: <code>Caesar Act; Captagon</code>.
          </li>
          <li>
            <code>source_titles</code> and <code>source_urls</code> go in pairs, one URL slot per title (leave a slot empty for a
            source without an address). Addresses must start with http:// or https://.
          </li>
        </ul>
        <p className="mt-2">
          <a href="/import/template.csv">Download a template</a>, or export any view of the timeline to see the full format: a
          file exported and imported again changes nothing.
        </p>
        <p className="mt-2">
          The dry run points out new rows that look like events already recorded (same type and date, a similar title). A dry
          run can be confirmed once: to import the same file again, check it again.
        </p>
      </details>
    </div>
  );
  return (
    <PageFrame width="5xl" current="Import" title="Import events from CSV" intro={intro}>
      <ImportForm maxMegabytes={IMPORT_MAX_BYTES / 1024 / 1024} maxRows={IMPORT_MAX_ROWS} />
    </PageFrame>
  );
}
