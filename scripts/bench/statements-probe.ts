/**
 * npx tsx scripts/bench/statements-probe.ts <db> [key...]: the statements GET /api/events runs for
 * each benchmark combination, each timed on its own (median of 5) with its query plan. For finding
 * out which statement of a slow combination is the slow one (docs/performance.md).
 */
import { buildBenchIndex, captureStatements, openForBench } from './in-process';
import { pickCombinations } from './combinations';

const [file, ...keys] = process.argv.slice(2);
if (!file) throw new Error('usage: statements-probe.ts <database> [combination keys]');
const sqlite = openForBench(file);
const index = buildBenchIndex(sqlite);
for (const c of pickCombinations(sqlite).filter((c) => keys.length === 0 || keys.includes(c.key))) {
  console.log(`\n== ${c.key} (${c.query || 'no filter'})`);
  for (const s of captureStatements(sqlite, c, index)) {
    const statement = sqlite.prepare(s.sql);
    const times: number[] = [];
    for (let i = 0; i < 5; i++) {
      const t = performance.now();
      if (statement.reader) statement.all(...(s.params as unknown[]));
      else statement.run(...(s.params as unknown[]));
      times.push(performance.now() - t);
    }
    times.sort((a, b) => a - b);
    console.log(`${times[2]!.toFixed(2).padStart(8)} ms  ${s.sql.replace(/\s+/g, ' ').slice(0, 400)}`);
    if (times[2]! > 5) {
      const plan = sqlite.prepare(`EXPLAIN QUERY PLAN ${s.sql}`).all(...(s.params as unknown[])) as { detail: string }[];
      for (const p of plan) console.log(`             | ${p.detail}`);
      console.log(`             params: ${JSON.stringify(s.params).slice(0, 200)}`);
    }
  }
}
sqlite.close();
