/**
 * The checks of the database file (decision 0037): at open, only what is cheap, and it refuses a
 * file that is not a database, a damaged header, a cut-off copy or a damaged schema with the
 * message that names the file and the way out; damage inside a table passes the open and is found
 * by the full check the server runs in a worker thread, which then refuses writes.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DatabaseUnavailableError, openDatabase } from './client';
import { bootstrapDatabase } from './bootstrap';
import { checkIntegrityNow, integrityStatus, resetIntegrityChecks, startIntegrityChecks, writeRefusal } from './integrity';
import { damageTablePage, seededFile } from '@/db/testing/damaged-file';

let dir: string;
let file: string;

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tracker-integrity-'));
  file = seededFile(dir);
  resetIntegrityChecks();
});
afterEach(() => {
  resetIntegrityChecks();
  fs.rmSync(dir, { recursive: true, force: true });
});

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
const refusedAtOpen = (f: string) => new RegExp(`The database at ${escape(f)} is damaged or is not a SQLite database .*db:restore`);

describe('at open, the cheap checks', () => {
  it('refuse a file whose header is damaged, with the message that names the file and the way out', () => {
    const bytes = fs.readFileSync(file);
    bytes.fill(0x5a, 0, 100);
    fs.writeFileSync(file, bytes);
    expect(() => openDatabase(file, { check: 'schema' })).toThrow(DatabaseUnavailableError);
    expect(() => openDatabase(file, { check: 'schema' })).toThrow(refusedAtOpen(file));
    expect(() => bootstrapDatabase({ path: file, seedOnEmpty: true, check: 'schema' })).toThrow(refusedAtOpen(file));
  });

  it('refuse a file that is not a database, and a copy cut off halfway', () => {
    const text = path.join(dir, 'text.db');
    fs.writeFileSync(text, 'hello, this is not SQLite'.repeat(400));
    expect(() => openDatabase(text, { check: 'schema' })).toThrow(refusedAtOpen(text));

    const cut = path.join(dir, 'cut.db');
    const bytes = fs.readFileSync(file);
    fs.writeFileSync(cut, bytes.subarray(0, Math.floor(bytes.length / 4096 / 2) * 4096));
    expect(() => openDatabase(cut, { check: 'schema' })).toThrow(/shorter than its header says .* cut off.*db:restore/);
  });

  it('refuse a damaged schema', () => {
    // One letter of the statement that creates the events table, as sqlite_schema stores it.
    const bytes = fs.readFileSync(file);
    const at = bytes.indexOf('CREATE TABLE `events`');
    expect(at).toBeGreaterThan(0);
    bytes.write('CREATE TABLX', at, 'latin1');
    fs.writeFileSync(file, bytes);
    expect(() => openDatabase(file, { check: 'schema' })).toThrow(refusedAtOpen(file));
    expect(() => openDatabase(file, { check: 'schema' })).toThrow(/malformed database schema/);
  });

  it('let a file with a damaged table page through, where the full check at open refuses it', () => {
    damageTablePage(file, 'events');
    const conn = openDatabase(file, { check: 'schema' });
    conn.sqlite.close();
    expect(() => openDatabase(file)).toThrow(refusedAtOpen(file));
  });
});

describe('the full check in a worker thread', () => {
  it('reports a whole file ok, with when it was checked and how long it took, and writes go on', async () => {
    const server = openDatabase(file, { check: 'schema' });
    try {
      expect(integrityStatus()).toMatchObject({ state: 'pending' });
      const status = await checkIntegrityNow(file);
      expect(status).toMatchObject({ state: 'ok' });
      if (status.state !== 'ok') throw new Error('unreachable');
      expect(Date.now() - Date.parse(status.checkedAt)).toBeLessThan(60_000);
      expect(status.durationMs).toBeGreaterThanOrEqual(0);
      expect(writeRefusal()).toBeNull();
    } finally {
      server.sqlite.close();
    }
  });

  it('finds a damaged table page that the open let through, and from then on writes are refused', async () => {
    const page = damageTablePage(file, 'events');
    const server = openDatabase(file, { check: 'schema' });
    try {
      expect(writeRefusal()).toBeNull();
      const status = await checkIntegrityNow(file);
      expect(status).toMatchObject({ state: 'failed' });
      if (status.state !== 'failed') throw new Error('unreachable');
      expect(status.message).toMatch(new RegExp(`page ${page}|malformed`));
      expect(writeRefusal()).toMatch(/Changes are paused: the integrity check found the database file damaged.*db:restore/);
      // A later check does not make the file whole again.
      expect(await checkIntegrityNow(file)).toBe(status);
    } finally {
      server.sqlite.close();
    }
  });

  it('starts on its own after the delay, and repeats only when asked to', async () => {
    startIntegrityChecks(file, { delayMs: 10, intervalMs: 0 });
    await expect.poll(() => integrityStatus().state, { timeout: 20_000 }).toBe('ok');
  });

  it('says the check could not run when the file is gone, without refusing writes', async () => {
    const status = await checkIntegrityNow(path.join(dir, 'missing.db'));
    expect(status).toMatchObject({ state: 'error' });
    expect(writeRefusal()).toBeNull();
  });
});
