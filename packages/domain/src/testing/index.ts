// @leadline/domain/testing: given/when/then specifications of the deciders (specFor) and fixtures. Framework-free.
import { clientDecider } from '../client/decide.js';
import { leadDecider } from '../lead/decider.js';
import { organisationDecider } from '../organisation/decide.js';
import { workflowDecider } from '../workflow/decide.js';
import { specFor } from './spec.js';

export * from './fixtures.js';
export * from './spec.js';
export * from './sample-events.js';

export const leadSpec = specFor(leadDecider);
export const workflowSpec = specFor(workflowDecider);
export const organisationSpec = specFor(organisationDecider);
export const clientSpec = specFor(clientDecider);
export * from './sample-commands.js';
