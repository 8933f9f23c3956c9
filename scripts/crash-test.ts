/**
 * npm run test:crash [-- --kills 25 --clients 4 --max-seconds 600 --port 3350]
 *
 * Does an acknowledged write survive the server being killed? Starts the production server on a
 * fresh temporary database, has several editors write events through `POST /api/events`, kills the
 * server with SIGKILL at a random moment while they write, restarts it, and checks, after every
 * restart:
 * - every write that got a 201 is in the database, as sent;
 * - `PRAGMA integrity_check` and the search index's own integrity check pass;
 * - the history matches the events: one `create` revision per event, its snapshot equal to the
 *   row as it is now, and no revision of an event that does not exist.
 * Prints its figures and exits non-zero if any check fails. Traffic goes to 127.0.0.1 only, and
 * the run stops after --max-seconds whatever happens.
 */
import { isDeepStrictEqual, parseArgs } from 'node:util';
import path from 'node:path';
import { openDatabase } from '@/db/engine/client';
import { eventSnapshot } from '@/db/mutations/revisions';
import { createAccount, sameOriginHeaders, signIn, type Account } from './harness/staff-client';
import { ensureBuild, ProductionServer, sleep, tempDirectory } from './harness/production-server';
import { runScript, UsageError } from './run-script';

const { values: args } = parseArgs({
  options: {
    kills: { type: 'string', default: '25' },
    clients: { type: 'string', default: '4' },
    'max-seconds': { type: 'string', default: '600' },
    port: { type: 'string', default: '3350' },
    keep: { type: 'boolean', default: false },
  },
});

const KILLS = Number(args.kills);
const CLIENTS = Number(args.clients);
const MAX_MS = Number(args['max-seconds']) * 1000;
const PORT = Number(args.port);
/**
 * Most kills land at a random moment up to 1.5 s after the round's first acknowledged write, so
 * writes are flowing when the server dies; every fifth lands at a random moment in the first half
 * second, while the freshly restarted server is still answering its first requests.
 */
const KILL_AFTER_FIRST_ACK_MS = 1_500;
const EARLY_KILL_MS = 500;
const FIRST_ACK_TIMEOUT_MS = 15_000;

const EDITOR: Account = { email: 'crash-editor@example.org', password: 'crash test editor password', role: 'editor' };

interface Ack {
  id: number;
  title: string;
}

interface Figures {
  kills: number;
  /** Kills that landed after the round's first acknowledged write (the rest hit a fresh start). */
  killsWhileAcknowledging: number;
  acknowledged: number;
  lost: number;
  unacknowledgedButStored: number;
  unexpectedAnswers: string[];
  problems: string[];
}

function eventBody(title: string) {
  return {
    event: {
      type: 'statement',
      title,
      summary: 'Written by the crash test while the server is killed at random moments.',
      date: '2024-05-02',
      status: 'published',
      countries: [{ code: 'SY', role: 'target' }],
      tags: ['Crash test'],
      sources: [{ title: 'Crash test', url: 'https://example.org/crash-test' }],
    },
  };
}

/** One editor writing as fast as the server answers, until the server goes away. */
async function writer(baseUrl: string, headers: Record<string, string>, round: number, client: number, acks: Ack[], figures: Figures): Promise<number> {
  let attempts = 0;
  for (let seq = 0; ; seq++) {
    const title = `Crash test r${round} c${client} n${seq}`;
    let res: Response;
    try {
      attempts++;
      res = await fetch(`${baseUrl}/api/events`, { method: 'POST', headers, body: JSON.stringify(eventBody(title)), signal: AbortSignal.timeout(15_000) });
    } catch {
      return attempts; // The server is gone: this write was never acknowledged.
    }
    const text = await res.text().catch(() => null);
    if (text === null) return attempts; // Killed mid-answer: not acknowledged either.
    if (res.status !== 201) {
      figures.unexpectedAnswers.push(`${res.status} ${text.slice(0, 200)}`);
      return attempts;
    }
    acks.push({ id: (JSON.parse(text) as { id: number }).id, title });
  }
}

/** Everything the run promises, checked on the file the server just reopened. */
function verify(databasePath: string, acks: Ack[], figures: Figures, round: number): { events: number } {
  const { sqlite, db } = openDatabase(databasePath, { check: false });
  try {
    const integrity = sqlite.pragma('integrity_check', { simple: true });
    if (integrity !== 'ok') figures.problems.push(`round ${round}: integrity_check: ${String(integrity)}`);
    try {
      sqlite.exec("INSERT INTO events_fts(events_fts) VALUES ('integrity-check')");
    } catch (err) {
      figures.problems.push(`round ${round}: search index integrity check: ${(err as Error).message}`);
    }

    const titles = new Map((sqlite.prepare('SELECT id, title FROM events').all() as { id: number; title: string }[]).map((r) => [r.id, r.title]));
    const lost = acks.filter((a) => titles.get(a.id) !== a.title);
    figures.lost = lost.length;
    for (const a of lost.slice(0, 5)) figures.problems.push(`round ${round}: acknowledged event ${a.id} ("${a.title}") is missing or different`);
    figures.unacknowledgedButStored = titles.size - acks.length;

    const revisions = sqlite
      .prepare("SELECT record_id AS id, action, version, snapshot FROM revisions WHERE record_type = 'event' ORDER BY record_id, id")
      .all() as { id: number; action: string; version: number; snapshot: string }[];
    const byEvent = new Map<number, typeof revisions>();
    for (const r of revisions) byEvent.set(r.id, [...(byEvent.get(r.id) ?? []), r]);
    for (const id of byEvent.keys()) if (!titles.has(id)) figures.problems.push(`round ${round}: revision of event ${id}, which does not exist`);
    for (const id of titles.keys()) {
      const history = byEvent.get(id) ?? [];
      if (history.length !== 1 || history[0]!.action !== 'create' || history[0]!.version !== 1) {
        figures.problems.push(`round ${round}: event ${id} has history ${JSON.stringify(history.map((h) => [h.action, h.version]))}, expected one create`);
        continue;
      }
      // The row as it is now, through the same JSON the revision was stored as.
      const current = JSON.parse(JSON.stringify(eventSnapshot(db, id))) as unknown;
      if (!isDeepStrictEqual(JSON.parse(history[0]!.snapshot), current)) figures.problems.push(`round ${round}: event ${id}'s create snapshot differs from its row`);
    }
    return { events: titles.size };
  } finally {
    sqlite.close();
  }
}

runScript(async () => {
  if (!(KILLS >= 1 && CLIENTS >= 1 && MAX_MS > 0 && PORT > 0)) throw new UsageError('Usage: npm run test:crash -- [--kills N] [--clients N] [--max-seconds S] [--port P] [--keep]');
  ensureBuild();
  const started = Date.now();
  const tmp = tempDirectory('tracker-crash-');
  const databasePath = path.join(tmp.dir, 'tracker.db');
  const figures: Figures = { kills: 0, killsWhileAcknowledging: 0, acknowledged: 0, lost: 0, unacknowledgedButStored: 0, unexpectedAnswers: [], problems: [] };
  const acks: Ack[] = [];
  let events = 0;
  let server: ProductionServer | null = null;
  try {
    server = await ProductionServer.start({ port: PORT, databasePath });
    createAccount(databasePath, EDITOR);
    // The session lives in the database, so one sign-in serves every restart.
    const headers = sameOriginHeaders(server.baseUrl, await signIn(server.baseUrl, EDITOR));
    console.log(`Crash test: ${KILLS} kills, ${CLIENTS} writers, database ${databasePath}`);

    for (let round = 1; round <= KILLS; round++) {
      if (Date.now() - started > MAX_MS) {
        figures.problems.push(`stopped after ${round - 1} kills: the ${MAX_MS / 1000} s budget ran out`);
        break;
      }
      const before = acks.length;
      const writers = Array.from({ length: CLIENTS }, (_, c) => writer(server!.baseUrl, headers, round, c, acks, figures));
      if (round % 5 === 0) {
        await sleep(Math.random() * EARLY_KILL_MS);
      } else {
        const waitUntil = Date.now() + FIRST_ACK_TIMEOUT_MS;
        while (acks.length === before && Date.now() < waitUntil && figures.unexpectedAnswers.length === 0) await sleep(5);
        await sleep(Math.random() * KILL_AFTER_FIRST_ACK_MS);
      }
      const exit = await server.kill('SIGKILL');
      if (exit.signal !== 'SIGKILL') figures.problems.push(`round ${round}: the server had already exited (${JSON.stringify(exit)}) before the kill:\n${server.output()}`);
      figures.kills++;
      if (acks.length > before) figures.killsWhileAcknowledging++;
      await Promise.all(writers);
      // Restart (the server reopens and checks the file, as after a real crash), then check the
      // file it serves from; the restarted server takes the next round's writes.
      server = await ProductionServer.start({ port: PORT, databasePath });
      events = verify(databasePath, acks, figures, round).events;
      figures.acknowledged = acks.length;
      process.stdout.write(
        `  kill ${String(round).padStart(2)}: +${acks.length - before} acknowledged, ${acks.length} in all, ${figures.lost} lost, ${events} events stored\n`,
      );
      if (figures.problems.length > 0 || figures.unexpectedAnswers.length > 0) break;
    }
    await server?.stop();
  } finally {
    await server?.kill('SIGKILL');
    if (args.keep) console.log(`Kept ${tmp.dir}`);
    else tmp.remove();
  }

  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  console.log(`\nCrash test results (${seconds} s)`);
  console.log(`  SIGKILLs while writing:         ${figures.kills} (${figures.killsWhileAcknowledging} after writes were being acknowledged, ${figures.kills - figures.killsWhileAcknowledging} in a fresh start's first moments)`);
  console.log(`  acknowledged writes (201):      ${figures.acknowledged}`);
  console.log(`  acknowledged writes lost:       ${figures.lost}`);
  console.log(`  stored but never acknowledged:  ${figures.unacknowledgedButStored} (in flight at a kill; allowed)`);
  console.log(`  integrity_check after restarts: ${figures.problems.some((p) => p.includes('integrity')) ? 'FAILED' : `ok (${figures.kills}/${figures.kills})`}`);
  console.log(`  events checked against history: ${events}`);
  for (const a of figures.unexpectedAnswers.slice(0, 10)) console.log(`  unexpected answer: ${a}`);
  for (const p of figures.problems.slice(0, 20)) console.log(`  PROBLEM: ${p}`);
  const passed = figures.kills >= Math.min(KILLS, 20) && figures.lost === 0 && figures.problems.length === 0 && figures.unexpectedAnswers.length === 0;
  console.log(passed ? '\nPASS' : '\nFAIL');
  if (!passed) process.exitCode = 1;
});
