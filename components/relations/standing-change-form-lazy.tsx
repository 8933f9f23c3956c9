'use client';

/**
 * The standing-change form for an event's page, in a chunk of its own: only staff see the form,
 * and it brings the shared check (lib/relations/change.ts) and with it zod, about 40 KB gzipped
 * that every reader of an event would otherwise download. Still rendered on the server; the
 * browser fetches the chunk only where the form is on the page.
 */
import dynamic from 'next/dynamic';

export const LazyStandingChangeForm = dynamic(() => import('./standing-change-form').then((m) => m.StandingChangeForm));
