import type { Metadata } from 'next';
import { CreateUserForm } from '@/components/admin/create-user-form';
import { PasswordForm, RemoveUserForm, RoleForm } from '@/components/admin/user-row-forms';
import { staffPage } from '@/components/auth/staff-page';
import { PageFrame } from '@/components/layout/page-frame';
import { getStore } from '@/db/index';
import { ROLES, ROLE_DESCRIPTIONS, ROLE_LABELS } from '@/lib/auth/roles';
import { formatTimestamp } from '@/lib/dates';

export const metadata: Metadata = { title: 'Users' };

export default async function UsersPage() {
  const { viewer, forbidden } = await staffPage('/admin/users', 'users:manage');
  if (forbidden) return forbidden;
  const users = await getStore().auth.listUsers();
  const roles = (
    <dl className="mt-2 grid grid-cols-[auto_1fr] gap-x-4 gap-y-1 text-sm text-zinc-700 dark:text-zinc-300">
      {ROLES.map((r) => (
        <div key={r} className="contents">
          <dt className="font-medium">{ROLE_LABELS[r]}</dt>
          <dd>{ROLE_DESCRIPTIONS[r]}</dd>
        </div>
      ))}
    </dl>
  );

  return (
    <PageFrame width="5xl" roomy title="Users" intro={roles}>

      <section aria-labelledby="users-list-title" className="space-y-3">
        <h2 id="users-list-title" className="text-lg font-semibold">
          {users.length === 1 ? '1 account' : `${users.length} accounts`}
        </h2>
        <div className="overflow-x-auto">
          <table className="w-full text-left text-sm">
            <thead>
              <tr className="border-b border-zinc-300 dark:border-zinc-700">
                <th scope="col" className="py-2 pr-3">Account</th>
                <th scope="col" className="py-2 pr-3">Role</th>
                <th scope="col" className="py-2 pr-3">Last active</th>
                <th scope="col" className="py-2">Other actions</th>
              </tr>
            </thead>
            <tbody>
              {users.map((u) => (
                <tr key={u.id} className="border-b border-zinc-200 align-top dark:border-zinc-800" data-testid="user-row">
                  <td className="py-3 pr-3">
                    <p className="font-medium">{u.email}</p>
                    <p className="text-zinc-600 dark:text-zinc-400">
                      {u.name}
                      {u.id === viewer.id ? ' (you)' : ''} · since {formatTimestamp(u.createdAt.toISOString())}
                    </p>
                  </td>
                  <td className="py-3 pr-3">
                    <RoleForm userId={u.id} email={u.email} role={u.role} />
                  </td>
                  <td className="py-3 pr-3 text-zinc-700 dark:text-zinc-300">{u.lastSeenAt ? formatTimestamp(u.lastSeenAt.toISOString()) : 'Never signed in'}</td>
                  <td className="space-y-2 py-3">
                    <PasswordForm userId={u.id} email={u.email} />
                    {u.id === viewer.id ? null : <RemoveUserForm userId={u.id} email={u.email} />}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>

      <section aria-labelledby="new-user-title" className="space-y-3 border-t border-zinc-200 pt-6 dark:border-zinc-800">
        <h2 id="new-user-title" className="text-lg font-semibold">
          Create an account
        </h2>
        <p className="text-sm text-zinc-600 dark:text-zinc-400">Public sign-up is off: accounts are created here or with <code>npm run user:create</code>.</p>
        <CreateUserForm />
      </section>
    </PageFrame>
  );
}
