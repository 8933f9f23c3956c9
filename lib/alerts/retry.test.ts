import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decideDelivery, MAX_ATTEMPTS, parseRetryAfter, retryDelay, RETRY_DELAYS_MS, type DeliveryResult } from './retry';

const NOW = Date.UTC(2026, 11, 2, 9);
const mid = () => 0.5; // no jitter
const status = (s: number, retryAfter?: string): DeliveryResult => ({ kind: 'response', status: s, retryAfter });

describe('the retry schedule', () => {
  it('waits 10 s, 1 min, 5 min, 30 min and 2 h, then stops', () => {
    expect([1, 2, 3, 4, 5, 6].map((n) => retryDelay(n, mid))).toEqual([10_000, 60_000, 300_000, 1_800_000, 7_200_000, null]);
    expect(MAX_ATTEMPTS).toBe(6);
  });

  it('spreads each delay by at most ±20 %, across the whole range', () => {
    expect(retryDelay(1, () => 0)).toBe(8_000);
    expect(retryDelay(1, () => 0.999999)).toBe(12_000);
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 5 }), fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }), (n, r) => {
        const d = retryDelay(n, () => r)!;
        const base = RETRY_DELAYS_MS[n - 1]!;
        expect(d).toBeGreaterThanOrEqual(base * 0.8);
        expect(d).toBeLessThanOrEqual(base * 1.2);
      }),
      { numRuns: 1000 },
    );
  });
});

describe('what to do with a delivery result', () => {
  it.each([200, 201, 202, 204, 299])('%i: done', (s) => expect(decideDelivery(status(s), 1)).toEqual({ action: 'done' }));

  it('410 Gone switches the hook off, at any attempt', () => {
    expect(decideDelivery(status(410), 1).action).toBe('disable');
    expect(decideDelivery(status(410), MAX_ATTEMPTS).action).toBe('disable');
  });

  it.each([400, 401, 403, 404, 405, 413, 422, 301, 302, 307])('%i: gives up at once (sending again would not help)', (s) => {
    const decision = decideDelivery(status(s), 1);
    expect(decision.action).toBe('give-up');
    expect('reason' in decision && decision.reason).toMatch(String(s));
  });

  it.each([
    [status(408), /408/],
    [status(429), /429/],
    [status(500), /500/],
    [status(502), /502/],
    [status(503), /503/],
    [{ kind: 'timeout' } as const, /No answer within 10 seconds/],
    [{ kind: 'network', message: 'connect ECONNREFUSED 127.0.0.1:9' } as const, /ECONNREFUSED/],
  ])('%j: retries on the schedule, then gives up after the last attempt', (result, why) => {
    for (let attempt = 1; attempt < MAX_ATTEMPTS; attempt++) {
      expect(decideDelivery(result, attempt, { random: mid })).toEqual({ action: 'retry', delayMs: RETRY_DELAYS_MS[attempt - 1], reason: expect.stringMatching(why) });
    }
    const last = decideDelivery(result, MAX_ATTEMPTS, { random: mid });
    expect(last).toEqual({ action: 'give-up', reason: expect.stringMatching(/Gave up after 6 attempts/) });
  });

  it('honours a longer Retry-After (seconds or a date), up to two hours, never a shorter one', () => {
    expect(decideDelivery(status(429, '120'), 1, { now: NOW, random: mid })).toMatchObject({ delayMs: 120_000 });
    expect(decideDelivery(status(503, '1'), 2, { now: NOW, random: mid })).toMatchObject({ delayMs: 60_000 });
    expect(decideDelivery(status(503, '999999'), 1, { now: NOW, random: mid })).toMatchObject({ delayMs: 7_200_000 });
    const date = new Date(NOW + 15 * 60_000).toUTCString();
    expect(decideDelivery(status(503, date), 1, { now: NOW, random: mid })).toMatchObject({ delayMs: 900_000 });
    expect(decideDelivery(status(503, 'soon'), 1, { now: NOW, random: mid })).toMatchObject({ delayMs: 10_000 });
  });

  it('reads Retry-After values', () => {
    expect(parseRetryAfter('30', NOW)).toBe(30_000);
    expect(parseRetryAfter(new Date(NOW - 1000).toUTCString(), NOW)).toBe(0);
    expect(parseRetryAfter('', NOW)).toBeNull();
    expect(parseRetryAfter('-5', NOW)).toBeNull();
    expect(parseRetryAfter('2026', NOW)).toBe(2_026_000);
  });

  it('property: every result ends within the bounded number of attempts, and never retries a 2xx or 4xx refusal', () => {
    const result = fc.oneof(
      fc.integer({ min: 100, max: 599 }).map((s) => status(s)),
      fc.constant({ kind: 'timeout' } as const),
      fc.string().map((message) => ({ kind: 'network', message }) as const),
    );
    fc.assert(
      fc.property(fc.array(result, { minLength: MAX_ATTEMPTS, maxLength: MAX_ATTEMPTS }), fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }), (results, r) => {
        let attempts = 0;
        let total = 0;
        for (const res of results) {
          attempts++;
          const d = decideDelivery(res, attempts, { random: () => r });
          if (res.kind === 'response' && res.status >= 200 && res.status < 300) expect(d.action).toBe('done');
          if (res.kind === 'response' && res.status >= 400 && res.status < 500 && ![408, 429].includes(res.status)) expect(d.action).not.toBe('retry');
          if (d.action !== 'retry') return;
          total += d.delayMs;
        }
        throw new Error(`still retrying after ${attempts} attempts (waited ${total} ms)`);
      }),
      { numRuns: 2000 },
    );
  });
});
