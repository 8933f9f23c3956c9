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
  async headers() {
    return STATIC_PATHS.map((source) => ({ source, headers: staticHeaders }));
  },
};

export default nextConfig;
