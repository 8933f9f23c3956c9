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
