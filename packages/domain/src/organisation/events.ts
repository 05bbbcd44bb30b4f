// The organisation's event catalogue: its settings and its default workflow.
import type { OrgId, WorkflowId } from '../shared/ids.js';
import type { CustomFieldDefinition } from '../shared/values.js';
import type { RetentionPolicySet } from './retention.js';

export interface OrganisationSettings {
  /** How long a claim holds, in milliseconds (24 h unless set). */
  readonly claimWindowMs: number;
  /** The sources a lead may come from. */
  readonly sources: readonly string[];
  readonly customFields: readonly CustomFieldDefinition[];
  /** The currency estimated values default to (ISO 4217). */
  readonly defaultCurrency: string;
  /**
   * The country calling code (digits, e.g. `44`) national phone numbers are read with. Absent: every phone
   * must be given in international form (`+…` or `00…`).
   */
  readonly defaultCountryCallingCode?: string | null;
}

export interface OrganisationCreated {
  readonly type: 'OrganisationCreated';
  readonly data: {
    readonly orgId: OrgId;
    readonly name: string;
    readonly settings: OrganisationSettings;
  };
}

export interface OrganisationSettingsChanged {
  readonly type: 'OrganisationSettingsChanged';
  readonly data: {
    readonly orgId: OrgId;
    /** Only the settings that changed. */
    readonly changes: Partial<OrganisationSettings>;
  };
}

export interface DefaultWorkflowSet {
  readonly type: 'DefaultWorkflowSet';
  readonly data: {
    readonly orgId: OrgId;
    readonly workflowId: WorkflowId;
    readonly previousWorkflowId: WorkflowId | null;
  };
}

/** The lead page of the organisation: sections of fields in order, and the standard fields hidden. */
export interface FieldLayout {
  /** Fields are standard field keys (`name`, `email`, … see STANDARD_FIELDS) or custom field keys. */
  readonly sections: readonly { readonly name: string; readonly fields: readonly string[] }[];
  /** Fields not shown; never a required one. */
  readonly hidden: readonly string[];
}

export interface CustomFieldDefined {
  readonly type: 'CustomFieldDefined';
  readonly data: { readonly orgId: OrgId; readonly field: CustomFieldDefinition };
}

export interface CustomFieldChanged {
  readonly type: 'CustomFieldChanged';
  readonly data: {
    readonly orgId: OrgId;
    readonly key: string;
    /** Only what changed: label, required, options. */
    readonly changes: Partial<Pick<CustomFieldDefinition, 'label' | 'required' | 'options'>>;
  };
}

export interface CustomFieldRetired {
  readonly type: 'CustomFieldRetired';
  readonly data: { readonly orgId: OrgId; readonly key: string };
}

export interface FieldLayoutSet {
  readonly type: 'FieldLayoutSet';
  readonly data: { readonly orgId: OrgId; readonly layout: FieldLayout };
}

export type OrganisationEvent =
  | OrganisationCreated
  | OrganisationSettingsChanged
  | DefaultWorkflowSet
  | CustomFieldDefined
  | CustomFieldChanged
  | CustomFieldRetired
  | FieldLayoutSet
  | RetentionPolicySet;
export type OrganisationEventType = OrganisationEvent['type'];
