/**
 * Whatever the validation accepts as a source URL, the database accepts too (issue 10, item 6):
 * `https:evil.test` passed the old check and broke the CHECK on `sources.url`, a 500 everywhere.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sourceUrlSchema } from '@/lib/validation/event';
import type { Connection } from '@/db/engine/client';
import { getEvent } from './queries/events';
import { createTestDb, makeEvent } from '@/db/testing/test-db';

let conn: Connection;
let eventId: number;
beforeAll(() => {
  conn = createTestDb();
  eventId = makeEvent(conn.db).id;
});
afterAll(() => conn.sqlite.close());

const schemes = fc.constantFrom(
  'http:', 'https:', 'HTTP:', 'hTtPs:', 'http:/', 'https:/', 'http://', 'https://', 'http:\\\\', 'https:/\\', 'http:\\/', ' https://',
  'javascript:', 'data:', 'ftp://', '//', '', 'https:\t//', 'h\tttps://',
);
const hosts = fc.constantFrom('evil.test', 'state.gov@evil.test', 'user:pw@x.example', 'EXAMPLE.org', 'xn--mgbh0fb.example', 'وزارة.example', 'ＥＸＡＭＰＬＥ.org', '127.0.0.1', '[::1]', '1.2.3', 'a b.example', '%41.example', '', 'x.example:443', 'x.example:99999');
const rest = fc.string({ unit: 'binary', maxLength: 30 });
const urlish = fc.oneof(
  fc.tuple(schemes, hosts, fc.constantFrom('', '/', '/a b', '/?q=1#f', '\\path', '/%zz'), rest).map(([s, h, p, r]) => s + h + p + r),
  fc.webUrl({ withQueryParameters: true, withFragments: true, authoritySettings: { withUserInfo: true, withPort: true, withIPv4: true, withIPv6: true } }),
  fc.string({ unit: 'binary', maxLength: 60 }),
);

describe('source URLs: the validation and the database agree', () => {
  it('stores every URL the validation accepts; the database refuses none of them', () => {
    const insert = conn.sqlite.prepare('INSERT INTO sources (event_id, url, title) VALUES (?, ?, ?)');
    let accepted = 0;
    fc.assert(
      fc.property(urlish, (raw) => {
        const parsed = sourceUrlSchema.safeParse(raw);
        if (!parsed.success) return;
        accepted++;
        expect(() => insert.run(eventId, parsed.data, 'A source'), JSON.stringify(raw)).not.toThrow();
        if (parsed.data !== null) expect(new URL(parsed.data).username + new URL(parsed.data).password).toBe('');
      }),
      { numRuns: 3000 },
    );
    // The run means something only if it reached the database often.
    expect(accepted).toBeGreaterThan(500);
  });

  it('through the event mutation too, for the addresses the probe used', () => {
    for (const url of ['https:evil.test', 'http:evil.test', 'https:/evil.test', 'http:/\\evil.test']) {
      const id = makeEvent(conn.db, { sources: [{ title: 'A source', url }] }).id;
      expect(getEvent(conn.db, id)!.sources[0]!.url).toMatch(/^https?:\/\/evil\.test\/$/);
    }
  });
});
