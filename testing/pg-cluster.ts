/**
 * A throwaway PostgreSQL primary with streaming replicas on 127.0.0.1, for the replica script
 * (scripts/pg-replicas.ts): initdb, pg_basebackup -R, pg_ctl, from the server binaries Debian's
 * `postgresql` package installs (`npm run test:tools` installs it when missing). Everything lives
 * in one temporary folder and is stopped and removed by `destroy`. PostgreSQL refuses to run as
 * root, so as root each command runs as the `postgres` user (runuser).
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync, appendFileSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

export interface PgNode {
  name: string;
  port: number;
  dataDir: string;
  url: string;
}

export interface PgCluster {
  dir: string;
  primary: PgNode;
  replicas: PgNode[];
  stop(node: PgNode): void;
  start(node: PgNode): void;
  destroy(): void;
}

/** The newest server binaries folder, e.g. /usr/lib/postgresql/15/bin; undefined when none. */
export function postgresBinDir(): string | undefined {
  const root = '/usr/lib/postgresql';
  if (!existsSync(root)) return undefined;
  const versions = readdirSync(root)
    .filter((v) => existsSync(path.join(root, v, 'bin', 'initdb')))
    .sort((a, b) => Number(b) - Number(a));
  return versions[0] ? path.join(root, versions[0], 'bin') : undefined;
}

/** A TCP port on 127.0.0.1 that nothing listens on, from `from` upwards. */
export async function freePort(from: number, taken: ReadonlySet<number> = new Set()): Promise<number> {
  for (let port = from; port < from + 200; port++) {
    if (taken.has(port)) continue;
    const free = await new Promise<boolean>((resolve) => {
      const server = net.createServer();
      server.once('error', () => resolve(false));
      server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
    });
    if (free) return port;
  }
  throw new Error(`No free port on 127.0.0.1 between ${from} and ${from + 199}.`);
}

const asRoot = typeof process.getuid === 'function' && process.getuid() === 0;

function run(bin: string, args: string[], label: string): void {
  const [cmd, argv] = asRoot ? ['runuser', ['-u', 'postgres', '--', bin, ...args]] : [bin, args];
  const result = spawnSync(cmd, argv, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  if (result.status !== 0) {
    throw new Error(`${label} failed (${path.basename(bin)} exited ${result.status}):\n${result.stderr || result.stdout}`);
  }
}

/**
 * Starts a primary and `replicaCount` streaming replicas, each on a free port from 55432 up. The
 * primary is tuned for a test (fsync off) and lets 127.0.0.1 connect and replicate without a
 * password; each replica is a pg_basebackup of it, started in hot standby.
 */
export async function startPgCluster(replicaCount: number): Promise<PgCluster> {
  const bin = postgresBinDir();
  if (!bin) throw new Error('No PostgreSQL server binaries in /usr/lib/postgresql: run `npm run test:tools` (it installs Debian\'s postgresql package).');
  const dir = mkdtempSync(path.join(os.tmpdir(), 'tracker-pg-cluster-'));
  if (asRoot) {
    const uid = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim());
    const gid = Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).trim());
    chownSync(dir, uid, gid);
  }
  const ports = new Set<number>();
  const node = async (name: string): Promise<PgNode> => {
    const port = await freePort(55432, ports);
    ports.add(port);
    return { name, port, dataDir: path.join(dir, name), url: `postgres://postgres@127.0.0.1:${port}/tracker` };
  };
  const pgCtl = (n: PgNode, action: 'start' | 'stop') =>
    action === 'start'
      ? run(path.join(bin, 'pg_ctl'), ['-D', n.dataDir, '-l', `${n.dataDir}.log`, '-w', '-t', '60', '-o', `-p ${n.port}`, 'start'], `starting ${n.name}`)
      : run(path.join(bin, 'pg_ctl'), ['-D', n.dataDir, '-m', 'immediate', '-w', 'stop'], `stopping ${n.name}`);
  const running = new Set<PgNode>();
  const cluster: PgCluster = {
    dir,
    primary: await node('primary'),
    replicas: [],
    stop(n) {
      pgCtl(n, 'stop');
      running.delete(n);
    },
    start(n) {
      pgCtl(n, 'start');
      running.add(n);
    },
    destroy() {
      for (const n of [...running]) {
        try {
          cluster.stop(n);
        } catch {
          // Already gone: removing the folder is what matters.
        }
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
  try {
    const { primary } = cluster;
    run(path.join(bin, 'initdb'), ['-D', primary.dataDir, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--locale=C.UTF-8'], 'initdb');
    appendFileSync(
      path.join(primary.dataDir, 'postgresql.conf'),
      [
        "listen_addresses = '127.0.0.1'",
        `unix_socket_directories = '${dir}'`,
        'wal_level = replica',
        'max_wal_senders = 8',
        'hot_standby = on',
        'fsync = off',
        '',
      ].join('\n'),
    );
    appendFileSync(path.join(primary.dataDir, 'pg_hba.conf'), 'host replication all 127.0.0.1/32 trust\n');
    cluster.start(primary);
    run(path.join(bin, 'createdb'), ['-h', '127.0.0.1', '-p', String(primary.port), '-U', 'postgres', 'tracker'], 'createdb tracker');
    for (let i = 1; i <= replicaCount; i++) {
      const replica = await node(`replica${i}`);
      run(
        path.join(bin, 'pg_basebackup'),
        ['-h', '127.0.0.1', '-p', String(primary.port), '-U', 'postgres', '-D', replica.dataDir, '-R', '-X', 'stream', '-c', 'fast'],
        `pg_basebackup for ${replica.name}`,
      );
      appendFileSync(path.join(replica.dataDir, 'postgresql.conf'), `cluster_name = '${replica.name}'\n`);
      cluster.replicas.push(replica);
      cluster.start(replica);
    }
    return cluster;
  } catch (err) {
    cluster.destroy();
    throw err;
  }
}
