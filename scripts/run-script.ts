import { parseArgs, type ParseArgsConfig } from 'node:util';

/** Runs a command-line script: a known failure prints its message (no stack) and exits 1. */
export function runScript(main: () => void | Promise<void>): void {
  Promise.resolve()
    .then(main)
    .catch((err: unknown) => {
      const known = err instanceof Error && ['DatabaseUnavailableError', 'UsageError', 'PostgresRefusedError', 'CopyRefusedError'].includes(err.name);
      console.error(known ? `\n${(err as Error).message}\n` : err);
      process.exitCode = 1;
    });
}

/**
 * The flags of a script (node:util parseArgs, strict, no positional arguments). A flag it does not
 * know or a missing value is a UsageError: parseArgs's own words ("Unknown option '--evnts'"),
 * then the usage.
 */
export function parseFlags<const O extends NonNullable<ParseArgsConfig['options']>>(argv: string[], options: O, usage: string) {
  try {
    return parseArgs({ args: argv, strict: true, allowPositionals: false, options }).values;
  } catch (err) {
    throw new UsageError(`${err instanceof Error ? err.message : String(err)}\n\n${usage}`);
  }
}

/** A mistake in how the script was called: printed without a stack trace. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}
