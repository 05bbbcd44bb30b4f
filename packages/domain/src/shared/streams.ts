// Stream names carry a category prefix so category subscriptions (and EventStoreDB's $ce-) work.
import type { ClientId, LeadId, OrgId, WorkflowId } from './ids.js';

export const StreamCategory = {
  Lead: 'lead',
  Workflow: 'workflow',
  Organisation: 'org',
  /** One stream per organisation holding its saved list views. */
  ListViews: 'listviews',
  Client: 'client',
} as const;
export type StreamCategory = (typeof StreamCategory)[keyof typeof StreamCategory];

export const leadStream = (leadId: LeadId): string => `${StreamCategory.Lead}-${leadId}`;
export const workflowStream = (workflowId: WorkflowId): string => `${StreamCategory.Workflow}-${workflowId}`;
export const organisationStream = (orgId: OrgId): string => `${StreamCategory.Organisation}-${orgId}`;
export const listViewsStream = (orgId: OrgId): string => `${StreamCategory.ListViews}-${orgId}`;
export const clientStream = (clientId: ClientId): string => `${StreamCategory.Client}-${clientId}`;
