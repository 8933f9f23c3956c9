/**
 * Where a reader's bytes come from: a file path (its size is checked before a byte is read) or a
 * Node Readable (counted as it flows, refused the moment it passes the limit). Bytes are decoded
 * as UTF-8 strictly: a file that is not valid UTF-8 is refused rather than read with
 * replacement characters in its names.
 */
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import type { Readable } from 'node:stream';
import { ListReadError } from './errors';

/**
 * Largest list file we read: 200 MB. The largest official list today is the OFAC advanced XML
 * (~110 MB); OpenSanctions' sanctions collection as NDJSON is of the same order.
 */
export const MAX_LIST_FILE_BYTES = 200 * 1024 * 1024;

export type ListInput = string | { stream: Readable; name: string; size?: number };

export interface ReadOptions {
  /** Overrides MAX_LIST_FILE_BYTES (tests inject a small one). */
  maxBytes?: number;
}

export interface OpenedInput {
  name: string;
  /** Decoded text, in chunks, lazily: nothing is read until iterated. */
  chunks: () => AsyncGenerator<string>;
}

function megabytes(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

function tooLarge(name: string, limit: number, size?: number): ListReadError {
  const said = size === undefined ? 'is larger than' : `is ${megabytes(size)}, larger than`;
  return new ListReadError('too-large', `the file ${said} the ${megabytes(limit)} a list file may be`, { file: name });
}

/** Opens an input after checking a file's size; a stream is checked as it is read. */
export async function openInput(input: ListInput, options: ReadOptions = {}): Promise<OpenedInput> {
  const limit = options.maxBytes ?? MAX_LIST_FILE_BYTES;
  if (typeof input === 'string') {
    const name = input;
    let size: number;
    try {
      size = (await stat(input)).size;
    } catch (error) {
      throw new ListReadError('malformed', `the file cannot be opened (${(error as NodeJS.ErrnoException).code ?? String(error)})`, {
        file: name,
      });
    }
    if (size > limit) throw tooLarge(name, limit, size);
    return { name, chunks: () => decode(createReadStream(input), name, limit) };
  }
  if (input.size !== undefined && input.size > limit) throw tooLarge(input.name, limit, input.size);
  return { name: input.name, chunks: () => decode(input.stream, input.name, limit) };
}

async function* decode(stream: Readable, name: string, limit: number): AsyncGenerator<string> {
  const decoder = new TextDecoder('utf-8', { fatal: true });
  let bytes = 0;
  try {
    for await (const chunk of stream) {
      const buffer: Uint8Array = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
      bytes += buffer.byteLength;
      // A stream has no size to check up front: stop reading the moment it passes the limit.
      if (bytes > limit) throw tooLarge(name, limit);
      const text = decodeChunk(decoder, buffer, name);
      if (text) yield text;
    }
    const rest = decodeChunk(decoder, undefined, name);
    if (rest) yield rest;
  } finally {
    stream.destroy();
  }
}

function decodeChunk(decoder: TextDecoder, buffer: Uint8Array | undefined, name: string): string {
  try {
    return buffer === undefined ? decoder.decode() : decoder.decode(buffer, { stream: true });
  } catch {
    throw new ListReadError('encoding', 'the file is not valid UTF-8 text', { file: name });
  }
}

