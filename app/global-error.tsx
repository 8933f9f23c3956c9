'use client';

export default function GlobalError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <html lang="en">
      <body>
        <main role="alert" style={{ maxWidth: '36rem', margin: '4rem auto', fontFamily: 'system-ui, sans-serif', textAlign: 'center' }}>
          <h1>Something went wrong</h1>
          <p>The tracker could not show this page. Try again in a moment.</p>
          {error.digest ? <p style={{ fontFamily: 'monospace', fontSize: '0.8rem' }}>Reference: {error.digest}</p> : null}
          <button type="button" onClick={reset}>
            Try again
          </button>
        </main>
      </body>
    </html>
  );
}
