// One well-formed command of every lead command type, for rules that hold for all of them ("a deleted
// lead refuses every command"). The type makes a new command type without a sample fail to compile.
import type { LeadCommand, LeadCommandType } from '../lead/commands.js';
import { ClaimId, ClientId, EmailId, JourneyStepId, LeadId, MergeId, NoteId } from '../shared/ids.js';
import { BOB, LEAD, STAGE, aCreateLead, aLeadCreated } from './fixtures.js';

type CommandOfType<T extends LeadCommandType> = Extract<LeadCommand, { type: T }>;

export const sampleLeadCommands = (leadId: LeadId = LEAD): { readonly [T in LeadCommandType]: CommandOfType<T> } => ({
  CreateLead: aCreateLead({ leadId }),
  UpdateLeadDetails: { type: 'UpdateLeadDetails', leadId, fields: { company: 'Analytical Engines Ltd' } },
  ChangeStage: { type: 'ChangeStage', leadId, stageId: STAGE.contacted },
  MoveOutOfRemovedStage: {
    type: 'MoveOutOfRemovedStage',
    leadId,
    stageId: STAGE.notContacted,
    fallbackStageId: STAGE.contacted,
  },
  MarkLeadLost: { type: 'MarkLeadLost', leadId, reason: 'No budget' },
  ReopenLead: { type: 'ReopenLead', leadId, reason: 'Budget found' },
  ScheduleNextCall: { type: 'ScheduleNextCall', leadId, at: '2030-01-01T09:00:00Z' },
  LogNote: { type: 'LogNote', leadId, noteId: NoteId('note-1'), text: 'Called', outcome: 'CONNECTED' },
  RecordJourneyStep: { type: 'RecordJourneyStep', leadId, stepId: JourneyStepId('step-1'), label: 'Demo given' },
  ClaimLead: { type: 'ClaimLead', leadId, claimId: ClaimId('claim-1') },
  ReleaseClaim: { type: 'ReleaseClaim', leadId },
  ExpireClaim: { type: 'ExpireClaim', leadId, claimId: ClaimId('claim-1') },
  TakeOwnership: { type: 'TakeOwnership', leadId },
  AssignLead: { type: 'AssignLead', leadId, ownerId: BOB },
  UnassignLead: { type: 'UnassignLead', leadId },
  PromoteRole: { type: 'PromoteRole', leadId, to: 'Prospect' },
  ConvertToClient: { type: 'ConvertToClient', leadId, clientId: ClientId('client-1'), mode: 'new' },
  LinkToClient: { type: 'LinkToClient', leadId, clientId: ClientId('client-1') },
  MergeLeads: {
    type: 'MergeLeads',
    leadId,
    mergeId: MergeId('merge-1'),
    absorbed: [{ leadId: LeadId('lead-dup'), details: aLeadCreated().data }],
  },
  MarkLeadMerged: { type: 'MarkLeadMerged', leadId, mergeId: MergeId('merge-2'), survivorId: LeadId('lead-survivor') },
  UnmergeLeads: { type: 'UnmergeLeads', leadId, mergeId: MergeId('merge-1') },
  MarkLeadUnmerged: { type: 'MarkLeadUnmerged', leadId, mergeId: MergeId('merge-2') },
  DeleteLead: { type: 'DeleteLead', leadId, reason: 'Duplicate entry' },
  MarkLeadRead: { type: 'MarkLeadRead', leadId },
  EraseContact: { type: 'EraseContact', leadId, reason: 'Asked to be forgotten' },
  QueueEmail: {
    type: 'QueueEmail',
    leadId,
    emailId: EmailId('email-1'),
    messageId: '<email-1@leadline.test>',
    template: { subject: 'Hello {{name}}', body: 'Dear {{name}} of {{company}}' },
  },
  OptOutOfEmail: { type: 'OptOutOfEmail', leadId, reason: 'Asked by phone' },
  RecordEmailAttempt: { type: 'RecordEmailAttempt', leadId, emailId: EmailId('email-1'), attempt: 1 },
  RecordEmailSent: { type: 'RecordEmailSent', leadId, emailId: EmailId('email-1'), attempt: 1 },
  RecordEmailFailure: {
    type: 'RecordEmailFailure',
    leadId,
    emailId: EmailId('email-1'),
    attempt: 1,
    error: 'connection refused',
    retryAt: null,
  },
});

/** Every sample command but CreateLead: the commands on an existing lead. */
export const sampleCommandsOnALead = (leadId: LeadId = LEAD): LeadCommand[] =>
  Object.values(sampleLeadCommands(leadId)).filter((command) => command.type !== 'CreateLead');
