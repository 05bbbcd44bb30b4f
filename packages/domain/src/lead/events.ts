// The lead's event catalogue. Types are never renamed once shipped: a changed shape gets a new
// schema version and an upcaster (see docs/events.md).
import type { ContactErased } from './erasure-types.js';
import type {
  ClaimId,
  ClientId,
  JourneyStepId,
  LeadId,
  MergeId,
  NoteId,
  OrgId,
  StageId,
  UserId,
  WorkflowId,
} from '../shared/ids.js';
import type { LeadEmailEvent } from './email-events.js';
import type {
  CallOutcome,
  CustomFields,
  CustomFieldValue,
  Money,
  Rating,
  Role,
  StageCategory,
} from '../shared/values.js';

/** The fields of a lead a person edits; contact values are stored normalised. */
export interface LeadDetails {
  readonly name: string;
  /** Lower-cased and trimmed. */
  readonly email: string | null;
  /** Digits with country code, as `+<digits>` (E.164). */
  readonly phone: string | null;
  readonly company: string | null;
  readonly source: string;
  readonly notes: string | null;
  /** hot, warm or cold (events of schema version 1 held 1–5: upcast on read, see upcasters.ts). */
  readonly rating: Rating | null;
  readonly estimatedValue: Money | null;
  /** A calendar date, `YYYY-MM-DD`. */
  readonly expectedSaleDate: string | null;
  readonly customFields: CustomFields;
}

export interface DuplicateDecision {
  /** The existing leads that matched by normalised email or phone. */
  readonly candidates: readonly LeadId[];
  readonly choice: 'keep-both';
}

export interface LeadCreated {
  readonly type: 'LeadCreated';
  readonly data: LeadDetails & {
    readonly leadId: LeadId;
    readonly orgId: OrgId;
    readonly workflowId: WorkflowId;
    readonly stageId: StageId;
    readonly clientId: ClientId | null;
    readonly ownerId: UserId | null;
    /** Present when the creator was shown duplicates and chose to keep both. */
    readonly duplicateDecision: DuplicateDecision | null;
  };
}

export interface LeadDetailsUpdated {
  readonly type: 'LeadDetailsUpdated';
  readonly data: {
    readonly leadId: LeadId;
    /** Only the fields that changed. */
    readonly changes: Partial<Omit<LeadDetails, 'customFields'>>;
    /** Custom fields set (a value) or removed (null); absent keys are unchanged. */
    readonly customFields: Readonly<Record<string, CustomFieldValue | null>>;
  };
}

export interface StageChanged {
  readonly type: 'StageChanged';
  readonly data: {
    readonly leadId: LeadId;
    readonly workflowId: WorkflowId;
    readonly from: StageId;
    readonly to: StageId;
    /** Names and categories as they were at the time, so a journey reads without the workflow. */
    readonly fromName: string;
    readonly toName: string;
    readonly fromCategory: StageCategory;
    readonly toCategory: StageCategory;
    /** Why: required for lost and reopened, optional otherwise. */
    readonly reason: string | null;
  };
}

export interface NextCallScheduled {
  readonly type: 'NextCallScheduled';
  readonly data: {
    readonly leadId: LeadId;
    /** ISO 8601 instant, or null when the scheduled call is cleared. */
    readonly at: string | null;
    readonly note: string | null;
  };
}

export interface NoteLogged {
  readonly type: 'NoteLogged';
  readonly data: {
    readonly leadId: LeadId;
    readonly noteId: NoteId;
    readonly text: string;
    readonly outcome: CallOutcome | null;
  };
}

export interface JourneyStepRecorded {
  readonly type: 'JourneyStepRecorded';
  readonly data: {
    readonly leadId: LeadId;
    readonly stepId: JourneyStepId;
    readonly label: string;
    readonly description: string | null;
  };
}

export interface LeadAssigned {
  readonly type: 'LeadAssigned';
  readonly data: {
    readonly leadId: LeadId;
    readonly ownerId: UserId;
    readonly previousOwnerId: UserId | null;
    /** assign: by a manager; transfer: from one owner to another; take-ownership: the claimant keeps it; rule: an assignment rule fired. */
    readonly via: 'assign' | 'transfer' | 'take-ownership' | 'rule';
    /** The assignment rule that fired, when `via` is `rule`. */
    readonly ruleId: string | null;
  };
}

export interface LeadUnassigned {
  readonly type: 'LeadUnassigned';
  readonly data: {
    readonly leadId: LeadId;
    readonly previousOwnerId: UserId;
  };
}

export interface LeadClaimed {
  readonly type: 'LeadClaimed';
  readonly data: {
    readonly leadId: LeadId;
    readonly claimId: ClaimId;
    readonly by: UserId;
    /** ISO 8601 instants; the claim holds while now < expiresAt. */
    readonly at: string;
    readonly expiresAt: string;
  };
}

export interface ClaimReleased {
  readonly type: 'ClaimReleased';
  readonly data: {
    readonly leadId: LeadId;
    readonly claimId: ClaimId;
    readonly claimedBy: UserId;
  };
}

export interface ClaimExpired {
  readonly type: 'ClaimExpired';
  readonly data: {
    readonly leadId: LeadId;
    readonly claimId: ClaimId;
    readonly claimedBy: UserId;
    readonly expiresAt: string;
  };
}

export interface RolePromoted {
  readonly type: 'RolePromoted';
  readonly data: {
    readonly leadId: LeadId;
    readonly from: Role;
    readonly to: Role;
  };
}

export interface ConvertedToClient {
  readonly type: 'ConvertedToClient';
  readonly data: {
    readonly leadId: LeadId;
    readonly clientId: ClientId;
    /** new: a client created from this lead; merged: folded into an existing client. */
    readonly mode: 'new' | 'merged';
  };
}

export interface LinkedToClient {
  readonly type: 'LinkedToClient';
  readonly data: {
    readonly leadId: LeadId;
    readonly clientId: ClientId;
  };
}

export interface LeadMerged {
  readonly type: 'LeadMerged';
  readonly data:
    | {
        readonly leadId: LeadId;
        readonly mergeId: MergeId;
        /** This lead survives and takes the others' fields by the documented merge rule. */
        readonly side: 'survivor';
        readonly absorbedLeadIds: readonly LeadId[];
        /** The survivor's details before and after, so unmerge restores exactly. */
        readonly before: LeadDetails;
        readonly after: LeadDetails;
      }
    | {
        readonly leadId: LeadId;
        readonly mergeId: MergeId;
        /** This lead is folded into the survivor; it is kept, with its journey, never deleted. */
        readonly side: 'absorbed';
        readonly survivorId: LeadId;
      };
}

export interface LeadUnmerged {
  readonly type: 'LeadUnmerged';
  readonly data:
    | {
        readonly leadId: LeadId;
        readonly mergeId: MergeId;
        readonly side: 'survivor';
        readonly restoredLeadIds: readonly LeadId[];
        /** The details the survivor returns to (its `before` of the merge). */
        readonly restored: LeadDetails;
      }
    | {
        readonly leadId: LeadId;
        readonly mergeId: MergeId;
        readonly side: 'absorbed';
        readonly survivorId: LeadId;
      };
}

export interface LeadDeleted {
  readonly type: 'LeadDeleted';
  readonly data: {
    readonly leadId: LeadId;
    readonly reason: string | null;
  };
}

/** A user opened the lead (read it); what makes it read for them until someone else changes it. */
export interface LeadOpened {
  readonly type: 'LeadOpened';
  readonly data: {
    readonly leadId: LeadId;
    readonly by: UserId;
  };
}

export type LeadEvent =
  | LeadCreated
  | LeadDetailsUpdated
  | StageChanged
  | NextCallScheduled
  | NoteLogged
  | JourneyStepRecorded
  | LeadAssigned
  | LeadUnassigned
  | LeadClaimed
  | ClaimReleased
  | ClaimExpired
  | RolePromoted
  | ConvertedToClient
  | LinkedToClient
  | LeadMerged
  | LeadUnmerged
  | LeadDeleted
  | LeadOpened
  | ContactErased
  | LeadEmailEvent;

export type LeadEventType = LeadEvent['type'];
