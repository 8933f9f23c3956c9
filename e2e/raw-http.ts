/**
 * HTTP requests a browser cannot make, for the stories about client-set addresses: any Host header
 * (a browser always sends the name it used) and any source address on this machine (127.0.0.0/8 is
 * all loopback, so 127.0.0.2 is "another computer" to the server, which sees it on the socket).
 */
import { request } from 'node:http';

export interface RawAnswer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

export function rawRequest(
  baseURL: string,
  path: string,
  { method = 'GET', headers = {}, body, from }: { method?: string; headers?: Record<string, string>; body?: string; from?: string } = {},
): Promise<RawAnswer> {
  const url = new URL(path, baseURL);
  if (url.hostname !== '127.0.0.1') throw new Error('raw requests go to 127.0.0.1 only');
  return new Promise((resolve, reject) => {
    const req = request(url, { method, headers, localAddress: from, agent: false }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (text += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: text }));
    });
    req.setTimeout(30_000, () => req.destroy(new Error(`timeout: ${method} ${path}`)));
    req.on('error', reject);
    req.end(body);
  });
}

/** A sign-in attempt through Better Auth's endpoint; only the status matters to these stories. */
export async function signInAttempt(baseURL: string, credentials: { email: string; password: string }, options: { headers?: Record<string, string>; from?: string } = {}) {
  const origin = new URL(baseURL).origin;
  const answer = await rawRequest(baseURL, '/api/auth/sign-in/email', {
    method: 'POST',
    from: options.from,
    headers: { 'content-type': 'application/json', origin, 'sec-fetch-site': 'same-origin', ...options.headers },
    body: JSON.stringify(credentials),
  });
  return answer.status;
}
