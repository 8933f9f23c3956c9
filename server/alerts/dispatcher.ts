/**
 * The webhook dispatcher (issue 14, decision 0035): sends the deliveries that event writes queued
 * in the outbox (db/mutations/webhooks.ts), after their transaction committed, and records each
 * attempt in the same rows. Signed with the destination's secret (lib/alerts/webhook-signing.ts),
 * bounded by DELIVERY_TIMEOUT_MS, never following redirects, retried on the schedule of
 * lib/alerts/retry.ts until MAX_ATTEMPTS, then given up. It runs in the server process on timers
 * (never at build time) and is started lazily; `runDueDeliveries` is the one step, which tests
 * drive with their own clock.
 */
import type { DeliveryOutcome, OutboxStore } from '@/db/store/store';
import { payloadBody } from '@/lib/alerts/payload';
import { DELIVERY_TIMEOUT_MS, decideDelivery, type DeliveryResult } from '@/lib/alerts/retry';
import { SIGNATURE_HEADER, signPayload } from '@/lib/alerts/webhook-signing';

export interface DispatchOptions {
  /** The site's origin, for the payload's links (BETTER_AUTH_URL, or the address the site was reached on). */
  origin: string;
  now?: () => number;
  random?: () => number;
  timeoutMs?: number;
  /** At most this many deliveries per step. */
  batch?: number;
}

const ERROR_TEXT_MAX = 500;

/** Sends one signed POST and says what came of it, with how long it took. Never throws. */
export async function sendWebhook(url: string, secret: string, body: string, deliveryId: number, options: { now: () => number; timeoutMs: number }): Promise<{ result: DeliveryResult; durationMs: number }> {
  const started = performance.now();
  try {
    const response = await fetch(url, {
      method: 'POST',
      body,
      redirect: 'manual',
      signal: AbortSignal.timeout(options.timeoutMs),
      headers: {
        'Content-Type': 'application/json',
        'User-Agent': 'sanctions-tracker-webhooks/1',
        [SIGNATURE_HEADER]: signPayload(secret, body, options.now()),
        'X-Tracker-Delivery': String(deliveryId),
      },
    });
    // The answer's body is not needed; dropping it frees the connection.
    await response.body?.cancel().catch(() => undefined);
    return { result: { kind: 'response', status: response.status, retryAfter: response.headers.get('retry-after') }, durationMs: Math.round(performance.now() - started) };
  } catch (err) {
    const durationMs = Math.round(performance.now() - started);
    if (err instanceof Error && (err.name === 'TimeoutError' || err.name === 'AbortError')) return { result: { kind: 'timeout' }, durationMs };
    const cause = err instanceof Error && err.cause instanceof Error ? `${err.message}: ${err.cause.message}` : err instanceof Error ? err.message : String(err);
    return { result: { kind: 'network', message: cause.slice(0, ERROR_TEXT_MAX) }, durationMs };
  }
}

/**
 * One step: every delivery due by now (pending, or failed with its retry time reached) is sent once
 * and its outcome recorded. Returns how many were attempted.
 */
export async function runDueDeliveries(outbox: OutboxStore, options: DispatchOptions): Promise<number> {
  const now = options.now ?? Date.now;
  const timeoutMs = options.timeoutMs ?? DELIVERY_TIMEOUT_MS;
  const iso = (ms: number) => new Date(ms).toISOString();
  const record = (id: number, outcome: DeliveryOutcome) => outbox.record(id, outcome, iso(now()));
  const due = await outbox.due(iso(now()), options.batch ?? 20);
  for (const d of due) {
    if (!d.enabled) {
      await record(d.id, { state: 'gave_up', error: 'The destination was switched off before this could be sent.', nextAttemptAt: null });
      continue;
    }
    // Lease the row past the timeout, so an overlapping step (or another server) does not send it a second time.
    if (!(await outbox.lease(d.id, d.nextAttemptAt!, iso(now() + timeoutMs * 2)))) continue;
    const attempt = d.attempt + 1;
    const { result, durationMs } = await sendWebhook(d.url, d.secret, payloadBody(d.payload, options.origin), d.id, { now, timeoutMs });
    const decision = decideDelivery(result, attempt, { now: now(), random: options.random });
    const outcome = {
      attempt,
      durationMs,
      statusCode: result.kind === 'response' ? result.status : null,
      error: result.kind === 'timeout' ? `No answer within ${Math.round(timeoutMs / 100) / 10} seconds.` : result.kind === 'network' ? result.message : null,
    };
    if (decision.action === 'done') await record(d.id, { ...outcome, state: 'delivered', nextAttemptAt: null });
    else if (decision.action === 'retry') await record(d.id, { ...outcome, state: 'failed', nextAttemptAt: iso(now() + decision.delayMs) });
    else {
      await record(d.id, { ...outcome, error: decision.reason.slice(0, ERROR_TEXT_MAX), state: 'gave_up', nextAttemptAt: null });
      if (decision.action === 'disable') await outbox.disableDestination(d.destinationId, decision.reason);
    }
  }
  return due.length;
}
