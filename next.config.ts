import type { NextConfig } from 'next';
import { FIXED_SECURITY_HEADERS, STATIC_CONTENT_SECURITY_POLICY } from './lib/http/security-headers';

/** proxy.ts skips these paths (see its matcher), so their security headers are set here. */
const STATIC_PATHS = ['/_next/static/:path*', '/_next/image', '/icon.svg', '/favicon.ico'];
const staticHeaders = [
  ...FIXED_SECURITY_HEADERS.map(([key, value]) => ({ key, value })),
  { key: 'Content-Security-Policy', value: STATIC_CONTENT_SECURITY_POLICY },
];

const nextConfig: NextConfig = {
  poweredByHeader: false,
  reactStrictMode: true,
  // Native addons (better-sqlite3; roaring, the facet index's bitmaps): load them from node_modules
  // at run time, never bundle them.
  serverExternalPackages: ['better-sqlite3', 'roaring'],
  experimental: {
    // Next.js loads every route's code at start by default, on the one thread that answers the
    // first requests: about 0.5 s of CPU before the first answer here. Each route's code is loaded
    // by its first request instead (decision 0037).
    preloadEntriesOnStart: false,
  },
  async headers() {
    return STATIC_PATHS.map((source) => ({ source, headers: staticHeaders }));
  },
};

export default nextConfig;
