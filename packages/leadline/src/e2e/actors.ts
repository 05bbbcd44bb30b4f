// The people of the end-to-end scenarios: an admin, a manager who sees everything, two reps who see
// their own leads and the pool, and a viewer who may only look.
import { ALL_PERMISSIONS, OrgId, Permission, UserId, type Actor } from '@leadline/domain';
import type { Acting } from '../runtime/dispatcher.js';

export const ACME = OrgId('acme');

export const admin: Actor = { userId: UserId('ada-admin'), orgId: ACME, kind: 'user', permissions: ALL_PERMISSIONS };
export const manager: Actor = {
  userId: UserId('mia-manager'),
  orgId: ACME,
  kind: 'user',
  permissions: ALL_PERMISSIONS,
};
const repPermissions = [Permission.ViewLeads, Permission.ManageLeads, Permission.EditLeads, Permission.CreateLeads];
export const rep1: Actor = { userId: UserId('rob-rep'), orgId: ACME, kind: 'user', permissions: repPermissions };
export const rep2: Actor = { userId: UserId('rita-rep'), orgId: ACME, kind: 'user', permissions: repPermissions };
export const viewer: Actor = {
  userId: UserId('vic-viewer'),
  orgId: ACME,
  kind: 'user',
  permissions: [Permission.ViewLeads, Permission.ViewAllLeads],
};

export const as = (actor: Actor, extra: Omit<Acting, 'actor'> = {}): Acting => ({ actor, ...extra });

/** The working day's failing reactor reports every failed delivery; the test checks the parked events instead. */
export const expectedWorkerErrors = (): void => undefined;
