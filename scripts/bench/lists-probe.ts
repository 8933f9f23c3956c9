/**
 * Child process of the lists benchmark (scripts/bench/lists.ts), started with the server's heap
 * flags: imports version 1 then version 2 of a generated SDN-sized sdn.xml into a fresh database
 * through the same db/lists import the Lists page uses, and times the comparison of the two
 * versions on its own. Prints one JSON line; its peak memory is its own maxRSS.
 */
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import { openDatabase } from '@/db/engine/client';
import { migrateDatabase } from '@/db/engine/migrate';
import { importListVersion } from '@/db/lists/import';
import { compareVersions, readAll, readListFile } from '@/lib/lists';

const [dbFile, v1, v2] = process.argv.slice(2) as [string, string, string];
const actor = { userId: null, label: 'bench' };

async function main() {
  const { db, sqlite } = openDatabase(dbFile);
  migrateDatabase(db);
  // The longest the event loop was held: how long a read arriving during the import would wait.
  const loop = monitorEventLoopDelay({ resolution: 10 });
  loop.enable();
  let t = performance.now();
  const first = await importListVersion(db, { source: 'ofac-sdn', path: v1, importedBy: actor });
  const importV1Ms = performance.now() - t;
  const rssAfterV1 = process.resourceUsage().maxRSS * 1024;
  t = performance.now();
  const second = await importListVersion(db, { source: 'ofac-sdn', path: v2, importedBy: actor });
  const importV2Ms = performance.now() - t;
  const rssAfterV2 = process.resourceUsage().maxRSS * 1024;
  loop.disable();
  sqlite.close();

  const a = await readAll(readListFile('ofac-sdn-xml', v1));
  const b = await readAll(readListFile('ofac-sdn-xml', v2));
  t = performance.now();
  const changes = compareVersions({ ref: { label: 'v1', publishedAt: a.header.publishedAt }, entries: a.entries }, { ref: { label: 'v2', publishedAt: b.header.publishedAt }, entries: b.entries });
  const compareMs = performance.now() - t;

  console.log(
    JSON.stringify({
      entries: first.entryCount,
      importV1Ms,
      importV2Ms,
      compareMs,
      proposals: { designations: second.designations, amendments: second.amendments, removals: second.removals },
      changes: changes.length,
      longestBlockMs: loop.max / 1e6,
      // The import's peak (what the server adds); the stand-alone comparison after it holds both files' entries.
      peakRssBytes: Math.max(rssAfterV1, rssAfterV2),
      rssAfterV1,
      rssAfterCompare: process.resourceUsage().maxRSS * 1024,
    }),
  );
}

main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
