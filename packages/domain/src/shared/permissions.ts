// The permissions a command context carries. The embedding application authenticates its users and
// tells Leadline what each may do; the domain checks them on every command.
import type { OrgId, UserId } from './ids.js';

export const Permission = {
  /** Create leads (one at a time, import, web forms). */
  CreateLeads: 'CREATE_LEADS',
  /** Assign, transfer, unassign, claim, release, take ownership, delete. */
  ManageLeads: 'MANAGE_LEADS',
  /** See and work every lead of the organisation, not only one's own. */
  ViewAllLeads: 'VIEW_ALL_LEADS',
  /** See leads at all (one's own, the pool, or all with ViewAllLeads). */
  ViewLeads: 'VIEW_LEADS',
  /** Add and edit: details, notes, next call, stage, conversion, journey steps. */
  EditLeads: 'EDIT_LEADS',
  /** Create and change workflows and choose the default one. */
  AdminWorkflows: 'ADMIN_WORKFLOWS',
  /** Change organisation settings (claim window, sources, custom fields). */
  AdminOrganisation: 'ADMIN_ORGANISATION',
} as const;
export type Permission = (typeof Permission)[keyof typeof Permission];
export const ALL_PERMISSIONS: readonly Permission[] = Object.values(Permission);

export interface Actor {
  readonly userId: UserId;
  /** The organisation the actor belongs to: every command and query acts in it and sees nothing else. */
  readonly orgId: OrgId;
  /** `system` actors are Leadline's own workers (claim expiry, assignment rules). */
  readonly kind: 'user' | 'system';
  readonly permissions: ReadonlySet<Permission> | readonly Permission[];
}

export const hasPermission = (actor: Actor, permission: Permission): boolean =>
  Array.isArray(actor.permissions)
    ? actor.permissions.includes(permission)
    : (actor.permissions as ReadonlySet<Permission>).has(permission);
