// The people of the demo organisation and how a request says which of them it is. A real app would
// check a session; this one trusts a cookie set by the login picker, which is fine for a local demo only.
import { ALL_PERMISSIONS, OrgId, Permission, UserId, type Actor } from '@leadline/domain';

export const DEMO_ORG = OrgId('acme');
export const DEMO_ORG_NAME = 'Acme Supplies';
export const USER_COOKIE = 'leadline-user';

export interface Person {
  readonly actor: Actor;
  readonly name: string;
  readonly role: string;
}

const person = (id: string, name: string, role: string, permissions: readonly Permission[]): Person => ({
  actor: { userId: UserId(id), orgId: DEMO_ORG, kind: 'user', permissions },
  name,
  role,
});

const WORK = [Permission.ViewLeads, Permission.CreateLeads, Permission.ManageLeads, Permission.EditLeads];

/** The manager sees and may do everything, the organisation's settings and workflows included. */
export const MANAGER = person('maya', 'Maya Lindqvist', 'sales manager', ALL_PERMISSIONS);
/** Salespeople: no View All Leads, so they see their own leads, their claims and the pool. */
export const ANA = person('ana', 'Ana Ortiz', 'salesperson', WORK);
export const BEN = person('ben', 'Ben Okafor', 'salesperson', WORK);
export const PEOPLE: readonly Person[] = [MANAGER, ANA, BEN];

const cookieValue = (header: string | null, name: string): string | undefined =>
  header
    ?.split(';')
    .map((part) => part.trim().split('='))
    .find(([key]) => key === name)?.[1];

/** The app's `authenticate`: the person named by the login cookie, or null (401) without one. */
export function actorOf(request: Request): Actor | null {
  const userId = cookieValue(request.headers.get('cookie'), USER_COOKIE);
  return PEOPLE.find((candidate) => candidate.actor.userId === userId)?.actor ?? null;
}
