/**
 * Issue 10, item 4: the production server with TRUST_PROXY=1, as it runs behind one reverse proxy
 * (here the requests carry the headers such a proxy sets). Then, and only then, X-Forwarded-For's
 * last entry is the client, and X-Forwarded-Proto and -Host are the address the browser used.
 * Its own server on its own temporary database (port E2E_PORT+2).
 */
import { expect, test } from '@playwright/test';
import path from 'node:path';
import { ProductionServer, tempDirectory } from '../../scripts/harness/production-server';
import { rawRequest, signInAttempt } from '../raw-http';

const PORT = Number(process.env.E2E_PORT ?? 3100) + 2;

test.describe('Behind a trusted reverse proxy (TRUST_PROXY=1)', () => {
  test.describe.configure({ mode: 'serial', timeout: 120_000 });

  let tmp: ReturnType<typeof tempDirectory>;
  let server: ProductionServer;
  test.beforeAll(async () => {
    tmp = tempDirectory('tracker-e2e-proxy-');
    server = await ProductionServer.start({ port: PORT, databasePath: path.join(tmp.dir, 'tracker.db'), env: { SEED_ON_EMPTY: 'true', TRUST_PROXY: '1' } });
  });
  test.afterAll(async () => {
    await server?.stop();
    tmp?.remove();
  });

  // What the proxy in front adds: the browser's scheme and host, and the address it saw last.
  const fromProxy = (client: string) => ({ 'x-forwarded-proto': 'https', 'x-forwarded-host': 'tracker.example.org', 'x-forwarded-for': `192.0.2.66, ${client}` });

  test('uses the scheme and host the proxy reports for redirects, HSTS and the cross-site check', async () => {
    const page = await rawRequest(server.baseUrl, '/events/new', { headers: fromProxy('198.51.100.1') });
    expect(page.status).toBe(307);
    expect(page.headers.location).toBe('https://tracker.example.org/sign-in?next=%2Fevents%2Fnew');
    expect(page.headers['strict-transport-security']).toBe('max-age=31536000; includeSubDomains');

    const post = (origin: string) =>
      rawRequest(server.baseUrl, '/api/events', { method: 'POST', headers: { ...fromProxy('198.51.100.1'), origin, 'content-type': 'application/json' }, body: '{"event":{}}' });
    expect((await post('https://tracker.example.org')).status, 'our origin passes, and meets the session check').toBe(401);
    expect((await post('http://tracker.example.org')).status, 'the same host over plain HTTP does not').toBe(403);
  });

  test("counts sign-in attempts per address the proxy saw (the last X-Forwarded-For entry)", async () => {
    const attempt = (client: string) =>
      signInAttempt(server.baseUrl, { email: 'nobody@e2e.test', password: 'a guess of twelve' }, { headers: { ...fromProxy(client), origin: 'https://tracker.example.org' } });
    // Four clients behind the proxy, one attempt each: none is limited.
    const different: number[] = [];
    for (let i = 0; i < 4; i++) different.push(await attempt(`198.51.100.${10 + i}`));
    expect(different).toEqual([401, 401, 401, 401]);
    // One client, four attempts: Better Auth's limit (3 in 10 s) applies to it.
    const same: number[] = [];
    for (let i = 0; i < 4; i++) same.push(await attempt('198.51.100.20'));
    expect(same).toEqual([401, 401, 401, 429]);
  });
});
