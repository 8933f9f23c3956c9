import { describe, expect, it } from 'vitest';
import { crossSiteRefusal } from './same-origin';

const req = (method: string, headers: Record<string, string>) =>
  new Request('http://127.0.0.1:3000/api/events/1', { method, headers: { host: '127.0.0.1:3000', ...headers } });

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
});
