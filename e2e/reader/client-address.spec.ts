/**
 * Issue 10, item 4, against the production server as configured by default (TRUST_PROXY off): what
 * a client writes in Host, X-Forwarded-Host, X-Forwarded-Proto or X-Forwarded-For decides neither
 * where the server sends a browser, nor which site may write, nor which address a sign-in limit
 * counts. (A server behind a trusted proxy: e2e/production/behind-proxy.spec.ts.)
 */
import { expect, test } from '../fixtures';
import { rawRequest, signInAttempt } from '../raw-http';

test.describe('A client that writes its own addresses', () => {
  test('cannot move the sign-in redirect to another host with Host or X-Forwarded-Host', async ({ baseURL }) => {
    const ours = new URL(baseURL!);
    const forged: Record<string, string>[] = [
      { host: `evil.test:${ours.port}` },
      { host: 'evil.test' },
      { host: ours.host, 'x-forwarded-host': 'evil.test', 'x-forwarded-proto': 'https' },
    ];
    for (const headers of forged) {
      const res = await rawRequest(baseURL!, '/events/new', { headers });
      expect(res.status, JSON.stringify(headers)).toBe(307);
      // Next.js shortens a Location on the address it serves to a path, and where it cannot (it
      // believes X-Forwarded-Proto for that) spells this loopback address "localhost". Either way:
      // plain HTTP, this machine, this port, never the host the request named.
      const location = new URL(String(res.headers.location), ours.origin);
      expect(location.href, JSON.stringify(headers)).not.toMatch(/evil/);
      expect([ours.origin, `http://localhost:${ours.port}`], JSON.stringify(headers)).toContain(location.origin);
      expect(`${location.pathname}${location.search}`).toBe('/sign-in?next=%2Fevents%2Fnew');
    }
  });

  test('cannot pass the cross-site check with a forged Host or an https Origin on this http server', async ({ baseURL }) => {
    const ours = new URL(baseURL!);
    const post = (headers: Record<string, string>) =>
      rawRequest(baseURL!, '/api/events', { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: '{"event":{}}' });
    // A page on evil.test that DNS rebinding points at this server: Host and Origin agree, both foreign.
    const rebound = await post({ host: `evil.test:${ours.port}`, origin: `http://evil.test:${ours.port}` });
    expect(rebound.status).toBe(403);
    expect(JSON.parse(rebound.body)).toEqual({ error: expect.stringMatching(/^Refused: this (request came from another site|server does not know)/) });
    const https = await post({ host: ours.host, origin: `https://${ours.host}` });
    expect(https.status).toBe(403);
    expect(JSON.parse(https.body)).toEqual({ error: 'Refused: this request came from another site.' });
    const forwarded = await post({ host: ours.host, 'x-forwarded-host': 'evil.test', origin: 'http://evil.test' });
    expect(forwarded.status).toBe(403);
    // Our own origin passes the check and meets the next one: no session.
    expect((await post({ host: ours.host, origin: ours.origin })).status).toBe(401);
  });

  test("does not get around Better Auth's sign-in limit by rotating X-Forwarded-For", async ({ baseURL }) => {
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++) {
      // From its own loopback address, so no other story shares its count.
      statuses.push(await signInAttempt(baseURL!, { email: 'nobody@e2e.test', password: 'a guess of twelve' }, { from: '127.0.0.3', headers: { 'x-forwarded-for': `198.51.100.${i + 1}` } }));
    }
    expect(statuses).toEqual([401, 401, 401, 429]);
  });
});
