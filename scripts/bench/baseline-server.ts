/**
 * The benchmark's minimal HTTP baseline: a bare `node:http` server that answers `GET /?c=<key>` by
 * running exactly the statements `GET /api/events` runs for that combination (captured the same
 * way as the in-process baseline) and sending their rows as JSON, with the same Server-Timing
 * header. The difference from the app is what Next.js, the route's validation and the shaping of
 * the response add. Started and stopped by scripts/bench.ts; listens on 127.0.0.1 only.
 *
 *   tsx scripts/bench/baseline-server.ts <database file> <port>
 */
import http from 'node:http';
import { pickCombinations } from './combinations';
import { buildBenchIndex, captureStatements, openForBench, prepareStatements, runStatements } from './in-process';

const [file, portText] = process.argv.slice(2);
if (!file || !portText) {
  console.error('Usage: tsx scripts/bench/baseline-server.ts <database file> <port>');
  process.exit(2);
}
const sqlite = openForBench(file);
const index = buildBenchIndex(sqlite);
const prepared = new Map(
  pickCombinations(sqlite).map((c) => [c.key, prepareStatements(sqlite, captureStatements(sqlite, c, index))] as const),
);

const server = http.createServer((req, res) => {
  const started = performance.now();
  const key = new URL(req.url ?? '/', 'http://127.0.0.1').searchParams.get('c') ?? '';
  const statements = prepared.get(key);
  if (!statements) {
    res.writeHead(404, { 'Content-Type': 'text/plain' }).end('unknown combination\n');
    return;
  }
  const rows = runStatements(statements);
  const elapsed = performance.now() - started;
  const body = JSON.stringify(rows);
  res.writeHead(200, {
    'Content-Type': 'application/json',
    'Server-Timing': `db;desc="queries";dur=${elapsed.toFixed(2)}`,
    'Cache-Control': 'no-store',
  });
  res.end(body);
});
server.listen(Number(portText), '127.0.0.1', () => console.log('ready'));
const stop = () => server.close(() => process.exit(0));
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
