/** The CSV file the import benchmark (scripts/import-load.ts) sends. */
import { joinValues } from '@/lib/csv/cells';

/** A realistic designation list: known and new actors, tags, two sources, a paragraph of summary. */
export function designationList(rows: number, tag = 'load'): string {
  const header = 'date,type,title,summary,countries,actors,tags,source_urls,source_titles,status,legal_authority,program';
  const lines = [header];
  for (let i = 0; i < rows; i++) {
    const day = String((i % 28) + 1).padStart(2, '0');
    const month = String((i % 12) + 1).padStart(2, '0');
    const cells = [
      `20${10 + (i % 14)}-${month}-${day}`,
      i % 5 === 0 ? 'statement' : 'designation',
      `Imported ${tag} designation number ${i} of ${rows}`,
      `Designated for supporting the regime; entry ${i}. Second sentence with more words to index.`,
      'US (actor); SY (target)',
      joinValues([`Khalid Qaddour (target)`, `Load Test Trading Company ${i % 400} (target, company)`]),
      joinValues(['Caesar Act', `Load tag ${i % 50}`]),
      joinValues([`https://example.test/${tag}/${i}`, '']),
      joinValues([`Press release ${i}`, 'A newspaper article']),
      'published',
      'Caesar Syria Civilian Protection Act of 2019',
      'SYRIA-CAESAR',
    ];
    lines.push(cells.map((c) => (/[",\r\n]/.test(c) ? `"${c.replaceAll('"', '""')}"` : c)).join(','));
  }
  return lines.join('\r\n') + '\r\n';
}
