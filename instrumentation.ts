/**
 * Runs once when the server starts. The Node.js part opens the database with the cheap checks
 * (header, length, schema), migrates and (when empty) seeds it, so a file that cannot be used stops
 * the server at once with a message; the full check of every page follows in the background
 * (db/engine/integrity.ts).
 */
export async function register() {
  if (process.env.NEXT_RUNTIME === 'nodejs' && process.env.NEXT_PHASE !== 'phase-production-build') {
    await import('./instrumentation-node');
  }
}
