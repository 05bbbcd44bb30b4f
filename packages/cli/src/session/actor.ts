// Who the CLI acts as. Leadline leaves authentication to the application embedding it; the CLI is run by
// someone with the store in hand, so it acts as `admin` with every permission unless told otherwise.
import { ALL_PERMISSIONS, Permission, UserId, type Actor } from '@leadline/domain';
import { badInput } from '../cli/cli-error.js';
import type { RoleName } from './roles.js';

/** The permission sets behind `--role`. */
export const ROLES = {
  admin: ALL_PERMISSIONS,
  manager: [
    Permission.ViewLeads,
    Permission.ViewAllLeads,
    Permission.CreateLeads,
    Permission.ManageLeads,
    Permission.EditLeads,
  ],
  rep: [Permission.ViewLeads, Permission.CreateLeads, Permission.ManageLeads, Permission.EditLeads],
  viewer: [Permission.ViewLeads, Permission.ViewAllLeads],
} as const satisfies Record<RoleName, readonly Permission[]>;

/** The user the CLI acts as; the session puts them in the organisation it works in (`--org`). */
export type CliUser = Omit<Actor, 'orgId'>;

export function actorOf(userId: string, role: RoleName, permissionList: string | undefined): CliUser {
  if (userId.trim() === '') throw badInput('--as-user', 'required', 'The user id is empty.');
  if (permissionList === undefined) return { userId: UserId(userId.trim()), kind: 'user', permissions: ROLES[role] };
  const known = new Set<string>(ALL_PERMISSIONS);
  const permissions = permissionList
    .split(',')
    .map((name) => name.trim().toUpperCase())
    .filter((name) => name !== '');
  const unknown = permissions.filter((name) => !known.has(name));
  if (unknown.length > 0) {
    throw badInput(
      '--permissions',
      'known-permission',
      `Unknown permission ${unknown.join(', ')}.`,
      `Choose from ${ALL_PERMISSIONS.join(', ')}.`,
    );
  }
  return {
    userId: UserId(userId.trim()),
    kind: 'user',
    permissions: permissions.filter((name): name is Permission => known.has(name)),
  };
}
