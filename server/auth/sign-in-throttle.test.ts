import { describe, expect, it } from 'vitest';
import { CONNECTION_HEADER, connectionHeaderValue } from '@/lib/http/connection';
import { SIGN_IN_LIMITS, clientKey, signInWait, tooManyAttemptsMessage, type FailureHistory } from './sign-in-throttle';

const NOW = 10_000_000;
const S = 1000;
/** `n` failures, one a second, the last `ago` ms before NOW. */
const failures = (n: number, ago = 0) => Array.from({ length: n }, (_, i) => NOW - ago - (n - 1 - i) * S);
const none: FailureHistory = { pair: [], client: [], account: [] };

describe('the sign-in rules (slow down, never lock)', () => {
  it('lets an address with no failures through, whatever has happened to the account', () => {
    expect(signInWait(none, NOW)).toBeNull();
    expect(signInWait({ ...none, account: failures(500) }, NOW)).toBeNull();
  });

  it('makes one address wait on one account from the fifth failure, doubling each time up to 15 minutes', () => {
    const waitAfter = (n: number) => signInWait({ pair: failures(n), client: failures(n), account: failures(n) }, NOW)?.retryAfterMs ?? 0;
    expect(waitAfter(4)).toBe(0);
    expect(waitAfter(5)).toBe(15 * S);
    expect(waitAfter(6)).toBe(30 * S);
    expect(waitAfter(7)).toBe(60 * S);
    expect(waitAfter(10)).toBe(8 * 60 * S);
    expect(waitAfter(11)).toBe(15 * 60 * S);
    expect(waitAfter(40)).toBe(15 * 60 * S);
    expect(signInWait({ pair: failures(5), client: failures(5), account: failures(5) }, NOW)?.reason).toBe('pair');
  });

  it('counts the wait from the last failure', () => {
    const history = (ago: number) => ({ pair: failures(5, ago), client: failures(5, ago), account: failures(5, ago) });
    expect(signInWait(history(10 * S), NOW)?.retryAfterMs).toBe(5 * S);
    expect(signInWait(history(15 * S), NOW)).toBeNull();
    // Never "try again in 0 seconds".
    expect(signInWait(history(15 * S - 1), NOW)?.retryAfterMs).toBe(S);
  });

  it('makes one address trying many accounts wait from its 20th failure', () => {
    expect(signInWait({ ...none, client: failures(19) }, NOW)).toBeNull();
    expect(signInWait({ ...none, client: failures(20) }, NOW)).toEqual({ retryAfterMs: 15 * S, reason: 'client' });
    expect(signInWait({ ...none, client: failures(22) }, NOW)?.retryAfterMs).toBe(60 * S);
  });

  it('under a distributed guess (10 failures for the account), makes every address that has failed wait', () => {
    expect(signInWait({ ...none, account: failures(9), client: failures(1) }, NOW)).toBeNull();
    expect(signInWait({ ...none, account: failures(10), client: failures(1) }, NOW)).toEqual({ retryAfterMs: 15 * S, reason: 'account' });
    // The more the account has had, the longer a failed address waits after its own last failure.
    expect(signInWait({ ...none, account: failures(13), client: failures(1, 20 * S) }, NOW)?.retryAfterMs).toBe(100 * S);
    // An address that never failed still goes straight through.
    expect(signInWait({ ...none, account: failures(13) }, NOW)).toBeNull();
  });

  it('applies the longest of the waits that apply', () => {
    const history = { pair: failures(5), client: failures(23), account: failures(12) };
    expect(signInWait(history, NOW)).toEqual({ retryAfterMs: 120 * S, reason: 'client' });
  });

  it('forgets failures outside the window (the database query keeps only those inside)', () => {
    expect(SIGN_IN_LIMITS.windowMs).toBeGreaterThanOrEqual(4 * SIGN_IN_LIMITS.maxDelayMs);
  });
});

describe('the message', () => {
  it.each([
    [1, 'Too many failed sign-in attempts. Try again in 1 second.'],
    [15 * S, 'Too many failed sign-in attempts. Try again in 15 seconds.'],
    [59 * S + 1, 'Too many failed sign-in attempts. Try again in 1 minute.'],
    [61 * S, 'Too many failed sign-in attempts. Try again in 2 minutes.'],
    [15 * 60 * S, 'Too many failed sign-in attempts. Try again in 15 minutes.'],
  ])('%i ms → %j', (ms, message) => {
    expect(tooManyAttemptsMessage(ms)).toBe(message);
  });
});

describe('clientKey', () => {
  const from = (remoteAddress: string, extra: Record<string, string> = {}) =>
    new Headers({ ...extra, [CONNECTION_HEADER]: connectionHeaderValue({ remoteAddress, localAddress: '127.0.0.1', localPort: 3000, encrypted: false }) });

  it('is the socket address (TRUST_PROXY off), not what X-Forwarded-For says', () => {
    expect(clientKey(from('203.0.113.7', { 'x-forwarded-for': '198.51.100.1' }))).toBe('203.0.113.7');
    expect(clientKey(from('::ffff:203.0.113.7'))).toBe('203.0.113.7');
    expect(clientKey(new Headers({ 'x-forwarded-for': '198.51.100.1' }))).toBe('unknown');
  });

  it('stands for an IPv6 address by its /64, as Better Auth keys it', () => {
    expect(clientKey(from('2001:db8:1:2::1'))).toBe(clientKey(from('2001:db8:1:2:ffff::9')));
    expect(clientKey(from('2001:db8:1:2::1'))).not.toBe(clientKey(from('2001:db8:1:3::1')));
  });
});
