// At least one event of every type in the catalogue (both sides of merges): the type below makes a new
// event type without a sample fail to compile. Used for JSON round trips and "evolve handles every type".
import type { EventOfType, LeadlineEvent, LeadlineEventType } from '../events.js';
import { ClaimId, ClientId, EmailId, JourneyStepId, LeadId, MergeId, NoteId, WorkflowId } from '../shared/ids.js';
import { defaultOrganisationSettings } from '../organisation/defaults.js';
import { defaultWorkflowStages } from '../workflow/defaults.js';
import { ALICE, BOB, LEAD, ORG, STAGE, WORKFLOW, aLeadCreated } from './fixtures.js';

const details = aLeadCreated().data;
const leadDetails = {
  name: details.name,
  email: details.email,
  phone: details.phone,
  company: 'Analytical Engines Ltd',
  source: details.source,
  notes: 'Met at the Royal Society.',
  rating: 'warm' as const,
  estimatedValue: { amountMinor: 1_250_000, currency: 'GBP' },
  expectedSaleDate: '2026-06-30',
  customFields: { employees: 12, newsletter: true },
};
const MERGE = MergeId('merge-1');
const OTHER = LeadId('lead-2');
const EMAIL = EmailId('email-1');

export const SAMPLE_EVENTS: { readonly [T in LeadlineEventType]: readonly EventOfType<T>[] } = {
  LeadCreated: [aLeadCreated({ ...leadDetails, duplicateDecision: { candidates: [OTHER], choice: 'keep-both' } })],
  LeadDetailsUpdated: [
    {
      type: 'LeadDetailsUpdated',
      data: {
        leadId: LEAD,
        changes: { company: 'Engines plc', rating: 'hot' as const },
        customFields: { employees: 14, newsletter: null },
      },
    },
  ],
  StageChanged: [
    {
      type: 'StageChanged',
      data: {
        leadId: LEAD,
        workflowId: WORKFLOW,
        from: STAGE.notContacted,
        to: STAGE.lost,
        fromName: 'Not contacted',
        toName: 'Lost',
        fromCategory: 'open',
        toCategory: 'lost',
        reason: 'Chose a competitor',
      },
    },
  ],
  NextCallScheduled: [
    { type: 'NextCallScheduled', data: { leadId: LEAD, at: '2026-03-03T10:00:00.000Z', note: 'Ask about the budget' } },
  ],
  NoteLogged: [
    {
      type: 'NoteLogged',
      data: { leadId: LEAD, noteId: NoteId('note-1'), text: 'Called, left a message', outcome: 'LEFT_VOICEMAIL' },
    },
  ],
  JourneyStepRecorded: [
    {
      type: 'JourneyStepRecorded',
      data: { leadId: LEAD, stepId: JourneyStepId('step-1'), label: 'Demo given', description: null },
    },
  ],
  LeadAssigned: [
    {
      type: 'LeadAssigned',
      data: { leadId: LEAD, ownerId: BOB, previousOwnerId: ALICE, via: 'transfer', ruleId: null },
    },
  ],
  LeadUnassigned: [{ type: 'LeadUnassigned', data: { leadId: LEAD, previousOwnerId: BOB } }],
  LeadClaimed: [
    {
      type: 'LeadClaimed',
      data: {
        leadId: LEAD,
        claimId: ClaimId('claim-1'),
        by: ALICE,
        at: '2026-03-02T09:00:00.000Z',
        expiresAt: '2026-03-03T09:00:00.000Z',
      },
    },
  ],
  ClaimReleased: [{ type: 'ClaimReleased', data: { leadId: LEAD, claimId: ClaimId('claim-1'), claimedBy: ALICE } }],
  ClaimExpired: [
    {
      type: 'ClaimExpired',
      data: { leadId: LEAD, claimId: ClaimId('claim-1'), claimedBy: ALICE, expiresAt: '2026-03-03T09:00:00.000Z' },
    },
  ],
  RolePromoted: [{ type: 'RolePromoted', data: { leadId: LEAD, from: 'Lead', to: 'Prospect' } }],
  ConvertedToClient: [
    { type: 'ConvertedToClient', data: { leadId: LEAD, clientId: ClientId('client-1'), mode: 'new' } },
  ],
  LinkedToClient: [{ type: 'LinkedToClient', data: { leadId: LEAD, clientId: ClientId('client-1') } }],
  LeadMerged: [
    {
      type: 'LeadMerged',
      data: {
        leadId: LEAD,
        mergeId: MERGE,
        side: 'survivor',
        absorbedLeadIds: [OTHER],
        before: leadDetails,
        after: { ...leadDetails, company: 'Engines plc' },
      },
    },
    { type: 'LeadMerged', data: { leadId: OTHER, mergeId: MERGE, side: 'absorbed', survivorId: LEAD } },
  ],
  LeadUnmerged: [
    {
      type: 'LeadUnmerged',
      data: { leadId: LEAD, mergeId: MERGE, side: 'survivor', restoredLeadIds: [OTHER], restored: leadDetails },
    },
    { type: 'LeadUnmerged', data: { leadId: OTHER, mergeId: MERGE, side: 'absorbed', survivorId: LEAD } },
  ],
  LeadDeleted: [{ type: 'LeadDeleted', data: { leadId: LEAD, reason: 'Test entry' } }],
  LeadOpened: [{ type: 'LeadOpened', data: { leadId: LEAD, by: ALICE } }],
  ContactErased: [
    { type: 'ContactErased', data: { leadId: LEAD, reason: 'Asked to be forgotten', trigger: 'request' } },
  ],
  EmailQueued: [
    {
      type: 'EmailQueued',
      data: {
        leadId: LEAD,
        emailId: EMAIL,
        messageId: '<email-1@leadline.test>',
        to: 'ada@example.com',
        subject: 'Hello Ada',
        body: 'Dear Ada of Analytical Engines Ltd',
      },
    },
  ],
  EmailSendAttempted: [{ type: 'EmailSendAttempted', data: { leadId: LEAD, emailId: EMAIL, attempt: 1 } }],
  EmailSent: [
    { type: 'EmailSent', data: { leadId: LEAD, emailId: EMAIL, messageId: '<email-1@leadline.test>', attempt: 2 } },
  ],
  EmailSendFailed: [
    {
      type: 'EmailSendFailed',
      data: { leadId: LEAD, emailId: EMAIL, attempt: 1, error: '421 try later', retryAt: '2026-01-05T09:01:00.000Z' },
    },
  ],
  EmailOptedOut: [{ type: 'EmailOptedOut', data: { leadId: LEAD, reason: 'Asked by phone' } }],
  WorkflowCreated: [
    {
      type: 'WorkflowCreated',
      data: { workflowId: WORKFLOW, orgId: ORG, name: 'Sales pipeline', stages: defaultWorkflowStages() },
    },
  ],
  WorkflowRenamed: [{ type: 'WorkflowRenamed', data: { workflowId: WORKFLOW, name: 'Inbound' } }],
  WorkflowStageAdded: [
    {
      type: 'WorkflowStageAdded',
      data: {
        workflowId: WORKFLOW,
        stage: { stageId: STAGE.qualified, name: 'Proposal', category: 'open' },
        position: 3,
      },
    },
  ],
  WorkflowStageRenamed: [
    { type: 'WorkflowStageRenamed', data: { workflowId: WORKFLOW, stageId: STAGE.contacted, name: 'Reached' } },
  ],
  WorkflowStagesReordered: [
    {
      type: 'WorkflowStagesReordered',
      data: {
        workflowId: WORKFLOW,
        order: defaultWorkflowStages()
          .map((s) => s.stageId)
          .reverse(),
      },
    },
  ],
  WorkflowStageRemoved: [
    {
      type: 'WorkflowStageRemoved',
      data: { workflowId: WORKFLOW, stageId: STAGE.contacted, fallbackStageId: STAGE.notContacted },
    },
  ],
  OrganisationCreated: [
    { type: 'OrganisationCreated', data: { orgId: ORG, name: 'Acme', settings: defaultOrganisationSettings } },
  ],
  OrganisationSettingsChanged: [
    {
      type: 'OrganisationSettingsChanged',
      data: { orgId: ORG, changes: { claimWindowMs: 3_600_000, defaultCountryCallingCode: '44' } },
    },
  ],
  DefaultWorkflowSet: [
    {
      type: 'DefaultWorkflowSet',
      data: { orgId: ORG, workflowId: WorkflowId('wf-inbound'), previousWorkflowId: WORKFLOW },
    },
  ],
  CustomFieldDefined: [
    {
      type: 'CustomFieldDefined',
      data: {
        orgId: ORG,
        field: { key: 'channels', label: 'Channels', type: 'multiselect', options: ['Email', 'Phone'], required: true },
      },
    },
  ],
  CustomFieldChanged: [
    { type: 'CustomFieldChanged', data: { orgId: ORG, key: 'channels', changes: { label: 'Preferred channels' } } },
  ],
  CustomFieldRetired: [{ type: 'CustomFieldRetired', data: { orgId: ORG, key: 'channels' } }],
  FieldLayoutSet: [
    {
      type: 'FieldLayoutSet',
      data: {
        orgId: ORG,
        layout: { sections: [{ name: 'Deal', fields: ['estimatedValue', 'expectedSaleDate'] }], hidden: ['notes'] },
      },
    },
  ],
  RetentionPolicySet: [
    {
      type: 'RetentionPolicySet',
      data: { orgId: ORG, policy: { lostLeadsAfterMonths: 24 }, previous: { lostLeadsAfterMonths: null } },
    },
  ],
  ListViewCreated: [
    {
      type: 'ListViewCreated',
      data: {
        orgId: ORG,
        viewId: 'view-hot',
        createdBy: ALICE,
        name: 'Hot leads',
        columns: ['name', 'email', 'phone', 'rating'],
        sort: [{ field: 'rating', direction: 'desc' }],
        filters: [{ field: 'created', op: 'inLastDays', value: 30 }],
        visibility: 'private',
      },
    },
  ],
  ListViewChanged: [
    { type: 'ListViewChanged', data: { orgId: ORG, viewId: 'view-hot', changes: { name: 'Hot this month' } } },
  ],
  ListViewDeleted: [{ type: 'ListViewDeleted', data: { orgId: ORG, viewId: 'view-hot' } }],
  ClientCreated: [
    {
      type: 'ClientCreated',
      data: {
        clientId: ClientId('client-ada'),
        orgId: ORG,
        name: details.name,
        email: details.email,
        phone: details.phone,
        company: 'Analytical Engines Ltd',
        origin: 'conversion',
        fromLeadId: LEAD,
      },
    },
  ],
  ClientUpdated: [
    {
      type: 'ClientUpdated',
      data: { clientId: ClientId('client-ada'), changes: { company: 'Engines plc', email: null } },
    },
  ],
  ClientErased: [
    {
      type: 'ClientErased',
      data: { clientId: ClientId('client-ada'), reason: 'Asked to be forgotten', trigger: 'request' },
    },
  ],
};

export const ALL_SAMPLE_EVENTS: readonly LeadlineEvent[] = Object.values(SAMPLE_EVENTS).flat();
