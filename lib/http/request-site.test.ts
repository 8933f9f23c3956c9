import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CONNECTION_HEADER, connectionHeaderValue, readConnection, type ConnectionFacts } from './connection';
import { canonicalAddress, requestSite, type SiteSettings } from './request-site';

const LOOPBACK: ConnectionFacts = { remoteAddress: '203.0.113.7', localAddress: '127.0.0.1', localPort: 3000, encrypted: false };
const OFF: SiteSettings = { trustProxy: false };
const ON: SiteSettings = { trustProxy: true };

/** A request as the server sees it: what the client sent, plus the socket's facts from the hook. */
function headers(sent: Record<string, string>, connection: ConnectionFacts | null = LOOPBACK): Headers {
  const h = new Headers(sent);
  if (connection) h.set(CONNECTION_HEADER, connectionHeaderValue(connection));
  return h;
}

describe('the connection header', () => {
  it('is believed only when written in this process (with its token)', () => {
    expect(readConnection(headers({}))).toEqual(LOOPBACK);
    const forged = new Headers({ [CONNECTION_HEADER]: JSON.stringify({ ...LOOPBACK, remoteAddress: '198.51.100.1', token: 'x'.repeat(24) }) });
    expect(readConnection(forged)).toBeNull();
    expect(readConnection(new Headers({ [CONNECTION_HEADER]: 'not json' }))).toBeNull();
  });
});

describe('canonicalAddress', () => {
  it.each([
    ['203.0.113.7', '203.0.113.7'],
    ['::ffff:127.0.0.1', '127.0.0.1'],
    ['2001:DB8:0:0:0:0:0:1', '2001:db8::1'],
    ['[2001:db8::1]:443', '2001:db8::1'],
    ['198.51.100.2:51234', '198.51.100.2'],
    ['unknown', null],
    ['evil.test', null],
    ['', null],
  ])('%j → %j', (input, expected) => {
    expect(canonicalAddress(input)).toBe(expected);
  });
});

describe('requestSite with TRUST_PROXY off (the default)', () => {
  // Issue 10, item 4: the per-address sign-in limit keyed on the last X-Forwarded-For entry, which
  // any client writes; rotating it gave every attempt a fresh address.
  it('takes the client address from the socket, whatever X-Forwarded-For says', () => {
    for (const xff of ['198.51.100.1', '198.51.100.2', '10.0.0.1, 192.0.2.9', 'garbage']) {
      expect(requestSite(headers({ 'x-forwarded-for': xff, 'x-real-ip': '192.0.2.1' }), OFF).clientAddress).toBe('203.0.113.7');
    }
    expect(requestSite(headers({ 'x-forwarded-for': '198.51.100.1' }, null), OFF).clientAddress).toBe('unknown');
  });

  it('takes the Host the browser used when it names the address and port the connection came to', () => {
    expect(requestSite(headers({ host: '127.0.0.1:3000' }), OFF)).toEqual({ clientAddress: '203.0.113.7', origin: 'http://127.0.0.1:3000', https: false, unrecognisedHost: null });
    expect(requestSite(headers({ host: 'localhost:3000' }), OFF).origin).toBe('http://localhost:3000');
    const v6 = { ...LOOPBACK, localAddress: '::1' };
    expect(requestSite(headers({ host: '[::1]:3000' }, v6), OFF).origin).toBe('http://[::1]:3000');
    const dualStack = { ...LOOPBACK, localAddress: '::ffff:10.0.0.5' };
    expect(requestSite(headers({ host: '10.0.0.5:3000' }, dualStack), OFF).origin).toBe('http://10.0.0.5:3000');
  });

  // Issue 10, item 4: X-Forwarded-Host and Host decided redirect targets and the same-origin check.
  it.each([
    ['a foreign Host', { host: 'evil.test:3000' }, 'http://127.0.0.1:3000'],
    ['a foreign Host without a port', { host: 'evil.test' }, 'http://127.0.0.1:3000'],
    ['our address on another port', { host: '127.0.0.1:4000' }, 'http://127.0.0.1:3000'],
    ['localhost on a connection that did not come over loopback', { host: 'localhost:3000' }, 'http://10.0.0.5:3000'],
    ['X-Forwarded-Host', { host: '127.0.0.1:3000', 'x-forwarded-host': 'evil.test' }, 'http://127.0.0.1:3000'],
    ['a Host with a user name', { host: 'evil.test@127.0.0.1:3000' }, 'http://127.0.0.1:3000'],
    ['no Host at all', {}, 'http://127.0.0.1:3000'],
  ])('is not moved by %s', (_label, sent, origin) => {
    const connection = _label.startsWith('localhost') ? { ...LOOPBACK, localAddress: '10.0.0.5' } : LOOPBACK;
    expect(requestSite(headers(sent, connection), OFF).origin).toBe(origin);
  });

  it('says which Host it did not take, to explain a refusal', () => {
    expect(requestSite(headers({ host: 'tracker.lan:3000' }), OFF).unrecognisedHost).toBe('tracker.lan:3000');
  });

  it('is on HTTPS only when the connection is, whatever X-Forwarded-Proto says', () => {
    expect(requestSite(headers({ host: '127.0.0.1:3000', 'x-forwarded-proto': 'https' }), OFF)).toMatchObject({ https: false, origin: 'http://127.0.0.1:3000' });
    expect(requestSite(headers({ host: '127.0.0.1:3000' }, { ...LOOPBACK, encrypted: true }), OFF)).toMatchObject({ https: true, origin: 'https://127.0.0.1:3000' });
  });

  it('uses BETTER_AUTH_URL as the origin when it is set', () => {
    const site = requestSite(headers({ host: 'evil.test', 'x-forwarded-proto': 'http' }), { trustProxy: false, publicUrl: 'https://tracker.example.org' });
    expect(site).toEqual({ clientAddress: '203.0.113.7', origin: 'https://tracker.example.org', https: true, unrecognisedHost: null });
  });

  it('without the socket facts, takes only addresses and localhost from Host', () => {
    expect(requestSite(headers({ host: '127.0.0.1:3000' }, null), OFF).origin).toBe('http://127.0.0.1:3000');
    expect(requestSite(headers({ host: 'evil.test' }, null), OFF).origin).toBe('http://localhost');
  });

  const RUNS = 5_000;
  it(`is never moved by what the client writes in Host and X-Forwarded-* (${RUNS} fuzzed requests)`, () => {
    const value = fc.oneof(
      fc.string({ maxLength: 40 }),
      fc.constantFrom('evil.test', 'evil.test:3000', '127.0.0.1:3000', 'localhost:3000', 'a.localhost:3000', '[::1]:3000', 'https', 'http', '198.51.100.1', '1.2.3.4, 5.6.7.8', '0x7f.1:3000', '2130706433:3000'),
    );
    fc.assert(
      fc.property(fc.record({ host: value, 'x-forwarded-host': value, 'x-forwarded-for': value, 'x-forwarded-proto': value, 'x-real-ip': value }, { requiredKeys: [] }), (sent) => {
        let h: Headers;
        try {
          h = headers(sent);
        } catch {
          return; // not a value a Headers object (or an HTTP client) can carry
        }
        const site = requestSite(h, OFF);
        expect(site.clientAddress).toBe('203.0.113.7');
        expect(site.https).toBe(false);
        // 127.0.0.1 itself, or a localhost name for it, on the port the connection came to.
        expect(site.origin).toMatch(/^http:\/\/(127\.0\.0\.1|localhost|[a-z0-9.-]+\.localhost):3000$/);
      }),
      { numRuns: RUNS },
    );
  });
});

describe('requestSite with TRUST_PROXY on (one reverse proxy in front)', () => {
  const proxy: ConnectionFacts = { remoteAddress: '10.0.0.2', localAddress: '10.0.0.5', localPort: 3000, encrypted: false };

  it('takes the client address the proxy added: the last X-Forwarded-For entry', () => {
    expect(requestSite(headers({ 'x-forwarded-for': '198.51.100.1' }, proxy), ON).clientAddress).toBe('198.51.100.1');
    // A client's own X-Forwarded-For comes first; the proxy appends what it saw.
    expect(requestSite(headers({ 'x-forwarded-for': '192.0.2.66, 198.51.100.1' }, proxy), ON).clientAddress).toBe('198.51.100.1');
    // No usable entry: the proxy itself (all such requests share its bucket).
    expect(requestSite(headers({ 'x-forwarded-for': 'garbage' }, proxy), ON).clientAddress).toBe('10.0.0.2');
  });

  it('takes scheme and host from the proxy', () => {
    const sent = { host: '10.0.0.5:3000', 'x-forwarded-host': 'tracker.example.org', 'x-forwarded-proto': 'https' };
    expect(requestSite(headers(sent, proxy), ON)).toEqual({ clientAddress: '10.0.0.2', origin: 'https://tracker.example.org', https: true, unrecognisedHost: null });
    expect(requestSite(headers({ host: 'tracker.example.org' }, proxy), ON).origin).toBe('http://tracker.example.org');
    expect(requestSite(headers({ 'x-forwarded-host': 'a.example, tracker.example.org', 'x-forwarded-proto': 'http, https' }, proxy), ON).origin).toBe('https://tracker.example.org');
  });

  it('still takes the origin from BETTER_AUTH_URL when it is set', () => {
    const site = requestSite(headers({ 'x-forwarded-host': 'evil.test', 'x-forwarded-for': '198.51.100.1' }, proxy), { trustProxy: true, publicUrl: 'https://tracker.example.org' });
    expect(site).toMatchObject({ clientAddress: '198.51.100.1', origin: 'https://tracker.example.org', https: true });
  });
});
