// Test helpers of @leadline/domain, exported as `domainFixtures`.
import { leadDecider } from '../lead/decider';
import { organisationDecider } from '../organisation/decide';
import { workflowDecider } from '../workflow/decide';
import { specFor } from './spec';

export * from './fixtures';
export * from './spec';
export * from './sample-events';

export const leadSpec = specFor(leadDecider);
export const workflowSpec = specFor(workflowDecider);
export const organisationSpec = specFor(organisationDecider);
export * from './sample-commands';
