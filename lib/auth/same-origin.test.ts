import { describe, expect, it } from 'vitest';
import { CONNECTION_HEADER, connectionHeaderValue } from '@/lib/http/connection';
import { crossSiteRefusal } from './same-origin';

// As the server sees it: a browser on this machine, connected to 127.0.0.1:3000 (lib/http/connection-hook.ts).
const connection = connectionHeaderValue({ remoteAddress: '127.0.0.1', localAddress: '127.0.0.1', localPort: 3000, encrypted: false });
const req = (method: string, headers: Record<string, string>) =>
  new Request('http://127.0.0.1:3000/api/events/1', { method, headers: { host: '127.0.0.1:3000', ...headers, [CONNECTION_HEADER]: connection } });

describe('the cross-site check for route handlers', () => {
  it('lets reads through from anywhere', () => {
    expect(crossSiteRefusal(req('GET', { origin: 'https://evil.example', 'sec-fetch-site': 'cross-site' }))).toBeNull();
  });

  it('lets same-origin writes and header-less clients through', () => {
    expect(crossSiteRefusal(req('PUT', { origin: 'http://127.0.0.1:3000', 'sec-fetch-site': 'same-origin' }))).toBeNull();
    expect(crossSiteRefusal(req('DELETE', {}))).toBeNull();
    expect(crossSiteRefusal(req('POST', { 'sec-fetch-site': 'none' }))).toBeNull();
  });

  it.each([
    ['another origin', { origin: 'https://evil.example' }],
    ['a cross-site fetch', { 'sec-fetch-site': 'cross-site' }],
    ['a sibling subdomain', { 'sec-fetch-site': 'same-site', origin: 'http://other.127.0.0.1:3000' }],
    ['an opaque origin', { origin: 'null' }],
    ['a malformed origin', { origin: 'not a url' }],
    ['the same host on another port', { origin: 'http://127.0.0.1:4000' }],
  ])('refuses a write from %s', (_label, headers) => {
    expect(crossSiteRefusal(req('POST', headers))).toMatch(/another site/);
  });

  // Issue 10, item 4: the check compared only host names, so an https:// page could write to the
  // plain-HTTP server, and a request that named evil.test as its Host passed with Origin evil.test
  // (as a browser sends after DNS rebinding points evil.test at this server).
  it.each([
    ['an https Origin on a plain-HTTP server', { origin: 'https://127.0.0.1:3000' }],
    ['a forged Host matched by its Origin', { host: 'evil.test', origin: 'http://evil.test' }],
    ['a forged X-Forwarded-Host matched by its Origin', { 'x-forwarded-host': 'evil.test', origin: 'http://evil.test' }],
    ['a forged X-Forwarded-Proto with an https Origin', { 'x-forwarded-proto': 'https', origin: 'https://127.0.0.1:3000' }],
  ])('refuses %s', (_label, headers) => {
    expect(crossSiteRefusal(req('POST', headers))).toMatch(/another site|does not know/);
  });

  it('names BETTER_AUTH_URL when the browser used a name the server does not know as its own', () => {
    expect(crossSiteRefusal(req('POST', { host: 'tracker.lan:3000', origin: 'http://tracker.lan:3000' }))).toMatch(/BETTER_AUTH_URL/);
  });
});
