// The lead decider's entry: common checks first (lead/guards.ts), then the command's own rules.
import type { CommandContext } from '../shared/context.js';
import { decideJourneyStep, decideLogNote, decideScheduleNextCall, decideUpdateDetails } from './activity.js';
import { decideClaim, decideExpire, decideRelease, decideTakeOwnership } from './claims.js';
import type { LeadCommand } from './commands.js';
import { decideEmailAttempt, decideEmailFailure, decideEmailSent, decideOptOut, decideQueueEmail } from './email.js';
import { decideConvert, decideLink, decidePromote } from './conversion.js';
import type { LeadEvent } from './events.js';
import { requireWorkableLead } from './guards.js';
import { decideCreate, decideDelete } from './lifecycle.js';
import { decideMarkMerged, decideMarkUnmerged, decideMerge, decideUnmerge } from './merge.js';
import { decideAssign, decideUnassign } from './ownership.js';
import { decideMarkRead } from './reading.js';
import { decideChangeStage, decideMarkLost, decideMoveOutOfRemovedStage, decideReopen } from './stages.js';
import type { ExistingLeadState, LeadState } from './state.js';

/** One rule per command type on an existing lead: a command left out fails to compile. */
type WorkableRules = {
  readonly [T in Exclude<LeadCommand['type'], 'CreateLead'>]: (
    command: Extract<LeadCommand, { type: T }>,
    lead: ExistingLeadState,
    context: CommandContext,
  ) => LeadEvent[];
};

// A record looked up by type rather than a ts-pattern chain built on every command (the hot path of
// every command; the chain cost more than most rules it dispatched to).
const RULES: WorkableRules = {
  UpdateLeadDetails: decideUpdateDetails,
  ChangeStage: decideChangeStage,
  MoveOutOfRemovedStage: decideMoveOutOfRemovedStage,
  MarkLeadLost: decideMarkLost,
  ReopenLead: decideReopen,
  ScheduleNextCall: decideScheduleNextCall,
  LogNote: decideLogNote,
  RecordJourneyStep: decideJourneyStep,
  ClaimLead: decideClaim,
  ReleaseClaim: decideRelease,
  ExpireClaim: decideExpire,
  TakeOwnership: decideTakeOwnership,
  AssignLead: decideAssign,
  UnassignLead: decideUnassign,
  PromoteRole: decidePromote,
  ConvertToClient: decideConvert,
  LinkToClient: decideLink,
  MergeLeads: decideMerge,
  MarkLeadMerged: decideMarkMerged,
  UnmergeLeads: decideUnmerge,
  MarkLeadUnmerged: decideMarkUnmerged,
  DeleteLead: decideDelete,
  MarkLeadRead: decideMarkRead,
  QueueEmail: decideQueueEmail,
  OptOutOfEmail: decideOptOut,
  RecordEmailAttempt: decideEmailAttempt,
  RecordEmailSent: decideEmailSent,
  RecordEmailFailure: decideEmailFailure,
};

/** The events a command on a lead leads to; throws a DomainError (and emits nothing) on refusal. */
export const decideLead = (command: LeadCommand, state: LeadState, context: CommandContext): LeadEvent[] => {
  if (command.type === 'CreateLead') return decideCreate(command, state, context);
  const lead = requireWorkableLead(command, state, context);
  // The record is keyed by command type, so the rule found takes exactly this command.
  const rule = RULES[command.type] as (
    command: LeadCommand,
    lead: ExistingLeadState,
    context: CommandContext,
  ) => LeadEvent[];
  return rule(command, lead, context);
};
