// What the lead decider remembers of a lead's history: only what its rules need.
import type {
  ClaimId,
  ClientId,
  JourneyStepId,
  LeadId,
  MergeId,
  OrgId,
  StageId,
  UserId,
  WorkflowId,
} from '../shared/ids.js';
import type { Role, StageCategory } from '../shared/values.js';
import type { LeadDetails } from './events.js';

/** A claim as it was recorded; it holds while now < expiresAt (see `isClaimLive`). */
export interface LeadClaim {
  readonly claimId: ClaimId;
  readonly by: UserId;
  readonly at: string;
  readonly expiresAt: string;
}

/** A merge this lead survived and that is still in force. */
export interface SurvivedMerge {
  readonly mergeId: MergeId;
  readonly absorbedLeadIds: readonly LeadId[];
  readonly before: LeadDetails;
  readonly after: LeadDetails;
}

export interface MergedInto {
  readonly mergeId: MergeId;
  readonly survivorId: LeadId;
}

/** Where one queued email stands: `queued` also while a retry waits; `sending` between attempt and outcome. */
export interface OutboxEmailState {
  readonly status: 'queued' | 'sending' | 'sent' | 'failed';
  readonly messageId: string;
  /** The last attempt recorded (0 before the first). */
  readonly attempts: number;
}

export interface NoLeadState {
  readonly exists: false;
  readonly deleted: false;
}

export interface ExistingLeadState {
  readonly exists: true;
  readonly deleted: boolean;
  readonly leadId: LeadId;
  readonly orgId: OrgId;
  readonly workflowId: WorkflowId;
  readonly stageId: StageId;
  /** The stage name as last recorded (null until a stage change records one). */
  readonly stageName: string | null;
  readonly stageCategory: StageCategory;
  readonly details: LeadDetails;
  readonly ownerId: UserId | null;
  /** The last recorded claim that has not been released or expired; it may have lapsed already. */
  readonly claim: LeadClaim | null;
  readonly role: Role;
  readonly converted: boolean;
  readonly clientId: ClientId | null;
  /** Set while this lead is absorbed into another; it refuses edits until unmerged. */
  readonly mergedInto: MergedInto | null;
  /** Merges in which this lead survived, oldest first, that have not been undone. */
  readonly absorbed: readonly SurvivedMerge[];
  readonly nextCallAt: string | null;
  readonly noteCount: number;
  /** The custom journey steps recorded, by step id: what each said (label and description), to refuse a reuse. */
  readonly journeySteps: Readonly<Record<JourneyStepId, JourneyStepContent>>;
  readonly emailOptedOut: boolean;
  /** Who opened the lead since its last other event: opening it again decides nothing. */
  readonly openedBy: readonly UserId[];
  /** Emails queued for this lead, by email id. */
  readonly emails: Readonly<Record<string, OutboxEmailState>>;
}

export interface JourneyStepContent {
  readonly label: string;
  readonly description: string | null;
}

export type LeadState = NoLeadState | ExistingLeadState;

export const initialLeadState: LeadState = { exists: false, deleted: false };

/** A claim blocks others only while now < expiresAt, whether or not ClaimExpired was written yet. */
export const isClaimLive = (claim: LeadClaim, now: Date): boolean => now.getTime() < Date.parse(claim.expiresAt);

/** The claim if it still holds at `now`, else null. */
export const liveClaim = (claim: LeadClaim | null, now: Date): LeadClaim | null =>
  claim !== null && isClaimLive(claim, now) ? claim : null;

/** The user holding a live claim on the lead, if any. */
export const liveClaimant = (state: LeadState, now: Date): UserId | null =>
  state.exists ? (liveClaim(state.claim, now)?.by ?? null) : null;
