// The lead aggregate as one value the runtime drives: decide, evolve, initialState.
import { fold, type Decider } from '../shared/decider';
import type { LeadCommand } from './commands';
import { decideLead } from './decide';
import type { LeadEvent } from './events';
import { evolveLead } from './evolve';
import { initialLeadState, type LeadState } from './state';

export const leadDecider: Decider<LeadCommand, LeadEvent, LeadState> = {
  decide: decideLead,
  evolve: evolveLead,
  initialState: initialLeadState,
};

export const foldLead = (events: readonly LeadEvent[]): LeadState => fold(leadDecider, events);
