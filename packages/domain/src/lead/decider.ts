// The lead aggregate as one value the runtime drives: decide, evolve, initialState.
import { fold, type Decider } from '../shared/decider.js';
import type { LeadCommand } from './commands.js';
import { decideLead } from './decide.js';
import type { LeadEvent } from './events.js';
import { evolveLead } from './evolve.js';
import { initialLeadState, type LeadState } from './state.js';

export const leadDecider: Decider<LeadCommand, LeadEvent, LeadState> = {
  decide: decideLead,
  evolve: evolveLead,
  initialState: initialLeadState,
};

export const foldLead = (events: readonly LeadEvent[]): LeadState => fold(leadDecider, events);
