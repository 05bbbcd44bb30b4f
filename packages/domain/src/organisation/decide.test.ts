import { describe, expect, it } from '@jest/globals';
import { DomainErrorCode } from '../shared/errors.js';
import { WorkflowId } from '../shared/ids.js';
import {
  aContext,
  aManager,
  anActor,
  aWorkflowView,
  ORG,
  OTHER_ORG,
  WORKFLOW,
  organisationSpec,
} from '../testing/index.js';
import { defaultOrganisationSettings } from './defaults.js';
import type { OrganisationEvent } from './events.js';
import { evolveOrganisation } from './evolve.js';
import { initialOrganisationState, toOrganisationView } from './state.js';

const { given } = organisationSpec;
const admin = aContext({ actor: aManager(), organisation: null });
const created: OrganisationEvent = {
  type: 'OrganisationCreated',
  data: { orgId: ORG, name: 'Acme', settings: defaultOrganisationSettings },
};

describe('creating an organisation', () => {
  it('starts with a 24 h claim window, the default sources, no custom fields, EUR', () => {
    given([]).when({ type: 'CreateOrganisation', orgId: ORG, name: 'Acme' }, admin).then([created]);
    expect(defaultOrganisationSettings.claimWindowMs).toBe(24 * 60 * 60 * 1000);
    expect(defaultOrganisationSettings.sources).toEqual([
      'Website',
      'Referral',
      'LinkedIn',
      'Cold Call',
      'Email',
      'Event',
      'Other',
    ]);
  });

  it('takes its own settings, tidied', () => {
    given([])
      .when(
        {
          type: 'CreateOrganisation',
          orgId: ORG,
          name: 'Acme',
          settings: { defaultCurrency: 'gbp', defaultCountryCallingCode: '+44', sources: [' Website ', 'Partner'] },
        },
        admin,
      )
      .then([
        {
          type: 'OrganisationCreated',
          data: {
            orgId: ORG,
            name: 'Acme',
            settings: {
              ...defaultOrganisationSettings,
              defaultCurrency: 'GBP',
              defaultCountryCallingCode: '44',
              sources: ['Website', 'Partner'],
            },
          },
        },
      ]);
  });

  it('refuses bad settings', () => {
    const create = (settings: object) => ({ type: 'CreateOrganisation', orgId: ORG, name: 'Acme', settings }) as const;
    given([])
      .when(create({ claimWindowMs: 1000 }), admin)
      .thenThrows(DomainErrorCode.Validation, 'claimWindowMs');
    given([])
      .when(create({ sources: [] }), admin)
      .thenThrows(DomainErrorCode.Validation, 'sources', 'non-empty');
    given([])
      .when(create({ sources: ['Web', 'web'] }), admin)
      .thenThrows(DomainErrorCode.Validation, 'sources', 'distinct');
    given([])
      .when(create({ defaultCurrency: 'euro' }), admin)
      .thenThrows(DomainErrorCode.Validation, 'defaultCurrency');
    given([])
      .when(create({ defaultCountryCallingCode: '4444' }), admin)
      .thenThrows(DomainErrorCode.Validation, 'defaultCountryCallingCode');
    given([])
      .when(create({ customFields: [{ key: 'tier', label: 'Tier', type: 'select' }] }), admin)
      .thenThrows(DomainErrorCode.Validation, 'customFields.0.options');
    given([])
      .when(create({ customFields: [{ key: '1x', label: 'X', type: 'text' }] }), admin)
      .thenThrows(DomainErrorCode.Validation, 'customFields.0.key');
  });

  it('needs organisation admin, in the organisation acted in, once', () => {
    given([])
      .when({ type: 'CreateOrganisation', orgId: ORG, name: 'Acme' }, aContext({ organisation: null }))
      .thenThrows(DomainErrorCode.PermissionDenied, 'actor');
    given([])
      .when({ type: 'CreateOrganisation', orgId: OTHER_ORG, name: 'Acme' }, admin)
      .thenThrows(DomainErrorCode.WrongOrganisation, 'orgId');
    given([created])
      .when({ type: 'CreateOrganisation', orgId: ORG, name: 'Acme' }, admin)
      .thenThrows(DomainErrorCode.AlreadyExists, 'orgId');
  });
});

describe('changing settings and the default workflow', () => {
  it('records only the settings that change', () => {
    given([created])
      .when(
        {
          type: 'ChangeOrganisationSettings',
          orgId: ORG,
          changes: { claimWindowMs: 3_600_000, defaultCurrency: 'EUR' },
        },
        admin,
      )
      .then([{ type: 'OrganisationSettingsChanged', data: { orgId: ORG, changes: { claimWindowMs: 3_600_000 } } }]);
    given([created])
      .when({ type: 'ChangeOrganisationSettings', orgId: ORG, changes: { defaultCurrency: 'eur' } }, admin)
      .thenNothing();
    given([])
      .when({ type: 'ChangeOrganisationSettings', orgId: ORG, changes: {} }, admin)
      .thenThrows(DomainErrorCode.NotFound, 'orgId');
    given([created])
      .when(
        { type: 'ChangeOrganisationSettings', orgId: ORG, changes: { claimWindowMs: 3_600_000 } },
        aContext({ actor: anActor() }),
      )
      .thenThrows(DomainErrorCode.PermissionDenied);
  });

  it('sets the default workflow to a workflow of the organisation', () => {
    const context = aContext({ actor: aManager(), workflows: [aWorkflowView()] });
    given([created])
      .when({ type: 'SetDefaultWorkflow', orgId: ORG, workflowId: WORKFLOW }, context)
      .then([{ type: 'DefaultWorkflowSet', data: { orgId: ORG, workflowId: WORKFLOW, previousWorkflowId: null } }]);
    given([created])
      .when({ type: 'SetDefaultWorkflow', orgId: ORG, workflowId: WorkflowId('wf-x') }, context)
      .thenThrows(DomainErrorCode.UnknownWorkflow, 'workflowId');
    const foreign = aContext({ actor: aManager(), workflows: [aWorkflowView({ orgId: OTHER_ORG })] });
    given([created])
      .when({ type: 'SetDefaultWorkflow', orgId: ORG, workflowId: WORKFLOW }, foreign)
      .thenThrows(DomainErrorCode.UnknownWorkflow);
  });

  it('evolves into the view leads are decided with', () => {
    const events: OrganisationEvent[] = [
      created,
      { type: 'OrganisationSettingsChanged', data: { orgId: ORG, changes: { claimWindowMs: 60_000 } } },
      { type: 'DefaultWorkflowSet', data: { orgId: ORG, workflowId: WORKFLOW, previousWorkflowId: null } },
    ];
    const state = events.reduce(evolveOrganisation, initialOrganisationState);
    expect(toOrganisationView(state)).toEqual({
      orgId: ORG,
      settings: { ...defaultOrganisationSettings, claimWindowMs: 60_000 },
      defaultWorkflowId: WORKFLOW,
      fieldLayout: null,
    });
  });
});
