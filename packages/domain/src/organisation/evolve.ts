// How each organisation event changes the organisation decider's state.
import { match } from 'ts-pattern';
import { defaultOrganisationSettings } from './defaults.js';
import type { CustomFieldDefinition } from '../shared/values.js';
import type { OrganisationEvent } from './events.js';
import type { OrganisationState } from './state.js';
import { NO_RETENTION_POLICY } from './retention.js';

export const evolveOrganisation = (state: OrganisationState, event: OrganisationEvent): OrganisationState =>
  match(event)
    .returnType<OrganisationState>()
    .with({ type: 'OrganisationCreated' }, ({ data }) =>
      state.exists
        ? state
        : // Settings added to the type later are filled from today's defaults when an old event lacks them.
          {
            exists: true,
            orgId: data.orgId,
            name: data.name,
            settings: { ...defaultOrganisationSettings, ...data.settings },
            defaultWorkflowId: null,
            fieldLayout: null,
            retention: NO_RETENTION_POLICY,
          },
    )
    .with({ type: 'OrganisationSettingsChanged' }, ({ data }) =>
      state.exists ? { ...state, settings: { ...state.settings, ...data.changes } } : state,
    )
    .with({ type: 'DefaultWorkflowSet' }, ({ data }) =>
      state.exists ? { ...state, defaultWorkflowId: data.workflowId } : state,
    )
    .with({ type: 'CustomFieldDefined' }, ({ data }) =>
      withFields(state, (fields) => [...fields.filter((field) => field.key !== data.field.key), data.field]),
    )
    .with({ type: 'CustomFieldChanged' }, ({ data }) =>
      withFields(state, (fields) =>
        fields.map((field) => (field.key === data.key ? { ...field, ...data.changes } : field)),
      ),
    )
    .with({ type: 'CustomFieldRetired' }, ({ data }) =>
      withFields(state, (fields) =>
        fields.map((field) => (field.key === data.key ? { ...field, retired: true } : field)),
      ),
    )
    .with({ type: 'FieldLayoutSet' }, ({ data }) => (state.exists ? { ...state, fieldLayout: data.layout } : state))
    .with({ type: 'RetentionPolicySet' }, ({ data }) => (state.exists ? { ...state, retention: data.policy } : state))
    .exhaustive();

const withFields = (
  state: OrganisationState,
  change: (fields: readonly CustomFieldDefinition[]) => readonly CustomFieldDefinition[],
): OrganisationState =>
  state.exists
    ? { ...state, settings: { ...state.settings, customFields: change(state.settings.customFields) } }
    : state;
