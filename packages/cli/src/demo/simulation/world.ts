// What the simulated people know about the leads they work: enough to choose their next move. The
// truth stays in the event store; a refused command simply tells them they were wrong.
import type { LeadId, StageId, UserId, WorkflowId } from '@leadline/domain';

export type SimStatus = 'open' | 'converted' | 'lost' | 'merged';

export interface SimLead {
  readonly leadId: LeadId;
  readonly workflowId: WorkflowId;
  readonly name: string;
  readonly source: string;
  readonly rating: number;
  readonly arrivedDay: number;
  /** Index into the workflow's open stages. */
  stage: number;
  status: SimStatus;
  ownerId: UserId | null;
  claim: { readonly by: UserId; readonly until: number } | null;
  nextCallAt: number | null;
  attempts: number;
  lostOnDay: number | null;
}

export interface WorkflowStages {
  readonly open: readonly StageId[];
  readonly won: StageId;
  readonly lost: StageId;
}

export interface World {
  readonly leads: SimLead[];
  readonly workflows: ReadonlyMap<WorkflowId, WorkflowStages>;
  /** Simulated now, in ms. */
  now: number;
  day: number;
}

export const isWorkable = (lead: SimLead): boolean => lead.status === 'open';
export const claimHolds = (lead: SimLead, now: number): boolean => lead.claim !== null && now < lead.claim.until;
export const inPool = (lead: SimLead, now: number): boolean =>
  isWorkable(lead) && lead.ownerId === null && !claimHolds(lead, now);
