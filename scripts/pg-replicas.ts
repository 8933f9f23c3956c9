/**
 * npm run test:replicas: the read-replica story of issue 16 against real servers.
 *
 * Starts a PostgreSQL primary and two streaming replicas on 127.0.0.1 (testing/pg-cluster.ts),
 * copies the seeded tracker into the primary (npm run db:copy's code), opens them as the app would
 * with DATABASE_URL and DATABASE_REPLICA_URLS (db/pg/replicas.ts), and checks, printing numbers:
 *   1. reads spread across both replicas, none on the primary;
 *   2. an editor's save is visible on their very next read (the write's WAL mark), title and
 *      full-text search both, while reads without the mark may still be stale;
 *   3. stopping one replica does not stop reads: they move to the other;
 *   4. stopping both does not either: they move to the primary;
 *   5. a replica started again catches up on what it missed and is read from again;
 *   6. status reports each replica's state and lag;
 *   7. the app's data-access interface on PostgreSQL (db/store/postgres.ts) does the same for an
 *      editor: each save through the store is on the store's next read, and on the next request's
 *      store given the position of that save (as a cookie will carry it), from a replica where
 *      one has replayed it;
 *   8. the production server itself on the primary and both replicas (DATABASE_URL,
 *      DATABASE_REPLICA_URLS; needs `npm run build` first, as `npm test` does): an editor's saves
 *      through the API are on their next page, the server's reads spread across both replicas
 *      (its /api/health counts them), and with one replica stopped the pages still answer and
 *      /api/health says which replica is down; and a second server, given the editor's cookie
 *      (the write's WAL position), shows each save made on the first.
 * Everything it started is stopped and removed at the end, pass or fail.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { count, eq, sql } from 'drizzle-orm';
import { bootstrapDatabase } from '@/db/engine/bootstrap';
import { copyDatabase } from '@/db/copy/copy';
import { events, eventSearch } from '@/db/pg/schema';
import { openReplicaSet, type ReplicaSet, type ReplicaStatus, type WriteMark } from '@/db/pg/replicas';
import type { PgDb } from '@/db/pg/connect';
import { postgresStore } from '@/db/store/postgres';
import { TEST_ACTOR } from '@/db/testing/test-db';
import { eventInputSchema } from '@/lib/validation/event';
import { startPgCluster, type PgCluster } from '@/testing/pg-cluster';
import { runScript } from './run-script';
import fs from 'node:fs';
import pg from 'pg';
import { ProductionServer } from './harness/production-server';
import { sameOriginHeaders, signIn } from './harness/staff-client';
import { freePort } from '@/testing/pg-cluster';

const DOWN_FOR_MS = 1_000;

function line(message: string): void {
  console.log(`  ${message}`);
}

function describeStatus(status: ReplicaStatus[]): string {
  return status
    .map((s) => (s.state === 'streaming' ? `${s.label} streaming, lag ${s.lagBytes} B / ${s.lagSeconds?.toFixed(2)} s` : `${s.label} ${s.state}`))
    .join('; ');
}

async function waitFor<T>(what: string, fn: () => Promise<T | undefined>, timeoutMs = 30_000): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = await fn();
    if (value !== undefined) return value;
    if (Date.now() > until) throw new Error(`Timed out after ${timeoutMs / 1000} s waiting for ${what}.`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

const serverPort = (db: PgDb) => db.select({ port: sql<number>`inet_server_port()`, events: count() }).from(events);

async function saveTitle(set: ReplicaSet, id: number, title: string): Promise<WriteMark> {
  const { mark } = await set.write(async (tx) => {
    await tx
      .update(events)
      .set({ title, version: sql`${events.version} + 1` })
      .where(eq(events.id, id));
    await tx.update(eventSearch).set({ title }).where(eq(eventSearch.eventId, id));
  });
  return mark;
}

const readTitle = (id: number) => async (db: PgDb) => (await db.select({ title: events.title }).from(events).where(eq(events.id, id)))[0]?.title;
const searchHits = (word: string) => async (db: PgDb) =>
  (await db.select({ n: count() }).from(eventSearch).where(sql`${eventSearch.document} @@ plainto_tsquery('simple', tracker_unaccent(${word}))`))[0]!.n;

async function spreadAcrossReplicas(set: ReplicaSet, cluster: PgCluster, seedEvents: number): Promise<void> {
  const byPort = new Map<number, number>();
  for (let i = 0; i < 40; i++) {
    const [row] = await serverPort(set.db);
    assert.equal(row!.events, seedEvents, 'a replica holds the copied events');
    byPort.set(row!.port, (byPort.get(row!.port) ?? 0) + 1);
  }
  const [r1, r2] = cluster.replicas;
  line(`40 reads through withReplicas: ${r1!.name} ${byPort.get(r1!.port) ?? 0}, ${r2!.name} ${byPort.get(r2!.port) ?? 0}, primary ${byPort.get(cluster.primary.port) ?? 0}`);
  assert.equal(byPort.get(cluster.primary.port) ?? 0, 0, 'no read reaches the primary while replicas answer');
  assert.ok((byPort.get(r1!.port) ?? 0) >= 10 && (byPort.get(r2!.port) ?? 0) >= 10, 'both replicas serve reads');
}

async function readYourWrites(set: ReplicaSet, id: number): Promise<void> {
  let onReplica = 0;
  let staleWithoutMark = 0;
  const rounds = 25;
  for (let i = 1; i <= rounds; i++) {
    const word = `replicacheck${i}x${Date.now().toString(36)}`;
    const title = `Edited for the replica check ${i} ${word}`;
    const mark = await saveTitle(set, id, title);
    const unmarked = await set.read(readTitle(id));
    if (unmarked.value !== title) staleWithoutMark++;
    const seen = await set.read(readTitle(id), { after: mark });
    assert.equal(seen.value, title, `round ${i}: the editor's next read shows their save`);
    const hits = await set.read(searchHits(word), { after: mark });
    assert.equal(hits.value, 1, `round ${i}: the saved title is found by full-text search on the next read`);
    if (!seen.onPrimary) onReplica++;
  }
  line(`${rounds} saves, each read straight back with its mark: ${rounds} of ${rounds} saw the save (${onReplica} from a replica, ${rounds - onReplica} from the primary); search found each new title`);
  line(`the same reads without the mark: ${staleWithoutMark} of ${rounds} were stale (the replica had not replayed the save yet)`);
}

async function storeReadsItsWrites(set: ReplicaSet): Promise<void> {
  const store = postgresStore(set);
  const input = (title: string) => eventInputSchema.parse({ type: 'statement', title, summary: 'Saved through the store.', date: '2024-05-01', status: 'published' });
  const created = await store.events.create(input('Store check 0'), TEST_ACTOR);
  const { id } = created;
  let { version } = created;
  const rounds = 20;
  const replicaReads = () => set.replicas.reduce((n, r) => n + r.reads, 0);
  const before = replicaReads();
  for (let i = 1; i <= rounds; i++) {
    const title = `Store check ${i}`;
    ({ version } = await store.events.update(id, input(title), version, TEST_ACTOR));
    assert.equal((await store.events.get(id))?.title, title, `round ${i}: the store's next read shows the save`);
    const nextRequest = postgresStore(set, { after: store.lastWrite });
    assert.equal((await nextRequest.events.get(id))?.title, title, `round ${i}: the next request, given the save's position, shows it`);
  }
  line(`${rounds} saves through the app's store, each read back by the same store and by the next request's: ${rounds * 2} of ${rounds * 2} saw the save, ${replicaReads() - before} of those reads from a replica`);
}

async function readsOnly(set: ReplicaSet, n: number, id: number): Promise<Map<string, number>> {
  const servers = new Map<string, number>();
  for (let i = 0; i < n; i++) {
    const r = await set.read(readTitle(id));
    assert.ok(r.value, 'the read answered');
    servers.set(r.server, (servers.get(r.server) ?? 0) + 1);
  }
  return servers;
}

const show = (m: Map<string, number>) => [...m].map(([k, v]) => `${k} ${v}`).join(', ');

async function survivesStoppedReplicas(set: ReplicaSet, cluster: PgCluster, id: number): Promise<void> {
  const [r1, r2] = cluster.replicas;
  const label = (n: typeof r1) => `127.0.0.1:${n!.port}/tracker`;
  cluster.stop(r1!);
  const oneDown = await readsOnly(set, 20, id);
  line(`${r1!.name} stopped; 20 reads: ${show(oneDown)}`);
  assert.equal(oneDown.get(label(r2)), 20, 'every read moved to the replica still running');
  const [row] = await serverPort(set.db);
  assert.equal(row!.port, r2!.port, 'withReplicas leaves the stopped replica aside too');
  line(`status: ${describeStatus(await set.status())}`);

  cluster.stop(r2!);
  const bothDown = await readsOnly(set, 10, id);
  line(`${r2!.name} stopped too; 10 reads: ${show(bothDown)}`);
  assert.equal(bothDown.get(set.primary.label), 10, 'with no replica, the primary answers');

  const title = `Saved while both replicas were down ${Date.now()}`;
  const mark = await saveTitle(set, id, title);
  cluster.start(r1!);
  const back = await waitFor(`${r1!.name} to catch up and be read from`, async () => {
    await new Promise((r) => setTimeout(r, DOWN_FOR_MS));
    const r = await set.read(readTitle(id), { after: mark });
    return r.server === label(r1) ? r : undefined;
  });
  assert.equal(back.value, title, 'the restarted replica replayed what it missed');
  const status = await set.status();
  line(`${r1!.name} started again: it replayed the save made while it was down and serves reads; status: ${describeStatus(status)}`);
  assert.equal(status[0]!.state, 'streaming');
  assert.equal(status[1]!.state, 'unreachable');
}

interface Health {
  status: string;
  engine: string;
  replicas: { label: string; state: string; reads: number; lagBytes?: number }[];
}

async function theServerOnReplicas(cluster: PgCluster): Promise<void> {
  if (!fs.existsSync(path.join(process.cwd(), '.next', 'BUILD_ID'))) {
    throw new Error('Step 8 runs the production server: build it first (npm run build), as npm test does before this check.');
  }
  const admin = { email: 'replicas@example.org', password: 'a long enough password for the check', role: 'admin' } as const;
  const server = await ProductionServer.start({
    port: await freePort(3900),
    databasePath: path.join(cluster.dir, 'never-created.db'),
    env: { DATABASE_URL: cluster.primary.url, DATABASE_REPLICA_URLS: cluster.replicas.map((r) => r.url).join(','), ADMIN_EMAIL: admin.email, ADMIN_PASSWORD: admin.password },
  });
  // A second server on the same databases, as behind a load balancer: it knows nothing of the
  // first one's writes but what the editor's cookie carries.
  const other = await ProductionServer.start({
    port: await freePort(3950),
    databasePath: path.join(cluster.dir, 'never-created-either.db'),
    env: { DATABASE_URL: cluster.primary.url, DATABASE_REPLICA_URLS: cluster.replicas.map((r) => r.url).join(',') },
  });
  const [, r2] = cluster.replicas;
  let stoppedReplica = false;
  try {
    const health = async () => (await (await fetch(`${server.baseUrl}/api/health`)).json()) as Health;
    assert.equal((await health()).engine, 'postgres');
    const cookie = await signIn(server.baseUrl, admin);
    const headers = sameOriginHeaders(server.baseUrl, cookie);
    const event = (title: string) => ({ type: 'statement', title, summary: 'Saved through the server on replicas.', date: '2024-05-03', status: 'published' });
    const created = await fetch(`${server.baseUrl}/api/events`, { method: 'POST', headers, body: JSON.stringify({ event: event('Server check 0') }) });
    assert.equal(created.status, 201, 'the editor records an event');
    const { id } = (await created.json()) as { id: number };
    let version = 1;
    const rounds = 10;
    let carried = 0;
    for (let i = 1; i <= rounds; i++) {
      const title = `Server check ${i}`;
      const saved = await fetch(`${server.baseUrl}/api/events/${id}`, { method: 'PUT', headers, body: JSON.stringify({ version, event: event(title) }) });
      assert.equal(saved.status, 200, `round ${i}: the save is accepted`);
      version = ((await saved.json()) as { version: number }).version;
      const mark = /tracker-wal=([^;]+)/.exec(saved.headers.get('set-cookie') ?? '')?.[1];
      assert.ok(mark, `round ${i}: the save's answer carries its WAL position in a cookie`);
      const page = await (await fetch(`${server.baseUrl}/events/${id}`, { headers: { cookie } })).text();
      assert.ok(page.includes(title), `round ${i}: the editor's next page shows the save`);
      // The next request goes to the other server, with the cookie the browser would send.
      const elsewhere = (await (await fetch(`${other.baseUrl}/api/events/${id}`, { headers: { cookie: `tracker-wal=${mark}` } })).json()) as { title: string };
      assert.equal(elsewhere.title, title, `round ${i}: the other server, given the cookie, shows the save`);
      carried++;
    }
    // With both replicas' replay paused, the other server's replicas cannot have the next save:
    // without the cookie it answers from a replica (the old title), with it from the primary.
    const replay = async (what: 'pause' | 'resume') => {
      for (const r of cluster.replicas) {
        const client = new pg.Client({ connectionString: r.url });
        await client.connect();
        await client.query(`SELECT pg_wal_replay_${what}()`);
        // A pause is only requested at first: replay may go on for a moment, so wait until it has stopped.
        if (what === 'pause') {
          await waitFor(`${r.name}'s replay to pause`, async () =>
            (await client.query<{ state: string }>('SELECT pg_get_wal_replay_pause_state() AS state')).rows[0]!.state === 'paused' ? true : undefined,
          );
        }
        await client.end();
      }
    };
    await replay('pause');
    try {
      const before = ((await (await fetch(`${other.baseUrl}/api/events/${id}`)).json()) as { title: string }).title;
      const saved = await fetch(`${server.baseUrl}/api/events/${id}`, { method: 'PUT', headers, body: JSON.stringify({ version, event: event('Saved while replay was paused') }) });
      assert.equal(saved.status, 200);
      version = ((await saved.json()) as { version: number }).version;
      const mark = /tracker-wal=([^;]+)/.exec(saved.headers.get('set-cookie') ?? '')?.[1];
      const without = ((await (await fetch(`${other.baseUrl}/api/events/${id}`)).json()) as { title: string }).title;
      const withCookie = ((await (await fetch(`${other.baseUrl}/api/events/${id}`, { headers: { cookie: `tracker-wal=${mark}` } })).json()) as { title: string }).title;
      assert.equal(without, before, 'without the cookie the other server reads a replica that has not replayed the save');
      assert.equal(withCookie, 'Saved while replay was paused', "with the cookie it reads the save (from the primary, since no replica has it)");
      line(`replay paused on both replicas: the other server without the cookie showed "${without}", with it "${withCookie}"`);
    } finally {
      await replay('resume');
    }
    const otherReads = ((await (await fetch(`${other.baseUrl}/api/health`)).json()) as Health).replicas;
    line(`a second server given the editor's cookie: ${carried} of ${rounds} reads showed the save just made on the first (its reads by replica: ${otherReads.map((r) => `${r.label} ${r.reads}`).join(', ')})`);
    for (let i = 0; i < 20; i++) assert.equal((await fetch(`${server.baseUrl}/api/events?limit=5`)).status, 200);
    const spread = (await health()).replicas;
    line(`the production server on the primary and both replicas: ${rounds} saves through the API, each on the editor's next page; reads by replica: ${spread.map((r) => `${r.label} ${r.reads}`).join(', ')}`);
    assert.ok(spread.every((r) => r.state === 'streaming' && r.reads > 0), 'the server reads from both replicas');

    cluster.stop(r2!);
    stoppedReplica = true;
    for (const path_ of ['/', '/api/events?limit=5', `/events/${id}`, '/relations?with=SY']) {
      assert.equal((await fetch(`${server.baseUrl}${path_}`)).status, 200, `${path_} answers with a replica stopped`);
    }
    const down = await health();
    assert.equal(down.status, 'degraded');
    assert.deepEqual(down.replicas.map((r) => r.state), ['streaming', 'unreachable']);
    line(`${r2!.name} stopped: the pages still answer; /api/health says "${down.status}", ${down.replicas.map((r) => `${r.label} ${r.state}`).join(', ')}`);
  } finally {
    await Promise.all([server.stop(), other.stop()]);
    // Started again only if this step stopped it: a failure before that must not be hidden by a second start.
    if (stoppedReplica) cluster.start(r2!);
  }
}

runScript(async () => {
  const started = Date.now();
  console.log('Starting a PostgreSQL primary and two streaming replicas on 127.0.0.1 ...');
  const cluster = await startPgCluster(2);
  // Interrupted (Ctrl-C), the servers it started must not outlive it.
  const interrupted = () => {
    cluster.destroy();
    process.exit(130);
  };
  process.once('SIGINT', interrupted);
  process.once('SIGTERM', interrupted);
  let set: ReplicaSet | undefined;
  try {
    line(`primary :${cluster.primary.port}, ${cluster.replicas.map((r) => `${r.name} :${r.port}`).join(', ')} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
    const seedFile = path.join(cluster.dir, 'seed.db');
    const seeded = bootstrapDatabase({ path: seedFile, seedOnEmpty: true, check: 'schema' });
    seeded.sqlite.close();
    const copy = await copyDatabase(seedFile, cluster.primary.url);
    const seedEvents = copy.tables.find((t) => t.name === 'events')!.rows;
    line(`copied the seeded tracker into the primary: ${copy.tables.length} tables verified, ${seedEvents} events`);

    set = await openReplicaSet(cluster.primary.url, cluster.replicas.map((r) => r.url), { downForMs: DOWN_FOR_MS });
    const caughtUp = await waitFor('both replicas to replay the copy', async () => {
      const status = await set!.status();
      return status.every((s) => s.state === 'streaming' && s.lagBytes === 0) ? status : undefined;
    });
    line(`status: ${describeStatus(caughtUp)}`);
    const ops = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/db-status.ts'], {
      encoding: 'utf8',
      env: { ...process.env, DATABASE_URL: cluster.primary.url, DATABASE_REPLICA_URLS: cluster.replicas.map((r) => r.url).join(',') },
    });
    assert.equal(ops.status, 0, `npm run db:status exits 0 with both replicas streaming:\n${ops.stdout}${ops.stderr}`);
    assert.equal(ops.stdout.match(/: streaming, lag \d+ bytes/g)?.length, 2, `db:status reports both replicas' lag:\n${ops.stdout}`);
    line(`npm run db:status: ${ops.stdout.trim().split('\n').join(' | ')}`);

    const [{ id }] = (await set.db.select({ id: events.id }).from(events).orderBy(events.id).limit(1)) as [{ id: number }];
    await spreadAcrossReplicas(set, cluster, seedEvents);
    await readYourWrites(set, id);
    await storeReadsItsWrites(set);
    await theServerOnReplicas(cluster);
    await waitFor('the stopped replica to stream again', async () => {
      const status = await set!.status();
      return status.every((s) => s.state === 'streaming') ? status : undefined;
    });
    await survivesStoppedReplicas(set, cluster, id);
    console.log(`Replica checks passed in ${((Date.now() - started) / 1000).toFixed(1)} s.`);
  } finally {
    await set?.close().catch(() => {});
    cluster.destroy();
  }
});
