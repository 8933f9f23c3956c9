/**
 * Writes go first (decision 0040). Reads and writes share the server's one event loop. Under a
 * crowd of readers, a save needs about twenty turns of that loop: the session lookup, the body,
 * validation and the transaction. Each of its turns waited behind every reader that had arrived
 * meanwhile, so a save took seconds although its own work takes milliseconds (the load test of
 * issue 15: p99 8-27 s).
 *
 * While a staff write is under way, a read that reaches its database work waits here until the
 * write is done. A write counts from the moment its session and permission have passed (and, for an
 * action, its input has parsed): a refused or anonymous request never holds readers back. Waiting here costs the loop nothing, and a paused reader sends no next request.
 * So the write's turns come round again at once. Readers then go on in the order they arrived.
 * Two limits keep readers from starving when writes come one after another:
 * - A write holds readers back for at most `MAX_HOLD_MS` from its start. A long write, such as an
 *   import waiting on its worker, then no longer delays anyone.
 * - A reader waits at most `MAX_HOLD_MS` in all, however many writes follow each other.
 *
 * The state sits on `globalThis`: each route's bundle has its own copy of this module, and all of
 * them must share one gate.
 */
import 'server-only';

/**
 * How long a write may hold readers back, and the longest a reader waits here: several times what a
 * save takes on a quiet machine (15-20 ms), and well under what a person notices.
 */
export const MAX_HOLD_MS = 100;

interface Gate {
  /** When each write under way started (`performance.now()`); a write's entry is removed when it ends. */
  writes: Set<{ started: number }>;
  /** Readers waiting, oldest first: when each began to wait, and how to let it go. */
  waiting: { since: number; go: () => void }[];
  timer: ReturnType<typeof setTimeout> | null;
  /** Whether waiting readers are being let go (one per turn of the loop). */
  releasing: boolean;
}

const KEY = Symbol.for('tracker.write-first');
const holder = globalThis as typeof globalThis & { [KEY]?: Gate };
const gate: Gate = (holder[KEY] ??= { writes: new Set(), waiting: [], timer: null, releasing: false });

/** Whether a write still within its hold is under way. */
function holding(now: number): boolean {
  for (const w of gate.writes) if (now - w.started < MAX_HOLD_MS) return true;
  return false;
}

/** Whether the oldest waiting reader may go: no write holds it, or it has waited its limit. */
function headMayGo(now: number): boolean {
  const head = gate.waiting[0];
  return head !== undefined && (!holding(now) || now - head.since >= MAX_HOLD_MS);
}

/**
 * Lets the waiting readers go one per turn of the loop, in the order they came, so that the save's
 * answer goes out between them. Measured at 1M events with `npm run bench:load` (decision 0040):
 * released all at once a few turns after the write, readers lost nothing but saves without the
 * cache were p99 1.8 s (their last steps queued behind the released readers); four per turn did no
 * better; one per turn gave saves p99 211 ms with the cache and 637 ms without, for 15% fewer reads
 * a second and a longer tail for readers.
 */
function releaseWaiting() {
  if (gate.timer) clearTimeout(gate.timer);
  gate.timer = null;
  if (gate.releasing) return;
  gate.releasing = true;
  const next = () => {
    if (!headMayGo(performance.now())) {
      gate.releasing = false;
      return schedule();
    }
    gate.waiting.shift()!.go();
    setImmediate(next);
  };
  next();
}

/** Wakes the waiting readers once they may go, checking again when the next hold or wait ends. */
function schedule() {
  if (gate.waiting.length === 0 || gate.releasing) return;
  const now = performance.now();
  if (headMayGo(now)) return releaseWaiting();
  if (gate.timer) return;
  let soonest = Math.max(0, MAX_HOLD_MS - (now - gate.waiting[0]!.since));
  for (const w of gate.writes) soonest = Math.min(soonest, Math.max(0, MAX_HOLD_MS - (now - w.started)));
  gate.timer = setTimeout(() => {
    gate.timer = null;
    schedule();
  }, soonest + 1);
  gate.timer.unref?.();
}

/**
 * For a reader, before its database work: nothing when no write is under way (no turn of the loop
 * lost), else a promise that resolves when the writes are done or their hold has passed.
 */
export function readerTurn(): Promise<void> | null {
  if (gate.writes.size === 0 || !holding(performance.now())) return null;
  const turn = new Promise<void>((resolve) => gate.waiting.push({ since: performance.now(), go: resolve }));
  schedule();
  return turn;
}

/** WRITE_FIRST=0 turns the gate off, to measure what it buys (docs/performance.md). */
const enabled = () => process.env.WRITE_FIRST !== '0';

/** Runs a staff write with readers held back while it runs (see above). */
export async function asWrite<T>(write: () => Promise<T>): Promise<T> {
  if (!enabled()) return write();
  const entry = { started: performance.now() };
  gate.writes.add(entry);
  try {
    return await write();
  } finally {
    gate.writes.delete(entry);
    // The next turn: the write's answer, still on its way out through the framework's promises,
    // goes out before the first released reader's database work.
    setImmediate(schedule);
  }
}

/** For tests: how many readers wait and how many writes are under way. */
export function writeFirstState(): { waiting: number; writes: number } {
  return { waiting: gate.waiting.length, writes: gate.writes.size };
}
