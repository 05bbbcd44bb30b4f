// Which permission each lead command needs (docs/domain.md shows this table to people).
import { Permission } from '../shared/permissions.js';
import type { LeadCommandType } from './commands.js';

export const LEAD_COMMAND_PERMISSIONS: { readonly [T in LeadCommandType]: Permission } = {
  CreateLead: Permission.CreateLeads,
  UpdateLeadDetails: Permission.EditLeads,
  ChangeStage: Permission.EditLeads,
  MoveOutOfRemovedStage: Permission.EditLeads,
  MarkLeadLost: Permission.EditLeads,
  ReopenLead: Permission.EditLeads,
  ScheduleNextCall: Permission.EditLeads,
  LogNote: Permission.EditLeads,
  RecordJourneyStep: Permission.EditLeads,
  PromoteRole: Permission.EditLeads,
  ConvertToClient: Permission.EditLeads,
  LinkToClient: Permission.EditLeads,
  ClaimLead: Permission.ManageLeads,
  ReleaseClaim: Permission.ManageLeads,
  ExpireClaim: Permission.ManageLeads,
  TakeOwnership: Permission.ManageLeads,
  AssignLead: Permission.ManageLeads,
  UnassignLead: Permission.ManageLeads,
  MergeLeads: Permission.ManageLeads,
  MarkLeadMerged: Permission.ManageLeads,
  UnmergeLeads: Permission.ManageLeads,
  MarkLeadUnmerged: Permission.ManageLeads,
  DeleteLead: Permission.ManageLeads,
  MarkLeadRead: Permission.ViewLeads,
  QueueEmail: Permission.EditLeads,
  OptOutOfEmail: Permission.EditLeads,
  RecordEmailAttempt: Permission.EditLeads,
  RecordEmailSent: Permission.EditLeads,
  RecordEmailFailure: Permission.EditLeads,
};

/**
 * What an absorbed (merged) lead still accepts: its unmerge, the expiry worker's no-op, and the outcome
 * of an email already handed to the transport (the send happened; the history must say so).
 */
export const ACCEPTED_WHILE_ABSORBED: ReadonlySet<LeadCommandType> = new Set([
  'MarkLeadUnmerged',
  'ExpireClaim',
  'MarkLeadRead',
  'RecordEmailSent',
  'RecordEmailFailure',
]);
