import type { Metadata, Viewport } from 'next';
import { connection } from 'next/server';
import type { ReactNode } from 'react';
import { SiteHeader } from '@/components/layout/site-header';
import { SkipLink } from '@/components/layout/skip-link';
import './globals.css';

export const metadata: Metadata = {
  title: { default: 'Sanctions & Policy Tracker', template: '%s · Sanctions & Policy Tracker' },
  description:
    'A timeline of sanctions actions, regional normalisation moves and official statements, with sources, filters and CSV export.',
};

export const viewport: Viewport = {
  themeColor: [
    { media: '(prefers-color-scheme: light)', color: '#fafafa' },
    { media: '(prefers-color-scheme: dark)', color: '#18181b' },
  ],
};

export default async function RootLayout({ children }: { children: ReactNode }) {
  // Every page renders per request: its scripts carry the Content-Security-Policy nonce that
  // proxy.ts made for this request, which a page built ahead of time could not know.
  await connection();
  return (
    <html lang="en">
      <body>
        <SkipLink />
        <SiteHeader />
        <main id="main" tabIndex={-1} className="focus:outline-none">
          {children}
        </main>
      </body>
    </html>
  );
}
