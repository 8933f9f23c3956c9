import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { NEXT_START_FLAGS, SERVER_NODE_FLAGS, serverArgs } from './production-server';

const ROOT = path.resolve(import.meta.dirname, '..', '..');

describe('the production server is started the same way everywhere', () => {
  it('npm start, the browser tests, the benchmark and the crash and soak runs give node the same flags', () => {
    const start = (JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts.start!;
    const playwright = fs.readFileSync(path.join(ROOT, 'playwright.config.ts'), 'utf8');
    const flags = `node ${SERVER_NODE_FLAGS.join(' ')} node_modules/next/dist/bin/next start ${NEXT_START_FLAGS.join(' ')}`;
    expect(start).toBe(flags);
    expect(playwright).toContain(`${flags} -p `);
    expect(serverArgs(3000).slice(0, SERVER_NODE_FLAGS.length)).toEqual([...SERVER_NODE_FLAGS]);
    expect(serverArgs(3000).join(' ')).toContain(`start ${NEXT_START_FLAGS.join(' ')} -p 3000`);
  });
});
