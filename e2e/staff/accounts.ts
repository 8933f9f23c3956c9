/** The staff accounts the stories sign in with, on the staff server's own fresh database. */
export const ACCOUNTS = {
  /** Created by the server itself on first start, from ADMIN_EMAIL / ADMIN_PASSWORD. */
  admin: { email: 'admin@e2e.test', /** createUser's default: the address's local part. */ name: 'admin', password: 'e2e admin password', role: 'admin' },
  editor: { email: 'editor@e2e.test', name: 'Edith Editor', password: 'e2e editor password', role: 'editor' },
  colleague: { email: 'colleague@e2e.test', name: 'Colin Colleague', password: 'e2e colleague password', role: 'editor' },
  viewer: { email: 'viewer@e2e.test', name: 'Vera Viewer', password: 'e2e viewer password', role: 'viewer' },
  /** Only for the story that gets locked out, so no other story is. */
  locked: { email: 'forgetful@e2e.test', name: 'Fergus Forgetful', password: 'e2e forgetful password', role: 'editor' },
} as const;

export type AccountName = keyof typeof ACCOUNTS;

/** How pages name the account (its display name, never its address). */
export function displayName(account: AccountName): string {
  return ACCOUNTS[account].name;
}
