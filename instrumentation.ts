/**
 * Runs once when the server starts. The Node.js part opens, checks, migrates and (when empty)
 * seeds the database, so a file that cannot be used stops the server at once with a message.
 */
export async function register() {
  if (process.env.NEXT_RUNTIME === 'nodejs' && process.env.NEXT_PHASE !== 'phase-production-build') {
    await import('./instrumentation-node');
  }
}
