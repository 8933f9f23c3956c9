/**
 * Runs the webhook dispatcher in the server process (decision 0035): one timer, started lazily by
 * instrumentation-node.ts at server start (never at build time) and nudged after event writes so
 * an alert leaves within moments. The timer is unref'd, so it never keeps a process alive, and a
 * failing step is logged and tried again later: deliveries never block or break a save.
 */
import 'server-only';
import { getStore } from '@/db/index';
import { writeRefusal } from '@/db/engine/integrity';
import { env } from '@/lib/env';
import { runDueDeliveries } from './dispatcher';

/** Even with nothing due, look again this often (a write in another process, a clock jump). */
const POLL_MS = 30_000;

interface State {
  /** Set by startAlertDispatcher (server start); until then a nudge does nothing (scripts, tests). */
  started: boolean;
  timer: NodeJS.Timeout | null;
  running: boolean;
  again: boolean;
  origin: string;
}

const globalForAlerts = globalThis as unknown as { __trackerAlerts?: State };

function state(): State {
  globalForAlerts.__trackerAlerts ??= {
    started: false,
    timer: null,
    running: false,
    again: false,
    origin: env().BETTER_AUTH_URL ?? `http://localhost:${process.env.PORT ?? '3000'}`,
  };
  return globalForAlerts.__trackerAlerts;
}

function schedule(delayMs: number) {
  const s = state();
  if (s.timer) clearTimeout(s.timer);
  s.timer = setTimeout(() => void step(), Math.max(0, Math.min(delayMs, POLL_MS)));
  s.timer.unref();
}

async function step() {
  const s = state();
  s.timer = null;
  if (s.running) {
    s.again = true;
    return;
  }
  // Sending writes each delivery's state: nothing is sent while the file is known to be damaged.
  if (writeRefusal()) return schedule(POLL_MS);
  s.running = true;
  try {
    const { outbox } = getStore();
    // Batch after batch while some were due (each step moves every row it read out of "due").
    for (let i = 0; i < 50 && (await runDueDeliveries(outbox, { origin: s.origin })) > 0; i++);
    s.again = false;
    const due = await outbox.nextDueAt();
    schedule(due === null ? POLL_MS : due - Date.now());
  } catch (err) {
    console.error('Webhook dispatcher step failed; trying again shortly.', err);
    schedule(POLL_MS);
  } finally {
    s.running = false;
  }
}

/**
 * Look for due deliveries now (after this request's work). `origin` is the address the site was
 * reached on, used for the payload's links when BETTER_AUTH_URL is not set.
 */
export function kickAlerts(origin?: string): void {
  const s = state();
  if (!s.started) return;
  if (origin && !env().BETTER_AUTH_URL) s.origin = origin;
  if (s.running) s.again = true;
  else schedule(0);
}

export function startAlertDispatcher(): void {
  const s = state();
  if (s.started) return;
  s.started = true;
  schedule(1_000);
}
