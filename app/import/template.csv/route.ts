/** GET /import/template.csv: the import's columns with one example row, ready to fill in. */
import { encodeEventCsv, type CsvRecord } from '@/lib/csv/columns';
import { cacheHeadersFor } from '@/server/auth/read-access';

// Per request, not built once: its cache headers depend on READ_ACCESS and the session (lib/viewer.ts).
export const dynamic = 'force-dynamic';

const EXAMPLE: CsvRecord = {
  id: null,
  permalink: null,
  date: '2023-03-28',
  date_precision: 'day',
  effective_date: null,
  end_date: null,
  type: 'designation',
  title: 'Caesar Act sanctions on Khalid Qaddour and Samer Kamal al-Assad',
  summary: 'Designated for their involvement in the illicit drug trade in support of the regime.',
  countries: 'US (actor); SY (target)',
  // The kind in the brackets is used when the import creates the actor (an organisation if left out).
  actors: 'Khalid Qaddour (target, person); Samer Kamal al-Assad (target, person)',
  legal_authority: 'Caesar Syria Civilian Protection Act of 2019',
  program: 'SYRIA-CAESAR',
  tags: 'Caesar Act; Illicit drug trade',
  source_urls: '',
  source_titles: "Biden Urged to Take Firmer Line in Opposing Normalized Relations With Syria's Assad",
  status: 'draft',
  created_at: null,
  updated_at: null,
};

export function GET(request: Request) {
  // The export's own columns (the importer ignores permalink and the timestamps), with a BOM for Excel.
  const body = '\uFEFF' + encodeEventCsv([EXAMPLE], { header: true });
  return new Response(body, {
    headers: {
      'Content-Type': 'text/csv; charset=utf-8',
      'Content-Disposition': 'attachment; filename="events_import_template.csv"',
      ...cacheHeadersFor(request, null),
    },
  });
}
