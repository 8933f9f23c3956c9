import { NextRequest } from 'next/server';
import { afterEach, describe, expect, it } from 'vitest';
import { proxy } from './proxy';

const req = (path: string, cookie?: string) =>
  new NextRequest(`http://127.0.0.1:3000${path}`, { headers: { host: '127.0.0.1:3000', ...(cookie ? { cookie } : {}) } });
const SESSION = 'tracker.session_token=abc.def';

afterEach(() => {
  delete process.env.READ_ACCESS;
});

describe('proxy: early redirects (the pages check again themselves)', () => {
  it('sends staff pages to sign-in when there is no session cookie, keeping where to return', () => {
    for (const path of ['/events/new', '/events/3/edit', '/events/deleted', '/entities/4/merge', '/admin/users']) {
      const res = proxy(req(path));
      expect(res.status, path).toBe(307);
      expect(res.headers.get('location')).toBe(`http://127.0.0.1:3000/sign-in?next=${encodeURIComponent(path)}`);
    }
    expect(proxy(req('/events/new', SESSION)).headers.get('location')).toBeNull();
    expect(proxy(req('/events/new', `__Secure-${SESSION}`)).headers.get('location')).toBeNull();
  });

  it('lets everyone read by default', () => {
    for (const path of ['/', '/events/3', '/api/events', '/entities/2']) expect(proxy(req(path)).headers.get('location'), path).toBeNull();
  });

  it('with READ_ACCESS=signed-in, asks for a session everywhere but sign-in, auth and health', async () => {
    process.env.READ_ACCESS = 'signed-in';
    expect(proxy(req('/?type=designation')).headers.get('location')).toBe('http://127.0.0.1:3000/sign-in?next=%2F%3Ftype%3Ddesignation');
    const api = proxy(req('/api/events'));
    expect(api.status).toBe(401);
    expect(await api.json()).toEqual({ error: expect.stringMatching(/Sign in/) });
    for (const path of ['/sign-in', '/api/auth/get-session', '/api/health']) {
      const res = proxy(req(path));
      expect(res.headers.get('location'), path).toBeNull();
      expect(res.status, path).toBe(200);
    }
    expect(proxy(req('/events/3', SESSION)).headers.get('location')).toBeNull();
  });
});
