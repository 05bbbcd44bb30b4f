// Opening a lead: recorded per user, so "unread" is replayable like everything else.
import type { CommandContext } from '../shared/context.js';
import type { MarkLeadRead } from './commands.js';
import type { LeadEvent } from './events.js';
import type { ExistingLeadState } from './state.js';

/** The actor opened the lead; nothing new when they opened it already and nothing happened since. */
export const decideMarkRead = (
  _command: MarkLeadRead,
  state: ExistingLeadState,
  context: CommandContext,
): LeadEvent[] =>
  state.openedBy.includes(context.actor.userId)
    ? []
    : [{ type: 'LeadOpened', data: { leadId: state.leadId, by: context.actor.userId } }];
