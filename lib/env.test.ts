import { afterEach, describe, expect, it, vi } from 'vitest';
import { env, resetEnvCache } from './env';

describe('DATABASE_URL and DATABASE_REPLICA_URLS', () => {
  afterEach(() => {
    vi.unstubAllEnvs();
    resetEnvCache();
  });

  const load = (vars: Record<string, string>) => {
    for (const [k, v] of Object.entries(vars)) vi.stubEnv(k, v);
    resetEnvCache();
    return env();
  };

  it('takes replicas of a PostgreSQL primary', () => {
    const e = load({ DATABASE_URL: 'postgres://db1/tracker', DATABASE_REPLICA_URLS: 'postgres://db2/tracker,postgresql://db3/tracker' });
    expect(e.DATABASE_REPLICA_URLS).toBe('postgres://db2/tracker,postgresql://db3/tracker');
  });

  it('refuses replicas without a primary, saying what to set', () => {
    expect(() => load({ DATABASE_URL: '', DATABASE_REPLICA_URLS: 'postgres://db2/tracker' })).toThrow(
      /DATABASE_REPLICA_URLS: is set without DATABASE_URL: replicas follow a PostgreSQL primary/,
    );
  });

  it('refuses a replica address that is not PostgreSQL', () => {
    expect(() => load({ DATABASE_URL: 'postgres://db1/tracker', DATABASE_REPLICA_URLS: 'postgres://db2/tracker, data/replica.db' })).toThrow(
      /DATABASE_REPLICA_URLS: must be PostgreSQL addresses separated by commas/,
    );
  });

  it('an empty variable counts as unset', () => {
    expect(load({ DATABASE_URL: '', DATABASE_REPLICA_URLS: '' }).DATABASE_REPLICA_URLS).toBeUndefined();
  });
});
