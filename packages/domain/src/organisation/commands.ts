// What an organisation admin asks of the organisation.
import type { OrgId, WorkflowId } from '../shared/ids.js';
import type { CustomFieldDefinition } from '../shared/values.js';
import type { FieldLayout, OrganisationSettings } from './events.js';
import type { SetRetentionPolicy } from './retention.js';

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

export interface DefineCustomField {
  readonly type: 'DefineCustomField';
  readonly orgId: OrgId;
  readonly field: CustomFieldDefinition;
}

/** Label, required and options may change; a field's key and type never do (its values keep their meaning). */
export interface ChangeCustomField {
  readonly type: 'ChangeCustomField';
  readonly orgId: OrgId;
  readonly key: string;
  readonly changes: Partial<Pick<CustomFieldDefinition, 'label' | 'required' | 'options'>>;
}

export interface RetireCustomField {
  readonly type: 'RetireCustomField';
  readonly orgId: OrgId;
  readonly key: string;
}

export interface SetFieldLayout {
  readonly type: 'SetFieldLayout';
  readonly orgId: OrgId;
  readonly layout: FieldLayout;
}

export type OrganisationCommand =
  | CreateOrganisation
  | ChangeOrganisationSettings
  | SetDefaultWorkflow
  | DefineCustomField
  | ChangeCustomField
  | RetireCustomField
  | SetFieldLayout
  | SetRetentionPolicy;
export type OrganisationCommandType = OrganisationCommand['type'];
