import { describe, expect, it } from 'vitest';
import { readCacheHeaders } from './cache-policy';

describe('readCacheHeaders', () => {
  it('lets a shared cache keep an answer only when it is the same for everybody', () => {
    expect(readCacheHeaders({ readIsPublic: true, session: false, sharedMaxAge: 300 })).toEqual({ 'Cache-Control': 'public, max-age=300', Vary: 'Cookie' });
    expect(readCacheHeaders({ readIsPublic: true, session: false })).toEqual({ 'Cache-Control': 'no-store', Vary: 'Cookie' });
  });

  it.each([
    ['reading needs an account', { readIsPublic: false, session: true, sharedMaxAge: 300 }],
    ['reading needs an account, nobody signed in (the 401)', { readIsPublic: false, session: false, sharedMaxAge: 300 }],
    ['a signed-in person', { readIsPublic: true, session: true, sharedMaxAge: 300 }],
    ['a staff view', { readIsPublic: true, session: false, staffView: true, sharedMaxAge: 300 }],
  ])('never stores an answer for %s', (_label, answer) => {
    expect(readCacheHeaders(answer)).toEqual({ 'Cache-Control': 'private, no-store', Vary: 'Cookie' });
  });
});
