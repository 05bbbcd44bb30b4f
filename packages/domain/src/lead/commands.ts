// What a person (or a worker) asks of a lead. Inputs are raw: the decider validates and normalises.
import type { EraseContact } from './erasure-types.js';
import type { LeadEmailCommand } from './email-commands.js';
import type {
  ClaimId,
  ClientId,
  JourneyStepId,
  LeadId,
  MergeId,
  NoteId,
  StageId,
  UserId,
  WorkflowId,
} from '../shared/ids.js';
import type { CallOutcome, CustomFieldValue, Money, Role } from '../shared/values.js';
import type { LeadDetails } from './events.js';

/** Editable fields as a caller sends them: unvalidated, unnormalised. */
export interface LeadDetailsInput {
  readonly name?: string | null;
  readonly email?: string | null;
  readonly phone?: string | null;
  readonly company?: string | null;
  readonly source?: string | null;
  readonly notes?: string | null;
  /** hot, warm or cold (any case); null clears. */
  readonly rating?: string | null;
  readonly estimatedValue?: Money | null;
  readonly expectedSaleDate?: string | null;
  readonly customFields?: Readonly<Record<string, CustomFieldValue | null>>;
}

export interface CreateLead {
  readonly type: 'CreateLead';
  readonly leadId: LeadId;
  /** The new lead's fields; the same name as an update's (`fields`). */
  readonly fields: LeadDetailsInput & { readonly name: string };
  /** Defaults to the organisation's default workflow and its first open stage. */
  readonly workflowId?: WorkflowId;
  readonly stageId?: StageId;
  readonly clientId?: ClientId | null;
  readonly ownerId?: UserId | null;
  /** Set when the caller was shown duplicate candidates and chose to keep both. */
  readonly keepDespiteDuplicates?: readonly LeadId[];
}

export interface UpdateLeadDetails {
  readonly type: 'UpdateLeadDetails';
  readonly leadId: LeadId;
  /** Only the fields to change: absent fields stay, `null` clears. */
  readonly fields: LeadDetailsInput;
}

export interface ChangeStage {
  readonly type: 'ChangeStage';
  readonly leadId: LeadId;
  readonly stageId: StageId;
  readonly reason?: string | null;
}

/** What the stage-removal worker sends for a lead left in a removed stage (see docs/domain.md). */
export interface MoveOutOfRemovedStage {
  readonly type: 'MoveOutOfRemovedStage';
  readonly leadId: LeadId;
  /** The removed stage the lead is in. */
  readonly stageId: StageId;
  /** The stage the removal named as fallback (or, after later removals, its own fallback). */
  readonly fallbackStageId: StageId;
}

export interface MarkLeadLost {
  readonly type: 'MarkLeadLost';
  readonly leadId: LeadId;
  readonly reason: string;
  /** A lost stage of the lead's workflow; defaults to its first lost stage. */
  readonly stageId?: StageId;
}

export interface ReopenLead {
  readonly type: 'ReopenLead';
  readonly leadId: LeadId;
  readonly reason: string;
  /** An open stage of the lead's workflow; defaults to its first open stage. */
  readonly stageId?: StageId;
}

export interface ScheduleNextCall {
  readonly type: 'ScheduleNextCall';
  readonly leadId: LeadId;
  /** ISO 8601 instant, or null to clear. */
  readonly at: string | null;
  readonly note?: string | null;
}

export interface LogNote {
  readonly type: 'LogNote';
  readonly leadId: LeadId;
  readonly noteId: NoteId;
  readonly text: string;
  readonly outcome?: CallOutcome | null;
}

export interface RecordJourneyStep {
  readonly type: 'RecordJourneyStep';
  readonly leadId: LeadId;
  readonly stepId: JourneyStepId;
  readonly label: string;
  readonly description?: string | null;
}

export interface ClaimLead {
  readonly type: 'ClaimLead';
  readonly leadId: LeadId;
  readonly claimId: ClaimId;
}

export interface ReleaseClaim {
  readonly type: 'ReleaseClaim';
  readonly leadId: LeadId;
}

/** Issued by the claim-expiry worker; deciding it twice for the same claim emits nothing the second time. */
export interface ExpireClaim {
  readonly type: 'ExpireClaim';
  readonly leadId: LeadId;
  readonly claimId: ClaimId;
}

/** The claimant (or a manager) keeps the lead: formal ownership, the claim ends. */
export interface TakeOwnership {
  readonly type: 'TakeOwnership';
  readonly leadId: LeadId;
}

/** Assign an unowned lead or transfer an owned one. */
export interface AssignLead {
  readonly type: 'AssignLead';
  readonly leadId: LeadId;
  readonly ownerId: UserId;
  /** The assignment rule that fired, when a rule assigns. */
  readonly ruleId?: string | null;
}

/** Back to the pool. */
export interface UnassignLead {
  readonly type: 'UnassignLead';
  readonly leadId: LeadId;
}

export interface PromoteRole {
  readonly type: 'PromoteRole';
  readonly leadId: LeadId;
  readonly to: Role;
}

export interface ConvertToClient {
  readonly type: 'ConvertToClient';
  readonly leadId: LeadId;
  readonly clientId: ClientId;
  readonly mode: 'new' | 'merged';
  /** A won stage of the lead's workflow; defaults to its first won stage. */
  readonly stageId?: StageId;
}

export interface LinkToClient {
  readonly type: 'LinkToClient';
  readonly leadId: LeadId;
  readonly clientId: ClientId;
}

/** On the survivor: take in the absorbed leads. `absorbed` are their current details, in the order given. */
export interface MergeLeads {
  readonly type: 'MergeLeads';
  readonly leadId: LeadId;
  readonly mergeId: MergeId;
  readonly absorbed: readonly { readonly leadId: LeadId; readonly details: LeadDetails }[];
}

/** On each absorbed lead: mark it merged into the survivor. */
export interface MarkLeadMerged {
  readonly type: 'MarkLeadMerged';
  readonly leadId: LeadId;
  readonly mergeId: MergeId;
  readonly survivorId: LeadId;
}

export interface UnmergeLeads {
  readonly type: 'UnmergeLeads';
  readonly leadId: LeadId;
  readonly mergeId: MergeId;
}

export interface MarkLeadUnmerged {
  readonly type: 'MarkLeadUnmerged';
  readonly leadId: LeadId;
  readonly mergeId: MergeId;
}

export interface DeleteLead {
  readonly type: 'DeleteLead';
  readonly leadId: LeadId;
  readonly reason?: string | null;
}

/** The actor opened the lead: it reads as read for them until someone else changes it. */
export interface MarkLeadRead {
  readonly type: 'MarkLeadRead';
  readonly leadId: LeadId;
}

export type LeadCommand =
  | CreateLead
  | UpdateLeadDetails
  | ChangeStage
  | MoveOutOfRemovedStage
  | MarkLeadLost
  | ReopenLead
  | ScheduleNextCall
  | LogNote
  | RecordJourneyStep
  | ClaimLead
  | ReleaseClaim
  | ExpireClaim
  | TakeOwnership
  | AssignLead
  | UnassignLead
  | PromoteRole
  | ConvertToClient
  | LinkToClient
  | MergeLeads
  | MarkLeadMerged
  | UnmergeLeads
  | MarkLeadUnmerged
  | DeleteLead
  | MarkLeadRead
  | EraseContact
  | LeadEmailCommand;

export type LeadCommandType = LeadCommand['type'];
