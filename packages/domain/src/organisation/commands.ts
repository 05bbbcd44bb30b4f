// What an organisation admin asks of the organisation.
import type { OrgId, WorkflowId } from '../shared/ids.js';
import type { OrganisationSettings } from './events.js';

export interface CreateOrganisation {
  readonly type: 'CreateOrganisation';
  readonly orgId: OrgId;
  readonly name: string;
  /** Defaults: claim window 24 h, the default sources, no custom fields, EUR. */
  readonly settings?: Partial<OrganisationSettings>;
}

export interface ChangeOrganisationSettings {
  readonly type: 'ChangeOrganisationSettings';
  readonly orgId: OrgId;
  readonly changes: Partial<OrganisationSettings>;
}

export interface SetDefaultWorkflow {
  readonly type: 'SetDefaultWorkflow';
  readonly orgId: OrgId;
  readonly workflowId: WorkflowId;
}

export type OrganisationCommand = CreateOrganisation | ChangeOrganisationSettings | SetDefaultWorkflow;
export type OrganisationCommandType = OrganisationCommand['type'];
