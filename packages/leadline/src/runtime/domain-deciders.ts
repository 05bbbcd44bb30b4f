// The domain's deciders as the runtime drives them, with the view each stream gives a CommandContext.
import {
  clientDecider,
  leadDecider,
  listViewsDecider,
  organisationDecider,
  toOrganisationView,
  toWorkflowView,
  workflowDecider,
  type LeadState,
} from '@leadline/domain';

export type { LeadState };

export const domainDeciders = {
  lead: { decider: leadDecider },
  workflow: { decider: workflowDecider, toView: toWorkflowView },
  organisation: { decider: organisationDecider, toView: toOrganisationView },
  listViews: { decider: listViewsDecider },
  client: { decider: clientDecider },
} as const;
