/** A write refused because of what was asked, not because something broke: shown to the person. */
export class MutationError extends Error {
  constructor(
    message: string,
    /** Field path → message, for showing next to the field. */
    readonly fieldErrors: Record<string, string> = {},
    readonly status: 400 | 403 | 404 | 409 = 400,
  ) {
    super(message);
    this.name = 'MutationError';
  }
}

/**
 * A save that started from an older version than the one stored: someone else saved in between.
 * Nothing was written; the caller shows what changed and lets the person re-apply their input.
 */
export class VersionConflictError extends MutationError {
  constructor(
    readonly currentVersion: number,
    /** The record was deleted in the meantime. */
    readonly deleted: boolean,
  ) {
    super(
      deleted
        ? 'Someone deleted this while you were working on it. Nothing was saved.'
        : 'Someone saved a newer version while you were working on it. Nothing was saved.',
      {},
      409,
    );
    this.name = 'VersionConflictError';
  }
}
