/**
 * Issue 10, item 5, through the production server (reading public here; every read route under both
 * READ_ACCESS settings is in app/read-cache-headers.test.ts): only an answer that is the same for
 * everybody may be kept by a shared cache, and caches keep answers to different cookies apart.
 */
import { expect, test } from '../fixtures';

test.describe('A shared cache between readers and the server', () => {
  test('keeps the public feed, and nothing a session can change', async ({ request }) => {
    const feed = await request.get('/feed.xml?type=designation');
    expect(feed.headers()['cache-control']).toBe('public, max-age=300');
    expect(feed.headers()['vary']).toMatch(/\bCookie\b/i);

    // With a session cookie (valid or not), the same feed is private.
    const withCookie = await request.get('/feed.xml?type=designation', { headers: { Cookie: 'tracker.session_token=not.a.session' } });
    expect(withCookie.status()).toBe(200);
    expect(withCookie.headers()['cache-control']).toBe('private, no-store');
    expect(withCookie.headers()['vary']).toMatch(/\bCookie\b/i);

    for (const path of ['/api/events', '/api/events/1', '/api/events/export', '/api/events/export.json', '/api/entities?q=assad', '/api/health', '/import/template.csv']) {
      const res = await request.get(path);
      expect(res.status(), path).toBe(200);
      expect(res.headers()['cache-control'], path).toMatch(/\bno-store\b/);
      expect(res.headers()['vary'], path).toMatch(/\bCookie\b/i);
    }
    // Pages: Next.js's own header for pages rendered per request.
    for (const path of ['/', '/events/1', '/sign-in']) {
      const res = await request.get(path);
      expect(res.headers()['cache-control'], path).toMatch(/\bno-store\b/);
      expect(res.headers()['cache-control'], path).not.toMatch(/\bpublic\b/);
    }
  });
});
