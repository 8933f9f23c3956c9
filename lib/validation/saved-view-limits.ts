/**
 * The saved-view name's length limit on its own, without zod: the "Save this view" form on the
 * timeline shows it, and importing it from ./saved-view would put all of zod (about 30 KB
 * gzipped) in every reader's timeline JavaScript.
 */
export const SAVED_VIEW_NAME_MAX = 80;
