/**
 * The refusals of a PostgreSQL address, each naming what to fix and never the password. The server
 * here trusts local connections, so a wrong password is shown with the error PostgreSQL sends for
 * it (28P01); the others are met for real.
 */
import { describe, expect, it } from 'vitest';
import { connectPostgres, describePostgresUrl, explainConnectError, redact } from './connect';

describe('a PostgreSQL address the tracker cannot use', () => {
  it('is refused before connecting when it is not a PostgreSQL address or names no database', () => {
    expect(() => describePostgresUrl('data/tracker.db')).toThrow(/is not a URL/);
    expect(() => describePostgresUrl('mysql://root:pw@127.0.0.1/tracker')).toThrow(/must start with postgres:\/\/ or postgresql:\/\//);
    expect(() => describePostgresUrl('postgres://127.0.0.1:5432')).toThrow(/names no database/);
    expect(() => describePostgresUrl('mysql://root:hunter2@127.0.0.1/tracker')).not.toThrow(/hunter2/);
  });

  it('names the server that does not answer, and the database that does not exist', async () => {
    await expect(connectPostgres('postgres://postgres:hunter2@127.0.0.1:1/tracker')).rejects.toThrow(
      'PostgreSQL at 127.0.0.1:1 does not answer (ECONNREFUSED). Start the server, or correct the host and port in the address.',
    );
    await expect(connectPostgres('postgres://postgres@127.0.0.1:5432/no_such_tracker_db')).rejects.toThrow(
      /has no database "no_such_tracker_db"\. Create it first \(createdb -h 127\.0\.0\.1 no_such_tracker_db\)/,
    );
  });

  it('names the user whose password was refused, without the password', () => {
    const err = Object.assign(new Error('password authentication failed for user "tracker"'), { code: '28P01' });
    const message = explainConnectError(err, 'postgres://tracker:hunter2@db.example.org:6432/tracker').message;
    expect(message).toBe(
      'PostgreSQL at db.example.org:6432 refused user "tracker" (password authentication failed for user "tracker"). Check the user name and password in the address.',
    );
    expect(redact('postgres://tracker:hunter2@db.example.org/tracker')).toBe('postgres://tracker:***@db.example.org/tracker');
  });
});
