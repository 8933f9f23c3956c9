/**
 * Puts the TCP connection's facts (lib/http/connection.ts) on every request this process serves.
 * Node.js publishes `http.server.request.start` on its diagnostics channel for each request, with
 * the request and its socket, synchronously before the server's 'request' listener (Next.js) runs;
 * a header set here is on the request from Next.js's first look at it, through the proxy, to route
 * handlers, server actions and Better Auth. Installed from instrumentation-node.ts at start-up.
 */
import { subscribe } from 'node:diagnostics_channel';
import type { IncomingMessage } from 'node:http';
import type { Socket } from 'node:net';
import { CONNECTION_HEADER, connectionHeaderValue } from './connection';

const INSTALLED = Symbol.for('tracker.connection-hook');

export function installConnectionHook(): void {
  const holder = globalThis as unknown as { [INSTALLED]?: boolean };
  if (holder[INSTALLED]) return;
  holder[INSTALLED] = true;
  subscribe('http.server.request.start', (message) => {
    const { request, socket } = message as { request: IncomingMessage; socket: Socket & { encrypted?: boolean } };
    // Assigned, not appended: whatever a client sent under this name is gone.
    request.headers[CONNECTION_HEADER] = connectionHeaderValue({
      remoteAddress: socket.remoteAddress ?? 'unknown',
      localAddress: socket.localAddress ?? 'unknown',
      localPort: socket.localPort ?? 0,
      encrypted: socket.encrypted === true,
    });
  });
}
