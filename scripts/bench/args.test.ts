import { describe, expect, it } from 'vitest';
import { parseBenchArgs } from './args';

describe('npm run bench -- --engine', () => {
  it('is SQLite unless told otherwise', () => {
    expect(parseBenchArgs([]).engine).toBe('sqlite');
  });

  it('compares PostgreSQL on the test server by default, or on the one named', () => {
    const args = parseBenchArgs(['--engine', 'postgres', '--sizes', '100k']);
    expect(args).toMatchObject({ engine: 'postgres', sizes: [100_000] });
    expect(args.pgUrl).toMatch(/^postgres:\/\//);
    expect(parseBenchArgs(['--engine', 'postgres', '--pg-url', 'postgres://me@db.example.org/postgres']).pgUrl).toBe('postgres://me@db.example.org/postgres');
  });

  it('refuses an engine it does not know, and an address that is not PostgreSQL, with the usage', () => {
    expect(() => parseBenchArgs(['--engine', 'mysql'])).toThrow(/--engine is sqlite or postgres \(got "mysql"\)[\s\S]*Usage: npm run bench/);
    expect(() => parseBenchArgs(['--engine', 'postgres', '--pg-url', 'mysql://root@127.0.0.1/x'])).toThrow(/--pg-url must be a PostgreSQL address/);
  });
});
