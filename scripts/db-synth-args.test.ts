import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseCount, parseSynthArgs, SYNTH_USAGE } from './db-synth-args';

const cwd = '/srv/tracker';
const parse = (...argv: string[]) => parseSynthArgs(argv, { cwd, databasePath: undefined });

describe('db:synth flags', () => {
  it('reads the count in plain or short form, with defaults for the rest', () => {
    expect(parse('--events', '100000')).toEqual({
      events: 100_000,
      seed: '1',
      out: '/srv/tracker/data/synth-100000.db',
      force: false,
      revisions: false,
      help: false,
    });
    expect(parse('--events=1m', '--seed', 'abc', '--out', 'x.db', '--force', '--revisions')).toMatchObject({
      events: 1_000_000,
      seed: 'abc',
      out: '/srv/tracker/x.db',
      force: true,
      revisions: true,
    });
    expect(parseCount('100k')).toBe(100_000);
    expect(parseCount('1_000_000')).toBe(1_000_000);
    expect(parseCount('1e6')).toBeNull();
  });

  it.each([
    [['--events', 'abc'], '--events must be a whole number'],
    [['--events', '0'], '--events must be a whole number'],
    [['--events', '-5'], 'argument is ambiguous'],
    [['--events', '20m'], '--events must be a whole number'],
    [['--events'], 'argument missing'],
    [[], 'Say how many events'],
    [['--evnts', '10'], "Unknown option '--evnts'"],
    [['--events', '10', 'extra'], 'Unexpected argument'],
    [['--events', '10', '--seed', ' '], '--seed must not be empty'],
  ])('rejects %j with a message and the usage', (argv, message) => {
    let error: unknown;
    try {
      parse(...argv);
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(Error);
    expect((error as Error).name).toBe('UsageError');
    expect((error as Error).message).toContain(message);
    expect((error as Error).message).toContain(SYNTH_USAGE);
  });

  it("never writes to the app's database, even with --force", () => {
    expect(() => parse('--events', '10', '--out', 'data/tracker.db', '--force')).toThrow(/Refusing to write/);
    expect(() => parseSynthArgs(['--events', '10', '--out', '/var/db/live.db'], { cwd, databasePath: '/var/db/live.db' })).toThrow(
      /Refusing to write/,
    );
  });
});

describe('npm run db:synth', () => {
  const run = (...args: string[]) =>
    spawnSync(process.execPath, ['--import', 'tsx', 'scripts/db-synth.ts', ...args], {
      encoding: 'utf8',
      env: { ...process.env, DATABASE_PATH: '' },
    });

  it('exits 1 with the usage and no stack trace on a bad flag', () => {
    const r = run('--events', 'abc');
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('--events must be a whole number');
    expect(r.stderr).toContain('Usage: npm run db:synth');
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  it('builds a small database, then refuses to overwrite it without --force', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'synth-cli-'));
    try {
      const out = path.join(dir, 'small.db');
      const first = run('--events', '200', '--out', out);
      expect(first.stderr).toBe('');
      expect(first.status).toBe(0);
      expect(first.stdout).toMatch(/Done in .*small\.db/);
      expect(first.stdout).toMatch(/events\s+200\n/);
      expect(fs.readdirSync(dir)).toEqual(['small.db']);

      const second = run('--events', '200', '--out', out);
      expect(second.status).toBe(1);
      expect(second.stderr).toContain('already exists. Add --force');
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
