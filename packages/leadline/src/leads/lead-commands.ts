// The lead commands users call: one method per domain command, ids generated when not given (derived
// from the idempotency key when there is one, so a retried create makes the same lead).
import {
  ClaimId,
  JourneyStepId,
  LeadId,
  NoteId,
  type AssignLead,
  type ChangeStage,
  type ClaimLead,
  type ConvertToClient,
  type CreateLead,
  type DeleteLead,
  type ExpireClaim,
  type LeadCommand,
  type LeadEvent,
  type LinkToClient,
  type LogNote,
  type MarkLeadLost,
  type MarkLeadRead,
  type PromoteRole,
  type RecordJourneyStep,
  type ReleaseClaim,
  type ReopenLead,
  type ScheduleNextCall,
  type TakeOwnership,
  type UnassignLead,
  type UpdateLeadDetails,
} from '@leadline/domain';
import type { IdGenerator } from '../runtime/clock.js';
import type { CommandOutcome } from '../commands/command-handler.js';
import { derivedId } from '../commands/idempotency.js';
import type { Acting, Dispatcher } from '../runtime/dispatcher.js';

/** A command's input as a caller gives it: without its `type`, some ids optional. */
export type CommandInput<C, Optional extends keyof C = never> = Omit<C, 'type' | Optional> & Partial<Pick<C, Optional>>;

export interface LeadCommandResult extends CommandOutcome<LeadEvent> {
  readonly leadId: LeadId;
}

export interface LeadCommands {
  create(input: CommandInput<CreateLead, 'leadId'>, acting: Acting): Promise<LeadCommandResult>;
  update(input: CommandInput<UpdateLeadDetails>, acting: Acting): Promise<LeadCommandResult>;
  changeStage(input: CommandInput<ChangeStage>, acting: Acting): Promise<LeadCommandResult>;
  markLost(input: CommandInput<MarkLeadLost>, acting: Acting): Promise<LeadCommandResult>;
  reopen(input: CommandInput<ReopenLead>, acting: Acting): Promise<LeadCommandResult>;
  scheduleNextCall(input: CommandInput<ScheduleNextCall>, acting: Acting): Promise<LeadCommandResult>;
  logNote(input: CommandInput<LogNote, 'noteId'>, acting: Acting): Promise<LeadCommandResult>;
  recordJourneyStep(input: CommandInput<RecordJourneyStep, 'stepId'>, acting: Acting): Promise<LeadCommandResult>;
  claim(input: CommandInput<ClaimLead, 'claimId'>, acting: Acting): Promise<LeadCommandResult>;
  release(input: CommandInput<ReleaseClaim>, acting: Acting): Promise<LeadCommandResult>;
  /** What the claim expiry worker sends; an ended claim decides nothing. */
  expireClaim(input: CommandInput<ExpireClaim>, acting: Acting): Promise<LeadCommandResult>;
  takeOwnership(input: CommandInput<TakeOwnership>, acting: Acting): Promise<LeadCommandResult>;
  assign(input: CommandInput<AssignLead>, acting: Acting): Promise<LeadCommandResult>;
  unassign(input: CommandInput<UnassignLead>, acting: Acting): Promise<LeadCommandResult>;
  promote(input: CommandInput<PromoteRole>, acting: Acting): Promise<LeadCommandResult>;
  convert(input: CommandInput<ConvertToClient>, acting: Acting): Promise<LeadCommandResult>;
  linkToClient(input: CommandInput<LinkToClient>, acting: Acting): Promise<LeadCommandResult>;
  delete(input: CommandInput<DeleteLead>, acting: Acting): Promise<LeadCommandResult>;
  /** The actor opened the lead: read for them until someone else changes it (LeadOpened). */
  markRead(input: CommandInput<MarkLeadRead>, acting: Acting): Promise<LeadCommandResult>;
  /** Any lead command as the domain defines it (merges, unmerges): the door intake and tools use. */
  execute(command: LeadCommand, acting: Acting): Promise<LeadCommandResult>;
}

export function createLeadCommands(dispatcher: Dispatcher, ids: IdGenerator): LeadCommands {
  const execute = async (command: LeadCommand, acting: Acting): Promise<LeadCommandResult> => ({
    ...(await dispatcher.lead(command, acting)),
    leadId: command.leadId,
  });
  /** An id for something the command creates: from the key when there is one, so a retry reuses it. */
  const newId = (acting: Acting, purpose: string): string =>
    acting.idempotencyKey === undefined ? ids.newId() : derivedId(acting.actor.orgId, acting.idempotencyKey, purpose);

  return {
    create: (input, acting) =>
      execute({ ...input, type: 'CreateLead', leadId: input.leadId ?? LeadId(newId(acting, 'lead')) }, acting),
    update: (input, acting) => execute({ ...input, type: 'UpdateLeadDetails' }, acting),
    changeStage: (input, acting) => execute({ ...input, type: 'ChangeStage' }, acting),
    markLost: (input, acting) => execute({ ...input, type: 'MarkLeadLost' }, acting),
    reopen: (input, acting) => execute({ ...input, type: 'ReopenLead' }, acting),
    scheduleNextCall: (input, acting) => execute({ ...input, type: 'ScheduleNextCall' }, acting),
    logNote: (input, acting) =>
      execute({ ...input, type: 'LogNote', noteId: input.noteId ?? NoteId(newId(acting, 'note')) }, acting),
    recordJourneyStep: (input, acting) =>
      execute(
        { ...input, type: 'RecordJourneyStep', stepId: input.stepId ?? JourneyStepId(newId(acting, 'journey-step')) },
        acting,
      ),
    claim: (input, acting) =>
      execute({ ...input, type: 'ClaimLead', claimId: input.claimId ?? ClaimId(newId(acting, 'claim')) }, acting),
    release: (input, acting) => execute({ ...input, type: 'ReleaseClaim' }, acting),
    expireClaim: (input, acting) => execute({ ...input, type: 'ExpireClaim' }, acting),
    takeOwnership: (input, acting) => execute({ ...input, type: 'TakeOwnership' }, acting),
    assign: (input, acting) => execute({ ...input, type: 'AssignLead' }, acting),
    unassign: (input, acting) => execute({ ...input, type: 'UnassignLead' }, acting),
    promote: (input, acting) => execute({ ...input, type: 'PromoteRole' }, acting),
    convert: (input, acting) => execute({ ...input, type: 'ConvertToClient' }, acting),
    linkToClient: (input, acting) => execute({ ...input, type: 'LinkToClient' }, acting),
    delete: (input, acting) => execute({ ...input, type: 'DeleteLead' }, acting),
    markRead: (input, acting) => execute({ ...input, type: 'MarkLeadRead' }, acting),
    execute,
  };
}
