/**
 * Who is asking, and at which address of ours: the one place that decides the client's address
 * (for the sign-in limits, ours and Better Auth's) and this site's origin (for redirects, the
 * cross-site check, Better Auth's base URL, Secure cookies, HSTS and the links in feeds and
 * exports). Every other file asks `requestSite()`; none reads Host or X-Forwarded-* itself.
 *
 * Any client can write Host, X-Forwarded-For, X-Forwarded-Host and X-Forwarded-Proto. So, by
 * default (TRUST_PROXY off), none of them is believed:
 * - the client's address is the TCP peer's, from the socket (lib/http/connection.ts);
 * - the origin is BETTER_AUTH_URL when set; otherwise the request's Host only when it names the
 *   address and port the connection was accepted on (`127.0.0.1:3000`, or `localhost:3000` on a
 *   loopback connection), else that address and port themselves. A Host such as `evil.test`, sent
 *   by a forged request or by a browser tricked by DNS rebinding, changes nothing.
 * With TRUST_PROXY on, the server is reachable only through one reverse proxy that sets these
 * headers: the client is the last X-Forwarded-For entry (the one that proxy added), the scheme and
 * host are its X-Forwarded-Proto and X-Forwarded-Host (or Host), and BETTER_AUTH_URL, when set,
 * still fixes the origin. See docs/decisions/0025-client-address-and-origin.md.
 */
import { z } from 'zod';
import { env } from '@/lib/env';
import { readConnection, type ConnectionFacts } from './connection';

/**
 * Set by proxy.ts on every request it passes on (replacing a client's), from `requestSite()`:
 * Better Auth's own rate limit reads the client's address from it (lib/auth/config.ts).
 */
export const CLIENT_ADDRESS_HEADER = 'x-tracker-client-address';

export interface SiteSettings {
  /** TRUST_PROXY: exactly one reverse proxy in front, whose X-Forwarded-* headers are believed. */
  trustProxy: boolean;
  /** BETTER_AUTH_URL: the public address, which then is the origin whatever the request says. */
  publicUrl?: string;
}

export interface RequestSite {
  /** An IP address, or `unknown` when the server could not learn one (all such share one bucket). */
  clientAddress: string;
  /** This site's origin, e.g. `http://127.0.0.1:3000` or `https://tracker.example.org`. */
  origin: string;
  /** Whether the browser reached us over HTTPS. */
  https: boolean;
  /** The Host the request named when it was not taken as ours (to explain a refusal), else null. */
  unrecognisedHost: string | null;
}

export function siteSettings(): SiteSettings {
  const config = env();
  return { trustProxy: config.TRUST_PROXY, publicUrl: config.BETTER_AUTH_URL };
}

const ipv4 = z.ipv4();
const ipv6 = z.ipv6();

/** An IP address in one spelling (IPv4-mapped IPv6 as IPv4, IPv6 compressed), or null. */
export function canonicalAddress(value: string | null | undefined): string | null {
  if (!value) return null;
  let address = value.trim();
  // Some proxies add the port: `203.0.113.7:51234`, `[2001:db8::1]:51234`.
  const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(address);
  if (bracketed) address = bracketed[1]!;
  else if (/^[\d.]+:\d+$/.test(address)) address = address.slice(0, address.lastIndexOf(':'));
  if (/^::ffff:[\d.]+$/i.test(address)) address = address.slice(7);
  if (ipv4.safeParse(address).success) return address;
  if (!ipv6.safeParse(address).success) return null;
  try {
    return new URL(`http://[${address}]/`).hostname.slice(1, -1);
  } catch {
    return null;
  }
}

const isLoopback = (address: string) => address === '::1' || /^127\./.test(address);

/** The last entry of a comma-separated header: the one the nearest proxy added. */
function lastEntry(value: string | null): string | null {
  return value?.split(',').pop()?.trim() || null;
}

interface Host {
  /** As in an origin: `127.0.0.1:3000`, `[::1]:3000`, `tracker.example.org`. */
  host: string;
  hostname: string;
  port: number;
}

/** A Host or X-Forwarded-Host value, read by the URL parser, or null for anything but a host. */
function parseHost(value: string | null, scheme: 'http' | 'https'): Host | null {
  if (!value || !/^[A-Za-z0-9.\-:[\]]{1,255}$/.test(value)) return null;
  try {
    const url = new URL(`${scheme}://${value}`);
    return { host: url.host, hostname: url.hostname, port: url.port ? Number(url.port) : scheme === 'https' ? 443 : 80 };
  } catch {
    return null;
  }
}

/** Whether the Host names the address and port this connection was accepted on. */
function namesThisConnection(host: Host, connection: ConnectionFacts | null): boolean {
  const literal = canonicalAddress(host.hostname);
  const localName = host.hostname === 'localhost' || host.hostname.endsWith('.localhost');
  // Without the socket's facts (a request that came before the hook, or a test), only names that
  // cannot point at another site's server are taken: addresses and localhost.
  if (!connection) return literal !== null || localName;
  const local = canonicalAddress(connection.localAddress);
  if (!local || host.port !== connection.localPort) return false;
  return literal !== null ? literal === local : localName && isLoopback(local);
}

function connectionOrigin(connection: ConnectionFacts | null, scheme: 'http' | 'https'): string {
  const local = canonicalAddress(connection?.localAddress);
  if (!connection || !local) return `${scheme}://localhost`;
  return new URL(`${scheme}://${local.includes(':') ? `[${local}]` : local}:${connection.localPort}`).origin;
}

export function requestSite(headers: Headers, settings: SiteSettings = siteSettings()): RequestSite {
  const connection = readConnection(headers);
  const peer = canonicalAddress(connection?.remoteAddress);
  const clientAddress = (settings.trustProxy ? canonicalAddress(lastEntry(headers.get('x-forwarded-for'))) : null) ?? peer ?? 'unknown';

  if (settings.publicUrl) {
    const url = new URL(settings.publicUrl);
    return { clientAddress, origin: url.origin, https: url.protocol === 'https:', unrecognisedHost: null };
  }

  if (settings.trustProxy) {
    const proto = lastEntry(headers.get('x-forwarded-proto'))?.toLowerCase();
    const scheme = proto === 'https' || proto === 'http' ? proto : connection?.encrypted ? 'https' : 'http';
    const host = parseHost(lastEntry(headers.get('x-forwarded-host')) ?? headers.get('host'), scheme);
    return { clientAddress, origin: host ? `${scheme}://${host.host}` : connectionOrigin(connection, scheme), https: scheme === 'https', unrecognisedHost: null };
  }

  const scheme = connection?.encrypted ? 'https' : 'http';
  const named = headers.get('host');
  const host = parseHost(named, scheme);
  if (host && namesThisConnection(host, connection)) {
    return { clientAddress, origin: `${scheme}://${host.host}`, https: scheme === 'https', unrecognisedHost: null };
  }
  return { clientAddress, origin: connectionOrigin(connection, scheme), https: scheme === 'https', unrecognisedHost: named };
}
