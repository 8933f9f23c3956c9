/**
 * Roles and what each may do: the one policy table, shared by the server checks (lib/auth/viewer.ts,
 * route handlers, server actions) and by the UI that hides controls a person cannot use. Hiding is
 * a courtesy; the server check is the rule.
 *
 * Roles nest: an admin can do everything an editor can, an editor everything a viewer can.
 */
export const ROLES = ['admin', 'editor', 'viewer'] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_LABELS: Record<Role, string> = {
  admin: 'Admin',
  editor: 'Editor',
  viewer: 'Viewer',
};

export const ROLE_DESCRIPTIONS: Record<Role, string> = {
  admin: 'Manages user accounts and roles, and can do everything an editor can.',
  editor: 'Creates, edits, deletes and restores events and actors.',
  viewer: 'Reads everything, drafts included; changes nothing.',
};

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}

export const PERMISSIONS = {
  /** See drafts, history and who changed what. */
  'drafts:read': ['viewer', 'editor', 'admin'],
  /** Create, edit, delete and restore events; create, edit and merge actors. */
  'records:write': ['editor', 'admin'],
  /** List users, create them, change their roles. */
  'users:manage': ['admin'],
} as const satisfies Record<string, readonly Role[]>;

export type Permission = keyof typeof PERMISSIONS;

/** The signed-in person, as pages and checks see them. */
export interface Viewer {
  id: string;
  email: string;
  name: string;
  role: Role;
}

export function can(viewer: Pick<Viewer, 'role'> | null | undefined, permission: Permission): boolean {
  return !!viewer && (PERMISSIONS[permission] as readonly Role[]).includes(viewer.role);
}

/** Staff in every role see drafts; the public never does. */
export function canSeeDrafts(viewer: Pick<Viewer, 'role'> | null | undefined): boolean {
  return can(viewer, 'drafts:read');
}

export function canWrite(viewer: Pick<Viewer, 'role'> | null | undefined): boolean {
  return can(viewer, 'records:write');
}

/** Refused for lack of a session (401) or of a role (403); nothing was read or changed. */
export class AuthorizationError extends Error {
  constructor(
    readonly status: 401 | 403,
    message: string,
  ) {
    super(message);
    this.name = 'AuthorizationError';
  }
}

/** What a permission asks of a person, in words: "This needs the editor role". */
export const PERMISSION_NEEDS: Record<Permission, string> = {
  'drafts:read': 'a staff account',
  'records:write': 'the editor role',
  'users:manage': 'the admin role',
};

/** Throws AuthorizationError unless the viewer holds the permission. */
export function authorize(viewer: Viewer | null, permission: Permission): Viewer {
  if (!viewer) throw new AuthorizationError(401, 'Sign in to do this.');
  if (!can(viewer, permission)) {
    throw new AuthorizationError(403, `This needs ${PERMISSION_NEEDS[permission]}; you are signed in as ${ROLE_LABELS[viewer.role].toLowerCase()}.`);
  }
  return viewer;
}

/** How pages name a staff member: the name they go by, their address only when they have none. */
export function staffDisplayName(viewer: Pick<Viewer, 'name' | 'email'>): string {
  return viewer.name.trim() || viewer.email;
}

/**
 * How a revision records its author: the e-mail address (unique, kept if the account goes). Pages
 * show the account's current name instead (db/queries/staff-names.ts).
 */
export function changeActor(viewer: Viewer): { userId: string; label: string } {
  return { userId: viewer.id, label: viewer.email };
}
