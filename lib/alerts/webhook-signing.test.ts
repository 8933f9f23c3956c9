import { spawnSync } from 'node:child_process';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { computeSignature, parseSignatureHeader, signPayload, verifySignature } from './webhook-signing';

const BODY = '{"type":"event.created","id":42}';
const NOW = 1_733_130_000_000; // 2024-12-02T09:00:00Z

describe('known answers (computed independently with Python hmac and openssl dgst -hmac)', () => {
  it.each([
    ['whsec_test_secret', 1733130000, BODY, 'ffe74e11550539da4f13fb1fa90d605ede3bb8ae34d4c85698ebf73958e4ca69'],
    ['sécret-ключ', 1700000000, '{"title":"Erdoğan — الأسد"}', '9d47b7cb94c27a54c7272128e92693eba8136cb3f77a6039bb5aa7cb14a50dde'],
    ['old', 1733130000, 'x', 'c3f1a2a89e44a873fdb29b17bd281bbcb5159b4abe85895e74b8277265fcfc2a'],
  ])('HMAC-SHA256 of "<t>.<body>" under %j', (secret, t, body, hex) => {
    expect(computeSignature(secret, t, body)).toBe(hex);
    expect(computeSignature(Buffer.from(secret), t, new TextEncoder().encode(body))).toBe(hex);
  });

  it('the header names the time and the signature, one v1 per secret while rotating', () => {
    expect(signPayload('whsec_test_secret', BODY, NOW)).toBe('t=1733130000,v1=ffe74e11550539da4f13fb1fa90d605ede3bb8ae34d4c85698ebf73958e4ca69');
    expect(signPayload(['whsec_test_secret', 'old'], BODY, NOW + 999)).toMatch(/^t=1733130000,v1=ffe74e11[0-9a-f]{56},v1=[0-9a-f]{64}$/);
    expect(() => signPayload([], BODY)).toThrow(/no secret/);
  });

  it('agrees with openssl for random secrets and bodies', () => {
    const probe = spawnSync('openssl', ['version'], { encoding: 'utf8' });
    expect(probe.status, 'openssl is needed for this cross-check').toBe(0);
    fc.assert(
      fc.property(fc.stringMatching(/^[A-Za-z0-9_]{1,40}$/), fc.string({ unit: 'grapheme', maxLength: 200 }), fc.integer({ min: 0, max: 2 ** 33 }), (secret, body, t) => {
        const out = spawnSync('openssl', ['dgst', '-sha256', '-hmac', secret], { input: `${t}.${body}`, encoding: 'utf8' });
        expect(out.stdout.trim().split('= ')[1]).toBe(computeSignature(secret, t, body));
      }),
      { numRuns: 20 },
    );
  });
});

describe('verification, as a receiver does it', () => {
  const header = signPayload('whsec_test_secret', BODY, NOW);

  it('accepts the body it signed, within the tolerance either side of the clock', () => {
    expect(verifySignature('whsec_test_secret', BODY, header, { now: NOW })).toEqual({ ok: true, timestamp: 1733130000 });
    expect(verifySignature('whsec_test_secret', BODY, header, { now: NOW + 300_000 }).ok).toBe(true);
    expect(verifySignature('whsec_test_secret', BODY, header, { now: NOW - 300_000 }).ok).toBe(true);
    // Rotation: either secret verifies.
    expect(verifySignature(['new', 'whsec_test_secret'], BODY, header, { now: NOW }).ok).toBe(true);
  });

  it('refuses a replay, a changed body, another secret, a moved timestamp and a garbled header', () => {
    expect(verifySignature('whsec_test_secret', BODY, header, { now: NOW + 301_000 })).toMatchObject({ ok: false, reason: 'expired' });
    expect(verifySignature('whsec_test_secret', BODY.replace('42', '43'), header, { now: NOW })).toMatchObject({ ok: false, reason: 'mismatch' });
    expect(verifySignature('other', BODY, header, { now: NOW })).toMatchObject({ ok: false, reason: 'mismatch' });
    const moved = header.replace('t=1733130000', 't=1733130001');
    expect(verifySignature('whsec_test_secret', BODY, moved, { now: NOW })).toMatchObject({ ok: false, reason: 'mismatch' });
    for (const bad of [null, '', 'v1=abc', 't=1733130000', 't=x,v1=' + 'a'.repeat(64), 'sha256=' + 'a'.repeat(64)]) {
      expect(verifySignature('whsec_test_secret', BODY, bad, { now: NOW })).toMatchObject({ ok: false, reason: 'malformed' });
    }
  });

  it('reads headers leniently: spaces, upper-case hex, unknown schemes next to v1', () => {
    const [t, v1] = header.split(',');
    const spaced = ` ${t} , v0=dead , ${v1!.toUpperCase().replace('V1', 'v1')} `;
    expect(parseSignatureHeader(spaced)?.signatures).toEqual([v1!.slice(3)]);
    expect(verifySignature('whsec_test_secret', BODY, spaced, { now: NOW }).ok).toBe(true);
  });

  it('property: any body verifies under its secret and fails after any one-byte change', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 1, maxLength: 300 }), fc.string({ minLength: 1 }), fc.nat(), fc.integer({ min: 1, max: 255 }), (body, secret, pos, flip) => {
        const h = signPayload(secret, body, NOW);
        expect(verifySignature(secret, body, h, { now: NOW }).ok).toBe(true);
        const changed = Uint8Array.from(body);
        changed[pos % body.length]! ^= flip;
        expect(verifySignature(secret, changed, h, { now: NOW }).ok).toBe(false);
      }),
      { numRuns: 1000 },
    );
  });
});
