/** Runs a synchronous call as a promise, so that a throw becomes a rejection as on PostgreSQL. */
export const settle = <T>(run: () => T): Promise<T> => new Promise((resolve) => resolve(run()));
