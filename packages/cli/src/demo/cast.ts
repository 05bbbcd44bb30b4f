// The demo organisation: Northwind Trading, its manager, three salespeople and two workflows.
import {
  OrgId,
  Permission,
  StageCategory,
  StageId,
  UserId,
  WorkflowId,
  type Actor,
  type Stage,
} from '@leadline/domain';
import { ROLES } from '../session/actor.js';

export const DEMO_ORG = OrgId('northwind');
export const DEMO_ORG_NAME = 'Northwind Trading';
/** Monday 2 February 2026, 08:00 UTC: the first simulated day. */
export const DEMO_START = '2026-02-02T08:00:00.000Z';
export const DEMO_WEEKS = 6;

const person = (id: string, role: keyof typeof ROLES): Actor => ({
  userId: UserId(id),
  orgId: DEMO_ORG,
  kind: 'user',
  permissions: ROLES[role],
});

export const MANAGER = person('maya', 'manager');
export const ADMIN = person('admin', 'admin');
/** The salespeople; each works the pool and their own leads. */
export const REPS: readonly Actor[] = [person('ana', 'rep'), person('ben', 'rep'), person('chloe', 'rep')];
export const PEOPLE: Readonly<Record<string, string>> = {
  maya: 'Maya Lindqvist (manager)',
  ana: 'Ana Ortiz',
  ben: 'Ben Okafor',
  chloe: 'Chloé Martin',
};

/** The default workflow is Leadline's own (Not contacted, Contacted, Qualified, Converted, Lost). */
export const PARTNERS_WORKFLOW = WorkflowId('partnerships');
const stage = (id: string, name: string, category: Stage['category']): Stage => ({
  stageId: StageId(id),
  name,
  category,
});
export const PARTNERS_STAGES: readonly Stage[] = [
  stage('IDENTIFIED', 'Identified', StageCategory.Open),
  stage('INTRO_CALL', 'Intro call', StageCategory.Open),
  stage('NEGOTIATION', 'Negotiation', StageCategory.Open),
  stage('SIGNED', 'Signed', StageCategory.Won),
  stage('DECLINED', 'Declined', StageCategory.Lost),
];

/** Leads whose notes mention partnering go to the partnerships workflow. */
export const isPartnerLead = (notes: string): boolean => /partner/i.test(notes);

export const hasPermission = (actor: Actor, permission: Permission): boolean =>
  [...actor.permissions].includes(permission);
