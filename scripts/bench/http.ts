/** Timed HTTP requests to the servers the benchmark started (127.0.0.1 only). */
import { request } from 'node:http';
import { summarise, type Summary } from './stats';

export interface HttpTiming {
  status: number;
  /** The server's own time, from its Server-Timing header (ms). */
  server: number;
  /** From sending the request to the last byte of the body (ms). */
  total: number;
  /** To the first byte of the response (ms). */
  firstByte: number;
  bytes: number;
  body: Buffer;
}

/** One GET, timed with node:http (no fetch overhead in the numbers). */
export function timedGet(url: string, headers: Record<string, string> = {}): Promise<HttpTiming> {
  const target = new URL(url);
  if (target.hostname !== '127.0.0.1') throw new Error(`the benchmark only sends requests to 127.0.0.1, not ${target.hostname}`);
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const req = request(target, { method: 'GET', headers, agent: false }, (res) => {
      const firstByte = performance.now() - started;
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const total = performance.now() - started;
        const timing = /dur=([\d.]+)/.exec(String(res.headers['server-timing'] ?? ''));
        const body = Buffer.concat(chunks);
        resolve({ status: res.statusCode ?? 0, server: timing ? Number(timing[1]) : NaN, total, firstByte, bytes: body.length, body });
      });
      res.on('error', reject);
    });
    req.setTimeout(120_000, () => req.destroy(new Error(`timeout: ${url}`)));
    req.on('error', reject);
    req.end();
  });
}

export interface RepeatedTiming {
  server: Summary;
  total: Summary;
  /** The first request of the series (before the warm-up), as a cold-ish figure. */
  first: { server: number; total: number };
  body: Buffer;
}

/** `warmup` unmeasured requests, then `runs` measured ones, one at a time. */
export async function repeatGet(url: string, runs: number, warmup = 5, headers: Record<string, string> = {}): Promise<RepeatedTiming> {
  let first: HttpTiming | null = null;
  let last: HttpTiming | null = null;
  const server: number[] = [];
  const total: number[] = [];
  for (let i = 0; i < warmup + runs; i++) {
    const t = await timedGet(url, headers);
    if (t.status !== 200) throw new Error(`${url} answered ${t.status}: ${t.body.toString('utf8').slice(0, 300)}`);
    first ??= t;
    last = t;
    if (i >= warmup) {
      server.push(t.server);
      total.push(t.total);
    }
  }
  return { server: summarise(server), total: summarise(total), first: { server: first!.server, total: first!.total }, body: last!.body };
}
