/**
 * Load: autocannon reads `GET /api/events` with 50 connections while an editor adds 10 events a
 * second through the app (`POST /api/events`, signed in like a person). Loopback only, bounded in
 * time, after an unmeasured warm-up of up to 5 s. Afterwards every event the app acknowledged (201)
 * must be in the database.
 */
import autocannon from 'autocannon';
import http from 'node:http';
import { sameOriginHeaders } from '../harness/staff-client';
import type Database from 'better-sqlite3';

export interface LoadResult {
  /** Whether the readers asked for fresh answers (`Cache-Control: no-cache`), bypassing the cache. */
  fresh: boolean;
  seconds: number;
  connections: number;
  requests: number;
  requestsPerSecond: number;
  latency: { p50: number; p90: number; p99: number; max: number };
  errors: number;
  timeouts: number;
  non2xx: number;
  writes: { attempted: number; acknowledged: number; failed: number; failures: string[]; lost: number; latencyP99: number; latencyP50: number; inOrder: number[] };
}

export const EDITOR = { email: 'bench-editor@example.org', password: 'bench-editor-password-0001', role: 'editor' } as const;

/** Signs the editor in and returns the session cookie. */
export async function signIn(base: string): Promise<string> {
  const response = await fetch(`${base}/api/auth/sign-in/email`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Origin: base, 'Sec-Fetch-Site': 'same-origin' },
    body: JSON.stringify({ email: EDITOR.email, password: EDITOR.password }),
  });
  if (!response.ok) throw new Error(`signing in the bench editor failed: ${response.status} ${await response.text()}`);
  const cookies = response.headers.getSetCookie().map((c) => c.split(';')[0]!);
  if (cookies.length === 0) throw new Error('signing in gave no session cookie');
  return cookies.join('; ');
}

/** Connections the editor keeps open: more than the saves that can overlap at 10 a second. */
const WRITER_SOCKETS = 8;

/** One request over `agent`, its status and body; gives up after 30 s. */
function request(agent: http.Agent, url: string, method: string, headers: Record<string, string>, body?: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method, agent, headers, timeout: 30_000 }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', reject);
    });
    req.on('timeout', () => req.destroy(new Error(`no answer from ${method} ${url} in 30 s`)));
    req.on('error', reject);
    req.end(body);
  });
}

export function benchEvent(i: number) {
  return {
    type: 'statement',
    title: `Benchmark write ${i}: statement on sanctions relief`,
    summary: `Written by the load test while readers page through the timeline (${i}).`,
    date: '2025-06-15',
    status: 'published',
    countries: [{ code: 'SY', role: 'target' }],
    tags: ['Benchmark'],
    sources: [{ title: 'Load test', url: 'https://example.org/bench' }],
  };
}

export async function runLoad(
  base: string,
  cookie: string,
  seconds: number,
  sqliteForCheck: () => Database.Database,
  fresh = false,
): Promise<LoadResult> {
  const acknowledged: { id: number; title: string }[] = [];
  const failures: string[] = [];
  const writeLatency: number[] = [];
  let attempted = 0;
  let inFlight = Promise.resolve();
  // The editor's connections are open before the readers arrive, as a working editor's browser's
  // are. Node 20 (libuv 1.46) accepts no new connection while its event loop stays busy, and 50
  // readers that never pause keep it busy: a save on a new connection waits for the end of the load
  // test whatever the server does (nodejs/node#57364; docs/performance.md, "Load and saves").
  const agent = new http.Agent({ keepAlive: true, maxSockets: WRITER_SOCKETS, scheduling: 'fifo' });
  const write = async (i: number) => {
    const event = benchEvent(i);
    const started = performance.now();
    try {
      const response = await request(agent, `${base}/api/events`, 'POST', sameOriginHeaders(base, cookie), JSON.stringify({ event }));
      writeLatency.push(performance.now() - started);
      if (response.status === 201) acknowledged.push({ id: (JSON.parse(response.body) as { id: number }).id, title: event.title });
      else failures.push(`${response.status}: ${response.body.slice(0, 200)}`);
    } catch (err) {
      failures.push(err instanceof Error ? err.message : String(err));
    }
  };
  // Unmeasured, so that the server's code is compiled and its caches are warm, as in a running service.
  await autocannon({ url: `${base}/api/events`, connections: 50, duration: Math.min(5, seconds), timeout: 30, headers: fresh ? { 'Cache-Control': 'no-cache' } : {} });

  await Promise.all(Array.from({ length: WRITER_SOCKETS }, () => request(agent, `${base}/api/health`, 'GET', {})));
  const writer = setInterval(() => {
    const i = ++attempted;
    const done = write(i);
    inFlight = inFlight.then(() => done);
  }, 100);

  const result = await autocannon({
    url: `${base}/api/events`,
    connections: 50,
    duration: seconds,
    timeout: 30,
    headers: fresh ? { 'Cache-Control': 'no-cache' } : {},
  });
  clearInterval(writer);
  await inFlight;
  agent.destroy();

  const check = sqliteForCheck();
  let lost = 0;
  try {
    const find = check.prepare(`SELECT title FROM events WHERE id = ?`);
    for (const a of acknowledged) {
      const row = find.get(a.id) as { title: string } | undefined;
      if (row?.title !== a.title) lost++;
    }
  } finally {
    check.close();
  }
  const inOrder = [...writeLatency];
  writeLatency.sort((a, b) => a - b);
  return {
    fresh,
    seconds,
    connections: 50,
    requests: result.requests.total,
    requestsPerSecond: result.requests.average,
    latency: { p50: result.latency.p50, p90: result.latency.p90, p99: result.latency.p99, max: result.latency.max },
    errors: result.errors,
    timeouts: result.timeouts,
    non2xx: result.non2xx,
    writes: {
      attempted,
      acknowledged: acknowledged.length,
      failed: failures.length,
      failures: failures.slice(0, 5),
      lost,
      inOrder,
      latencyP50: writeLatency[Math.floor(writeLatency.length / 2)] ?? NaN,
      latencyP99: writeLatency[Math.min(writeLatency.length - 1, Math.ceil(writeLatency.length * 0.99) - 1)] ?? NaN,
    },
  };
}
