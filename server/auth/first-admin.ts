/**
 * First start: make sure someone can sign in and manage accounts. With ADMIN_EMAIL and
 * ADMIN_PASSWORD set and no admin yet, that admin is created; otherwise the console says how to
 * create one. Never touches an existing account.
 */
import { MutationError } from '@/db/mutations/errors';
import type { AuthStore } from '@/db/store/store';
import { newUserSchema } from '@/lib/validation/user';

export const CREATE_ADMIN_HINT =
  'Create one with:  npm run user:create -- --email you@example.org --role admin\n' +
  '(or set ADMIN_EMAIL and ADMIN_PASSWORD and restart the server).';

export type FirstAdminOutcome = 'exists' | 'created' | 'missing' | 'invalid';

export async function ensureFirstAdmin(
  store: AuthStore,
  config: { email?: string; password?: string },
  log: (message: string) => void,
  options: { hash?: (password: string) => Promise<string> } = {},
): Promise<FirstAdminOutcome> {
  if ((await store.countAdmins()) > 0) return 'exists';
  if (!config.email || !config.password) {
    const half = config.email ? 'ADMIN_EMAIL is set but ADMIN_PASSWORD is not. ' : config.password ? 'ADMIN_PASSWORD is set but ADMIN_EMAIL is not. ' : '';
    log(`No admin account exists yet. ${half}${CREATE_ADMIN_HINT}`);
    return 'missing';
  }
  const parsed = newUserSchema.safeParse({ email: config.email, password: config.password, role: 'admin' });
  if (!parsed.success) {
    log(`ADMIN_EMAIL/ADMIN_PASSWORD were not used: ${parsed.error.issues.map((i) => i.message).join(' ')} ${CREATE_ADMIN_HINT}`);
    return 'invalid';
  }
  try {
    await store.createUser(parsed.data, options);
  } catch (err) {
    // The address exists with another role: do not promote it silently.
    if (err instanceof MutationError) {
      log(`ADMIN_EMAIL ${parsed.data.email} already has an account that is not an admin; it was left unchanged. ${CREATE_ADMIN_HINT}`);
      return 'invalid';
    }
    throw err;
  }
  log(`Created the first admin account, ${parsed.data.email}, from ADMIN_EMAIL and ADMIN_PASSWORD.`);
  return 'created';
}
