/**
 * Webhook signatures (issue 14, saved views with alerts). Each POST carries
 *
 *   X-Tracker-Signature: t=1733130000,v1=5257a869e7ecebeda32affa62cdca3fa51cad7e77a0e56ff536d0ce8e108d8bd
 *
 * where `v1` is the hex HMAC-SHA256, keyed with the hook's secret, of `<t>.<raw body>`: the same
 * scheme as Stripe's, so receivers can reuse code they have. The timestamp is inside the signed
 * text, so a captured request cannot be replayed later with a fresh `t`; a receiver refuses
 * requests whose `t` is further from its clock than a tolerance (5 minutes by default). While a
 * secret is being rotated the header carries one `v1` per secret, and a receiver accepts any.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';

export const SIGNATURE_HEADER = 'X-Tracker-Signature';
export const DEFAULT_TOLERANCE_SECONDS = 300;

type Bytes = string | Uint8Array;

function toBuffer(value: Bytes): Buffer {
  return typeof value === 'string' ? Buffer.from(value, 'utf8') : Buffer.from(value.buffer, value.byteOffset, value.byteLength);
}

/** The hex HMAC-SHA256 of `<timestamp>.<body>`: the `v1` value. */
export function computeSignature(secret: Bytes, timestamp: number, body: Bytes): string {
  return createHmac('sha256', toBuffer(secret))
    .update(`${timestamp}.`, 'utf8')
    .update(toBuffer(body))
    .digest('hex');
}

/**
 * The header value for a payload: `t=<unix seconds>,v1=<hex>[,v1=<hex>…]`, one `v1` per secret
 * (the new secret first while rotating). `now` is milliseconds since the epoch.
 */
export function signPayload(secrets: Bytes | readonly Bytes[], body: Bytes, now: number = Date.now()): string {
  const list = Array.isArray(secrets) ? (secrets as readonly Bytes[]) : [secrets as Bytes];
  if (list.length === 0) throw new Error('signPayload: no secret to sign with');
  const timestamp = Math.floor(now / 1000);
  return [`t=${timestamp}`, ...list.map((s) => `v1=${computeSignature(s, timestamp, body)}`)].join(',');
}

export interface ParsedSignature {
  timestamp: number;
  signatures: string[];
}

/** Reads a header value; null when it has no usable `t` or no `v1`. Unknown schemes are ignored. */
export function parseSignatureHeader(header: string): ParsedSignature | null {
  let timestamp: number | null = null;
  const signatures: string[] = [];
  for (const part of header.split(',')) {
    const eq = part.indexOf('=');
    if (eq < 0) continue;
    const key = part.slice(0, eq).trim();
    const value = part.slice(eq + 1).trim();
    if (key === 't' && /^\d{1,12}$/.test(value)) timestamp = Number(value);
    else if (key === 'v1' && /^[0-9a-f]{64}$/i.test(value)) signatures.push(value.toLowerCase());
  }
  return timestamp === null || signatures.length === 0 ? null : { timestamp, signatures };
}

export type VerifyResult = { ok: true; timestamp: number } | { ok: false; reason: 'malformed' | 'expired' | 'mismatch'; message: string };

/**
 * Checks a request as a receiver would: the header parses, its timestamp is within `toleranceSeconds`
 * of `now` (either side, for clock drift), and some `v1` matches the HMAC under some secret. The
 * comparison takes the same time wherever the values differ (`timingSafeEqual`), so the signature
 * cannot be guessed byte by byte from response times. `body` must be the raw bytes received, not a
 * re-serialised object.
 */
export function verifySignature(
  secrets: Bytes | readonly Bytes[],
  body: Bytes,
  header: string | null | undefined,
  options: { toleranceSeconds?: number; now?: number } = {},
): VerifyResult {
  const parsed = header ? parseSignatureHeader(header) : null;
  if (!parsed) {
    return { ok: false, reason: 'malformed', message: `The ${SIGNATURE_HEADER} header is missing or is not "t=<unix time>,v1=<hex HMAC>".` };
  }
  const tolerance = options.toleranceSeconds ?? DEFAULT_TOLERANCE_SECONDS;
  const nowSeconds = Math.floor((options.now ?? Date.now()) / 1000);
  if (Math.abs(nowSeconds - parsed.timestamp) > tolerance) {
    return { ok: false, reason: 'expired', message: `The signature's timestamp is more than ${tolerance} seconds from now: a replayed or delayed request.` };
  }
  const list = Array.isArray(secrets) ? (secrets as readonly Bytes[]) : [secrets as Bytes];
  let matched = false;
  // Every pair is compared (no early exit), so the time taken says nothing about which matched.
  for (const secret of list) {
    const expected = Buffer.from(computeSignature(secret, parsed.timestamp, body), 'hex');
    for (const candidate of parsed.signatures) {
      if (timingSafeEqual(expected, Buffer.from(candidate, 'hex'))) matched = true;
    }
  }
  return matched
    ? { ok: true, timestamp: parsed.timestamp }
    : { ok: false, reason: 'mismatch', message: 'No signature matches the body under the hook secret.' };
}
