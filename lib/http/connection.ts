/**
 * What the server itself knows about the TCP connection a request arrived on: the peer's address
 * and the local address and port that accepted it. Next.js 16 gives route handlers, server actions
 * and the proxy none of this (`NextRequest.ip` is gone; the `X-Forwarded-For` it adds from the
 * socket is kept as the client sent it when the client sent one), so lib/http/connection-hook.ts
 * copies the socket's facts into a request header at the Node.js level, before Next.js reads the
 * request, replacing whatever a client put there.
 *
 * The value carries a random token made once per process: a header a client wrote (for instance
 * on a request that reached the server before the hook was installed) does not carry it and is
 * ignored. No Next.js or Node imports, so the proxy, route handlers and tests can read it.
 */
import { z } from 'zod';

export const CONNECTION_HEADER = 'x-tracker-connection';

export interface ConnectionFacts {
  /** The peer: the browser, or the reverse proxy in front of us. */
  remoteAddress: string;
  /** The address and port of ours that accepted the connection. */
  localAddress: string;
  localPort: number;
  /** TLS on this very connection (never with `next start`, which speaks plain HTTP). */
  encrypted: boolean;
}

const TOKEN = Symbol.for('tracker.connection-token');
type TokenHolder = { [TOKEN]?: string };

const stored = z.object({
  remoteAddress: z.string().max(64),
  localAddress: z.string().max(64),
  localPort: z.number().int().min(0).max(65535),
  encrypted: z.boolean(),
  token: z.string().min(16).max(64),
});

function processToken(create: boolean): string | undefined {
  // globalThis, not a module variable: the hook (instrumentation), the proxy and the route handlers
  // are separate bundles with their own copy of this module, in one process.
  const holder = globalThis as unknown as TokenHolder;
  if (!holder[TOKEN] && create) {
    const bytes = new Uint8Array(16);
    crypto.getRandomValues(bytes);
    holder[TOKEN] = btoa(String.fromCharCode(...bytes));
  }
  return holder[TOKEN];
}

/** The header value for a connection; written by the hook, and by tests standing in for it. */
export function connectionHeaderValue(facts: ConnectionFacts): string {
  return JSON.stringify({ ...facts, token: processToken(true) });
}

/** The connection's facts, or null when the header is missing or was not written in this process. */
export function readConnection(headers: Headers): ConnectionFacts | null {
  const token = processToken(false);
  const value = headers.get(CONNECTION_HEADER);
  if (!token || !value) return null;
  let parsed: z.infer<typeof stored>;
  try {
    parsed = stored.parse(JSON.parse(value));
  } catch {
    return null;
  }
  if (parsed.token !== token) return null;
  const { remoteAddress, localAddress, localPort, encrypted } = parsed;
  return { remoteAddress, localAddress, localPort, encrypted };
}
