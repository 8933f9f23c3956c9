/** Runs a command-line script: a known failure prints its message (no stack) and exits 1. */
export function runScript(main: () => void | Promise<void>): void {
  Promise.resolve()
    .then(main)
    .catch((err: unknown) => {
      const known = err instanceof Error && ['DatabaseUnavailableError', 'UsageError'].includes(err.name);
      console.error(known ? `\n${(err as Error).message}\n` : err);
      process.exitCode = 1;
    });
}

/** A mistake in how the script was called: printed without a stack trace. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}
