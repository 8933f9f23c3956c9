/**
 * Starts the production build (`next start`) on a database of the caller's choosing, for the
 * crash and soak runs and the production-failure stories. The child is the Next.js server itself
 * (not npx or a shell), so SIGKILL hits the process that holds the database, and /proc gives its
 * memory. Loopback only.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const ROOT = path.resolve(import.meta.dirname, '..', '..');
const NEXT_BIN = path.join(ROOT, 'node_modules', 'next', 'dist', 'bin', 'next');

/**
 * The V8 flags `npm start` gives the production server (package.json; a test keeps the two equal).
 * A 32 MB young generation (Node's default is 16 MB) lets the short-lived rows of a streamed export
 * die young instead of being promoted: peak memory during a 100,000-row CSV export fell from about
 * 330 MB to 250 MB (docs/decisions/0011-server-memory.md).
 */
export const SERVER_NODE_FLAGS = ['--max-semi-space-size=32', '--max-old-space-size=256'] as const;

/**
 * What `next start` is given besides the port. An idle connection stays open for 65 s (Node's
 * default is 5 s): Node 20 accepts no new connection while its event loop stays busy, so under a
 * crowd of readers an editor whose browser has to open a new connection waits until the crowd
 * thins, while one who saved within the last minute is answered at once (decision 0040).
 */
export const NEXT_START_FLAGS = ['--keepAliveTimeout', '65000'] as const;

/** The arguments for `node` that start the production server on a port of 127.0.0.1. */
export function serverArgs(port: number): string[] {
  return [...SERVER_NODE_FLAGS, NEXT_BIN, 'start', ...NEXT_START_FLAGS, '-p', String(port), '-H', '127.0.0.1'];
}

/** Builds the app when there is no production build yet (a stale build is the caller's choice). */
export function ensureBuild(): void {
  if (fs.existsSync(path.join(ROOT, '.next', 'BUILD_ID'))) return;
  console.log('No production build found: running `next build` first...');
  const result = spawnSync(process.execPath, [NEXT_BIN, 'build'], { cwd: ROOT, stdio: 'inherit', env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1' } });
  if (result.status !== 0) throw new Error('next build failed; see above.');
}

/** A fresh directory under the system temp folder; `remove()` deletes it and everything in it. */
export function tempDirectory(prefix: string): { dir: string; remove: () => void } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  return { dir, remove: () => fs.rmSync(dir, { recursive: true, force: true }) };
}

export interface ServerOptions {
  port: number;
  databasePath: string;
  env?: Record<string, string>;
}

export interface Exit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

export class ProductionServer {
  readonly baseUrl: string;
  readonly exited: Promise<Exit>;
  private log = '';
  private exit: Exit | null = null;

  private constructor(
    private readonly child: ChildProcess,
    port: number,
  ) {
    this.baseUrl = `http://127.0.0.1:${port}`;
    child.stdout?.on('data', (d: Buffer) => (this.log += d.toString()));
    child.stderr?.on('data', (d: Buffer) => (this.log += d.toString()));
    this.exited = new Promise((resolve) =>
      child.on('exit', (code, signal) => {
        this.exit = { code, signal };
        resolve(this.exit);
      }),
    );
  }

  /** Spawns the server; does not wait for it (see `start` and `runUntilExit`). */
  static spawn({ port, databasePath, env = {} }: ServerOptions): ProductionServer {
    const child = spawn(process.execPath, serverArgs(port), {
      cwd: ROOT,
      env: { ...process.env, NODE_ENV: 'production', NEXT_TELEMETRY_DISABLED: '1', DATABASE_PATH: databasePath, SEED_ON_EMPTY: 'false', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    return new ProductionServer(child, port);
  }

  /** Spawns the server and waits until /api/health answers 200 (the database is open, its header and schema checked; the full check runs in the background). */
  static async start(options: ServerOptions, timeoutMs = 60_000): Promise<ProductionServer> {
    await assertPortFree(options.port);
    const server = ProductionServer.spawn(options);
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      if (server.exit) throw new Error(`The server exited during start-up (${JSON.stringify(server.exit)}):\n${server.output()}`);
      try {
        const res = await fetch(`${server.baseUrl}/api/health`, { signal: AbortSignal.timeout(2_000) });
        if (res.ok) return server;
      } catch {
        // Not listening yet.
      }
      await sleep(50);
    }
    server.child.kill('SIGKILL');
    throw new Error(`The server did not become healthy within ${timeoutMs} ms:\n${server.output()}`);
  }

  /** For start-ups expected to fail: spawns the server and waits for it to exit on its own. */
  static async runUntilExit(options: ServerOptions, timeoutMs = 60_000): Promise<Exit & { output: string }> {
    await assertPortFree(options.port);
    const server = ProductionServer.spawn(options);
    const timer = setTimeout(() => server.child.kill('SIGKILL'), timeoutMs);
    const exit = await server.exited;
    clearTimeout(timer);
    return { ...exit, output: server.output() };
  }

  get pid(): number {
    return this.child.pid!;
  }

  output(): string {
    return this.log;
  }

  /** Sends the signal and waits for the process to be gone. */
  async kill(signal: NodeJS.Signals = 'SIGKILL'): Promise<Exit> {
    if (!this.exit) this.child.kill(signal);
    return this.exited;
  }

  /** SIGTERM, then SIGKILL if it has not gone within five seconds. */
  async stop(): Promise<void> {
    if (this.exit) return;
    this.child.kill('SIGTERM');
    const timer = setTimeout(() => this.child.kill('SIGKILL'), 5_000);
    await this.exited;
    clearTimeout(timer);
  }

  /** Resident memory of the server process, from /proc (Linux), in bytes. */
  rssBytes(): number | null {
    try {
      const status = fs.readFileSync(`/proc/${this.pid}/status`, 'utf8');
      const kb = /^VmRSS:\s+(\d+) kB$/m.exec(status)?.[1];
      return kb ? Number(kb) * 1024 : null;
    } catch {
      return null;
    }
  }
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

async function assertPortFree(port: number): Promise<void> {
  try {
    await fetch(`http://127.0.0.1:${port}/`, { signal: AbortSignal.timeout(1_000) });
  } catch {
    return;
  }
  throw new Error(`Port ${port} is already in use on 127.0.0.1; choose another with --port.`);
}
