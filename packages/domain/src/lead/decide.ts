// The lead decider's entry: common checks first (lead/guards.ts), then the command's own rules.
import { match } from 'ts-pattern';
import type { CommandContext } from '../shared/context';
import { decideJourneyStep, decideLogNote, decideScheduleNextCall, decideUpdateDetails } from './activity';
import { decideClaim, decideExpire, decideRelease, decideTakeOwnership } from './claims';
import type { LeadCommand } from './commands';
import { decideConvert, decideLink, decidePromote } from './conversion';
import type { LeadEvent } from './events';
import { requireWorkableLead } from './guards';
import { decideCreate, decideDelete } from './lifecycle';
import { decideMarkMerged, decideMarkUnmerged, decideMerge, decideUnmerge } from './merge';
import { decideAssign, decideUnassign } from './ownership';
import { decideChangeStage, decideMarkLost, decideReopen } from './stages';
import type { LeadState } from './state';

/** The events a command on a lead leads to; throws a DomainError (and emits nothing) on refusal. */
export const decideLead = (command: LeadCommand, state: LeadState, context: CommandContext): LeadEvent[] => {
  if (command.type === 'CreateLead') return decideCreate(command, state, context);
  const lead = requireWorkableLead(command, state, context);
  return match(command)
    .returnType<LeadEvent[]>()
    .with({ type: 'UpdateLeadDetails' }, (c) => decideUpdateDetails(c, lead, context))
    .with({ type: 'ChangeStage' }, (c) => decideChangeStage(c, lead, context))
    .with({ type: 'MarkLeadLost' }, (c) => decideMarkLost(c, lead, context))
    .with({ type: 'ReopenLead' }, (c) => decideReopen(c, lead, context))
    .with({ type: 'ScheduleNextCall' }, (c) => decideScheduleNextCall(c, lead, context))
    .with({ type: 'LogNote' }, (c) => decideLogNote(c, lead, context))
    .with({ type: 'RecordJourneyStep' }, (c) => decideJourneyStep(c, lead, context))
    .with({ type: 'ClaimLead' }, (c) => decideClaim(c, lead, context))
    .with({ type: 'ReleaseClaim' }, (c) => decideRelease(c, lead, context))
    .with({ type: 'ExpireClaim' }, (c) => decideExpire(c, lead, context))
    .with({ type: 'TakeOwnership' }, (c) => decideTakeOwnership(c, lead, context))
    .with({ type: 'AssignLead' }, (c) => decideAssign(c, lead, context))
    .with({ type: 'UnassignLead' }, (c) => decideUnassign(c, lead, context))
    .with({ type: 'PromoteRole' }, (c) => decidePromote(c, lead, context))
    .with({ type: 'ConvertToClient' }, (c) => decideConvert(c, lead, context))
    .with({ type: 'LinkToClient' }, (c) => decideLink(c, lead, context))
    .with({ type: 'MergeLeads' }, (c) => decideMerge(c, lead, context))
    .with({ type: 'MarkLeadMerged' }, (c) => decideMarkMerged(c, lead, context))
    .with({ type: 'UnmergeLeads' }, (c) => decideUnmerge(c, lead, context))
    .with({ type: 'MarkLeadUnmerged' }, (c) => decideMarkUnmerged(c, lead, context))
    .with({ type: 'DeleteLead' }, (c) => decideDelete(c, lead, context))
    .exhaustive();
};
