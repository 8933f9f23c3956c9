/**
 * CSRF defence for state-changing route handlers (server actions have Next.js's own check). A
 * browser marks every request with `Sec-Fetch-Site` and, on POST, PUT, PATCH and DELETE, `Origin`;
 * a request another site makes carries that site's origin. Clients that send neither (curl, a
 * script with its own token) are not browsers acting for someone else, and pass.
 */
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** Why the request must be refused, or null when it may proceed. */
export function crossSiteRefusal(request: Request): string | null {
  if (SAFE_METHODS.has(request.method.toUpperCase())) return null;
  const site = request.headers.get('sec-fetch-site');
  if (site && site !== 'same-origin' && site !== 'none') {
    return 'Refused: this request came from another site.';
  }
  const origin = request.headers.get('origin');
  if (origin !== null) {
    // Compared with the host the request was sent to, as Next.js does for server actions.
    const host = request.headers.get('x-forwarded-host') ?? request.headers.get('host');
    let originHost: string | null = null;
    try {
      originHost = origin === 'null' ? null : new URL(origin).host;
    } catch {
      originHost = null;
    }
    if (!host || originHost !== host) return 'Refused: this request came from another site.';
  }
  return null;
}
