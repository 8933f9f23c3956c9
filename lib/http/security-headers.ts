/**
 * The security headers every response carries, in one place: proxy.ts sets them (with a fresh
 * Content-Security-Policy nonce) on pages, route handlers, redirects, errors and 404s, and
 * next.config.ts sets the fixed ones on the few paths the proxy skips (build assets, the icon).
 * Plain functions with no Next.js or Node imports, so both places and the tests can use them.
 * See docs/decisions/0020-security-headers-and-csp.md.
 */

/** Headers that never vary with the request. */
export const FIXED_SECURITY_HEADERS: ReadonlyArray<readonly [name: string, value: string]> = [
  // A file is what its Content-Type says, never sniffed into HTML or script (CSV cells, feed text).
  ['X-Content-Type-Options', 'nosniff'],
  // The tracker's address and an analyst's filters (the URL) are nobody else's business: linked
  // sources and other sites get no Referer at all.
  ['Referrer-Policy', 'same-origin'],
  // Nothing here needs a camera, a microphone, a location, payments or USB; a script that got in
  // cannot ask for them either.
  [
    'Permissions-Policy',
    'accelerometer=(), autoplay=(), camera=(), display-capture=(), geolocation=(), gyroscope=(), magnetometer=(), microphone=(), payment=(), usb=(), browsing-topics=()',
  ],
  // frame-ancestors 'none' in the CSP is the rule; this is for browsers that predate it.
  ['X-Frame-Options', 'DENY'],
  // A page this app opens in another window (a source link) cannot reach back into it.
  ['Cross-Origin-Opener-Policy', 'same-origin'],
];

/**
 * For responses that are never the app's pages (build assets, the icon): opened on their own, an
 * SVG or a script file may load nothing and run nothing.
 */
export const STATIC_CONTENT_SECURITY_POLICY = "default-src 'none'; img-src 'self'; object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

/** One year; no `preload`, which is a promise about every subdomain that only the operator can make. */
export const HSTS_VALUE = 'max-age=31536000; includeSubDomains';

/** 128 random bits, base64: unguessable, and new for every request. */
export function newNonce(): string {
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  return btoa(String.fromCharCode(...bytes));
}

export interface PolicyOptions {
  nonce: string;
  /** `next dev` needs eval (React rebuilds server stacks with it) and injects inline styles. */
  development?: boolean;
  /** Served over HTTPS: ask the browser to upgrade any stray http:// subresource. */
  https?: boolean;
}

/**
 * Scripts run only with this request's nonce (Next.js puts it on its own scripts when it finds it in
 * the request's Content-Security-Policy header) or when loaded by such a script ('strict-dynamic').
 * Styles come from the app's own stylesheet; no inline style attributes are allowed at all.
 */
export function contentSecurityPolicy({ nonce, development = false, https = false }: PolicyOptions): string {
  const directives = [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${development ? " 'unsafe-eval'" : ''}`,
    `style-src 'self' ${development ? "'unsafe-inline'" : `'nonce-${nonce}'`}`,
    "img-src 'self' data: blob:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    ...(https ? ['upgrade-insecure-requests'] : []),
  ];
  return directives.join('; ');
}

/** Sets every security header on `headers` (a response's). */
export function applySecurityHeaders(headers: Headers, { csp, https }: { csp: string; https: boolean }): void {
  for (const [name, value] of FIXED_SECURITY_HEADERS) headers.set(name, value);
  headers.set('Content-Security-Policy', csp);
  if (https) headers.set('Strict-Transport-Security', HSTS_VALUE);
  else headers.delete('Strict-Transport-Security');
}
