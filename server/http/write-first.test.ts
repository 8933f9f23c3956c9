/**
 * Writes go first: a reader that arrives while a staff write is under way waits until the write is
 * done, or until the write's hold has passed; with no write under way it does not wait at all.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { asWrite, MAX_HOLD_MS, readerTurn, writeFirstState } from './write-first';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
function deferred() {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}

afterEach(() => expect(writeFirstState()).toEqual({ waiting: 0, writes: 0 }));

describe('write-first', () => {
  it('lets a reader straight through when no write is under way', () => {
    expect(readerTurn()).toBeNull();
  });

  it('holds a reader until the write under way is done, and the reader then sees it', async () => {
    const log: string[] = [];
    const gate = deferred();
    const write = asWrite(async () => {
      await gate.promise;
      log.push('written');
    });
    const turn = readerTurn();
    expect(turn).not.toBeNull();
    const read = turn!.then(() => log.push('read'));
    await sleep(20);
    expect(log).toEqual([]);
    gate.resolve();
    await Promise.all([write, read]);
    expect(log).toEqual(['written', 'read']);
  });

  it('releases readers once a long write has held them for its limit, before the write ends', async () => {
    const gate = deferred();
    const started = performance.now();
    const write = asWrite(() => gate.promise);
    await readerTurn();
    const waited = performance.now() - started;
    expect(waited).toBeGreaterThanOrEqual(MAX_HOLD_MS - 5);
    expect(waited).toBeLessThan(MAX_HOLD_MS + 200);
    // Past its hold, the write no longer stops anyone.
    expect(readerTurn()).toBeNull();
    gate.resolve();
    await write;
  });

  it('lets a reader go after its limit even when writes keep following each other', async () => {
    const gates = [deferred(), deferred(), deferred()];
    const writes = [asWrite(() => gates[0]!.promise)];
    const started = performance.now();
    const reader = readerTurn()!;
    // A new write every 40 ms: each has a fresh hold of its own, but the reader's wait is bounded.
    for (const g of gates.slice(1)) {
      await sleep(40);
      writes.push(asWrite(() => g.promise));
    }
    await reader;
    const waited = performance.now() - started;
    expect(waited).toBeGreaterThanOrEqual(MAX_HOLD_MS - 5);
    expect(waited).toBeLessThan(MAX_HOLD_MS + 60);
    for (const g of gates) g.resolve();
    await Promise.all(writes);
  });

  it('lets waiting readers go in the order they came, one per turn of the loop', async () => {
    const gate = deferred();
    const write = asWrite(() => gate.promise);
    const order: string[] = [];
    const readers = ['first', 'second', 'third'].map((name) => readerTurn()!.then(() => order.push(name)));
    const ticks = (async () => {
      await gate.promise;
      for (let i = 0; i < 3; i++) {
        await new Promise((r) => setImmediate(r));
        order.push(`turn ${i}`);
      }
    })();
    gate.resolve();
    await Promise.all([write, ...readers, ticks]);
    expect(order.filter((o) => !o.startsWith('turn'))).toEqual(['first', 'second', 'third']);
    // Not all three before the loop turned: something else had its turn between them.
    expect(order.indexOf('turn 0')).toBeLessThan(order.indexOf('third'));
  });

  it('releases readers when a write fails, and passes its error on', async () => {
    const gate = deferred();
    const write = asWrite(async () => {
      await gate.promise;
      throw new Error('refused');
    });
    const read = readerTurn();
    gate.resolve();
    await expect(write).rejects.toThrow('refused');
    await read;
  });

  it('keeps readers waiting while any of several writes is under way', async () => {
    const first = deferred();
    const second = deferred();
    const a = asWrite(() => first.promise);
    const b = asWrite(() => second.promise);
    let read = false;
    const reader = readerTurn()!.then(() => (read = true));
    first.resolve();
    await a;
    await sleep(10);
    expect(read).toBe(false);
    second.resolve();
    await Promise.all([b, reader]);
    expect(read).toBe(true);
  });
});
