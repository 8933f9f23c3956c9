/**
 * When to try a webhook delivery again, and when to stop (issue 14). Pure: the caller makes the
 * request, describes what happened, and stores the decision (the next attempt's time, or the end
 * of the delivery, or a disabled hook) in the delivery log.
 *
 * Schedule: a first attempt, then up to five retries after 10 s, 1 min, 5 min, 30 min and 2 h
 * (about two and a half hours in all), each delay spread by ±20 % at random so that many hooks
 * failing together (the receiver was down) do not all come back in the same second.
 */

/** Delays before each retry, in milliseconds: retry n (1-based) waits RETRY_DELAYS_MS[n - 1]. */
export const RETRY_DELAYS_MS = [10_000, 60_000, 300_000, 1_800_000, 7_200_000] as const;
/** The first attempt and every retry. */
export const MAX_ATTEMPTS = RETRY_DELAYS_MS.length + 1;
/** How far each delay is spread either way: 0.2 is ±20 %. */
export const JITTER = 0.2;
/** A receiver's Retry-After is followed up to this long, no longer. */
export const MAX_RETRY_AFTER_MS = 2 * 3_600_000;
/** A receiver that takes longer than this to answer counts as timed out. */
export const DELIVERY_TIMEOUT_MS = 10_000;

/** What a delivery attempt came to. */
export type DeliveryResult =
  | { kind: 'response'; status: number; retryAfter?: string | null }
  | { kind: 'timeout' }
  /** The request did not get an answer: refused, reset, DNS failure, TLS error. */
  | { kind: 'network'; message: string };

export type DeliveryDecision =
  | { action: 'done' }
  | { action: 'retry'; delayMs: number; reason: string }
  /** This delivery is over; the hook stays on for the next event. */
  | { action: 'give-up'; reason: string }
  /** The receiver says the hook is gone for good: switch the hook off (an admin can turn it on again). */
  | { action: 'disable'; reason: string };

/**
 * The delay before retry `retry` (1-based), spread by ±`jitter` with `random` (0 ≤ random < 1, so
 * tests can pin it). Null after the last retry.
 */
export function retryDelay(retry: number, random: () => number = Math.random, jitter: number = JITTER): number | null {
  const base = RETRY_DELAYS_MS[retry - 1];
  if (base === undefined) return null;
  return Math.round(base * (1 - jitter + 2 * jitter * random()));
}

/**
 * Reads a Retry-After header: seconds ("120") or an HTTP date. Returns milliseconds from `now`
 * (0 for a date in the past), or null when absent or unreadable.
 */
export function parseRetryAfter(value: string | null | undefined, now: number): number | null {
  if (!value) return null;
  const text = value.trim();
  if (/^\d{1,10}$/.test(text)) return Number(text) * 1000;
  if (!/[a-z]/i.test(text)) return null;
  const at = Date.parse(text);
  return Number.isNaN(at) ? null : Math.max(0, at - now);
}

/**
 * What to do after attempt `attempt` (1 is the first try) came to `result`:
 * - 2xx: done;
 * - 410 Gone: the receiver removed the endpoint: disable the hook;
 * - 408 Request Timeout, 429 Too Many Requests, 5xx, a timeout or a network error: retry on the
 *   schedule (a Retry-After longer than the scheduled delay is honoured, up to two hours);
 * - any other 4xx: the receiver refuses this payload and would refuse it again: give up;
 * - 3xx: redirects are not followed (the hook may only reach the URL an admin allowed): give up;
 * - after the last attempt, anything that would retry gives up instead.
 */
export function decideDelivery(
  result: DeliveryResult,
  attempt: number,
  options: { now?: number; random?: () => number } = {},
): DeliveryDecision {
  const now = options.now ?? Date.now();
  if (result.kind === 'response') {
    const { status } = result;
    if (status >= 200 && status < 300) return { action: 'done' };
    if (status === 410) return { action: 'disable', reason: 'The receiver answered 410 Gone: the endpoint no longer exists.' };
    if (status >= 300 && status < 400) {
      return { action: 'give-up', reason: `The receiver answered ${status} (a redirect); webhooks are only sent to the configured URL.` };
    }
    if (status >= 400 && status < 500 && status !== 408 && status !== 429) {
      return { action: 'give-up', reason: `The receiver refused the delivery with ${status}; sending it again would not help.` };
    }
    if (status < 100 || status > 599) return { action: 'give-up', reason: `The receiver answered with an invalid status (${status}).` };
    return retryOrStop(attempt, `The receiver answered ${status}.`, parseRetryAfter(result.retryAfter, now), options.random);
  }
  if (result.kind === 'timeout') return retryOrStop(attempt, `No answer within ${DELIVERY_TIMEOUT_MS / 1000} seconds.`, null, options.random);
  return retryOrStop(attempt, `The request failed: ${result.message}`, null, options.random);
}

function retryOrStop(attempt: number, why: string, retryAfter: number | null, random?: () => number): DeliveryDecision {
  const delay = retryDelay(attempt, random);
  if (delay === null) return { action: 'give-up', reason: `${why} Gave up after ${MAX_ATTEMPTS} attempts.` };
  const delayMs = retryAfter === null ? delay : Math.max(delay, Math.min(retryAfter, MAX_RETRY_AFTER_MS));
  return { action: 'retry', delayMs, reason: why };
}
