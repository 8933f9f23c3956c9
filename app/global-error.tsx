'use client';

/**
 * Shown when the root layout itself fails, so it brings its own <html> and the app's stylesheet
 * (the layout that imports it is what failed). Classes only: the Content-Security-Policy allows no
 * inline style attributes.
 */
import './globals.css';

export default function GlobalError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <html lang="en">
      <body>
        <main role="alert" className="mx-auto my-16 max-w-xl px-4 text-center font-sans">
          <h1 className="font-serif text-3xl font-semibold">Something went wrong</h1>
          <p className="mt-3 text-zinc-700 dark:text-zinc-300">The tracker could not show this page. Try again in a moment.</p>
          {error.digest ? <p className="mt-2 font-mono text-xs text-zinc-500">Reference: {error.digest}</p> : null}
          <button
            type="button"
            onClick={reset}
            className="mt-6 rounded bg-zinc-900 px-4 py-2 text-sm font-medium text-white dark:bg-zinc-100 dark:text-zinc-900"
          >
            Try again
          </button>
        </main>
      </body>
    </html>
  );
}
