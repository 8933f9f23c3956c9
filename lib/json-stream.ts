/**
 * Streams batches of records as one JSON array or as NDJSON (one JSON object per line), pulling a
 * batch only when the client has read the previous one, so memory holds one batch at a time.
 */
export type JsonStreamFormat = 'json' | 'ndjson';

export function createJsonStream<T>(
  batches: Iterator<T[]> | AsyncIterator<T[]>,
  format: JsonStreamFormat,
  map: (record: T) => unknown = (r) => r,
): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  let first = true;
  let opened = false;
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (format === 'json' && !opened) {
        opened = true;
        controller.enqueue(encoder.encode('['));
        return;
      }
      const next = await batches.next();
      if (next.done) {
        if (format === 'json') controller.enqueue(encoder.encode(first ? ']\n' : '\n]\n'));
        controller.close();
        return;
      }
      let chunk = '';
      for (const record of next.value) {
        const text = JSON.stringify(map(record));
        if (format === 'ndjson') chunk += `${text}\n`;
        else {
          chunk += `${first ? '\n' : ',\n'}${text}`;
          first = false;
        }
      }
      controller.enqueue(encoder.encode(chunk));
    },
    async cancel() {
      await batches.return?.();
    },
  });
}
