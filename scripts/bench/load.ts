/**
 * Load: autocannon reads `GET /api/events` with 50 connections while an editor adds 10 events a
 * second through the app (`POST /api/events`, signed in like a person). Loopback only, bounded in
 * time, after an unmeasured warm-up of up to 5 s. Afterwards every event the app acknowledged (201)
 * must be in the database.
 */
import autocannon from 'autocannon';
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
  writes: { attempted: number; acknowledged: number; failed: number; failures: string[]; lost: number; latencyP99: number };
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
  const write = async (i: number) => {
    const event = benchEvent(i);
    const started = performance.now();
    try {
      const response = await fetch(`${base}/api/events`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Cookie: cookie, Origin: base, 'Sec-Fetch-Site': 'same-origin' },
        body: JSON.stringify({ event }),
        signal: AbortSignal.timeout(30_000),
      });
      writeLatency.push(performance.now() - started);
      if (response.status === 201) acknowledged.push({ id: ((await response.json()) as { id: number }).id, title: event.title });
      else failures.push(`${response.status}: ${(await response.text()).slice(0, 200)}`);
    } catch (err) {
      failures.push(err instanceof Error ? err.message : String(err));
    }
  };
  // Unmeasured, so that the server's code is compiled and its caches are warm, as in a running service.
  await autocannon({ url: `${base}/api/events`, connections: 50, duration: Math.min(5, seconds), timeout: 30, headers: fresh ? { 'Cache-Control': 'no-cache' } : {} });

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
      latencyP99: writeLatency[Math.min(writeLatency.length - 1, Math.ceil(writeLatency.length * 0.99) - 1)] ?? NaN,
    },
  };
}
