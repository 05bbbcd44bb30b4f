// What the organisation decider remembers: its name, settings and default workflow.
import type { OrganisationView } from '../shared/context.js';
import type { OrgId, WorkflowId } from '../shared/ids.js';
import type { FieldLayout, OrganisationSettings } from './events.js';
import type { RetentionPolicy } from './retention.js';

export interface ExistingOrganisationState {
  readonly exists: true;
  readonly orgId: OrgId;
  readonly name: string;
  readonly settings: OrganisationSettings;
  readonly defaultWorkflowId: WorkflowId | null;
  /** The lead page's layout; null until one is set (standard fields, then custom fields, in one section). */
  readonly fieldLayout: FieldLayout | null;
  /** How long lost leads keep their personal data; no policy until one is set. */
  readonly retention: RetentionPolicy;
}

export type OrganisationState = { readonly exists: false } | ExistingOrganisationState;

export const initialOrganisationState: OrganisationState = { exists: false };

/** The part of the organisation a lead decider needs (CommandContext.organisation), or null before creation. */
export const toOrganisationView = (state: OrganisationState): OrganisationView | null =>
  state.exists
    ? {
        orgId: state.orgId,
        settings: state.settings,
        defaultWorkflowId: state.defaultWorkflowId,
        fieldLayout: state.fieldLayout,
      }
    : null;
