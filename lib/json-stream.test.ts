import { describe, expect, it } from 'vitest';
import { createJsonStream } from './json-stream';

const batches = () => [[{ id: 1 }, { id: 2 }], [{ id: 3, name: 'Erdoğan "x"' }]][Symbol.iterator]();

describe('streamed JSON', () => {
  it('writes one array across batches', async () => {
    const text = await new Response(createJsonStream(batches(), 'json')).text();
    expect(JSON.parse(text)).toEqual([{ id: 1 }, { id: 2 }, { id: 3, name: 'Erdoğan "x"' }]);
  });

  it('writes an empty array for an empty view', async () => {
    expect(JSON.parse(await new Response(createJsonStream([][Symbol.iterator](), 'json')).text())).toEqual([]);
  });

  it('writes one object per line as NDJSON', async () => {
    const text = await new Response(createJsonStream(batches(), 'ndjson', (r) => ({ ...r, ok: true }))).text();
    expect(text.trimEnd().split('\n').map((l) => JSON.parse(l))).toEqual([
      { id: 1, ok: true },
      { id: 2, ok: true },
      { id: 3, name: 'Erdoğan "x"', ok: true },
    ]);
  });
});
