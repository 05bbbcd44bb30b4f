import { describe, expect, it } from '@jest/globals';
import { DomainErrorCode, ValidationError } from '../shared/errors.js';
import { ClaimId, ClientId, LeadId, StageId, WorkflowId } from '../shared/ids.js';
import { Permission } from '../shared/permissions.js';
import {
  aContext,
  aCreateLead,
  aLeadCreated,
  aManager,
  anActor,
  aWorkflowView,
  ALICE,
  BOB,
  HOUR_MS,
  LEAD,
  leadSpec,
  NOW,
  sampleCommandsOnALead,
  STAGE,
} from '../testing/index.js';

const { given } = leadSpec;

describe('creating a lead', () => {
  it('normalises contact details and starts in the first open stage of the default workflow', () => {
    given([]).when(aCreateLead(), aContext()).then([aLeadCreated()]);
  });

  it('records the owner, the client link and a keep-both duplicate decision', () => {
    const other = LeadId('lead-0');
    given([])
      .when(aCreateLead({ ownerId: ALICE, clientId: ClientId('c-1'), keepDespiteDuplicates: [other] }), aContext())
      .then([
        aLeadCreated({
          ownerId: ALICE,
          clientId: ClientId('c-1'),
          duplicateDecision: { candidates: [other], choice: 'keep-both' },
        }),
      ]);
  });

  it('starts in a chosen open stage of a chosen workflow', () => {
    const inbound = aWorkflowView({ workflowId: WorkflowId('wf-inbound'), name: 'Inbound' });
    given([])
      .when(
        aCreateLead({ workflowId: inbound.workflowId, stageId: STAGE.contacted }),
        aContext({ workflows: [aWorkflowView(), inbound] }),
      )
      .then([aLeadCreated({ workflowId: inbound.workflowId, stageId: STAGE.contacted })]);
  });

  it('refuses a won or lost stage to start in: conversion and loss have their own commands', () => {
    given([])
      .when(aCreateLead({ stageId: STAGE.converted }), aContext())
      .thenThrows(DomainErrorCode.InvalidTransition, 'stageId', 'must-be-open-stage');
    given([])
      .when(aCreateLead({ stageId: STAGE.lost }), aContext())
      .thenThrows(DomainErrorCode.InvalidTransition, 'stageId');
  });

  it('refuses a stage of no workflow, or a workflow of another organisation', () => {
    given([])
      .when(aCreateLead({ stageId: StageId('NOPE') }), aContext())
      .thenThrows(DomainErrorCode.UnknownStage, 'stageId');
    given([])
      .when(aCreateLead({ workflowId: WorkflowId('wf-x') }), aContext())
      .thenThrows(DomainErrorCode.UnknownWorkflow, 'workflowId');
  });

  it('refuses without a default workflow when none is named', () => {
    const context = aContext();
    const organisation = context.organisation && { ...context.organisation, defaultWorkflowId: null };
    given([])
      .when(aCreateLead(), { ...context, organisation })
      .thenThrows(DomainErrorCode.UnknownWorkflow, 'workflowId', 'default-workflow');
  });

  it('refuses when the organisation is not set up', () => {
    given([])
      .when(aCreateLead(), aContext({ organisation: null }))
      .thenThrows(DomainErrorCode.NotFound, 'orgId');
  });

  it('needs Create Leads, and Manage Leads to give the lead to someone else', () => {
    const noCreate = anActor(ALICE, [Permission.ViewLeads, Permission.EditLeads]);
    given([])
      .when(aCreateLead(), aContext({ actor: noCreate }))
      .thenThrows(DomainErrorCode.PermissionDenied, 'actor', 'requires:CREATE_LEADS');
    const creator = anActor(ALICE, [Permission.CreateLeads]);
    given([])
      .when(aCreateLead({ ownerId: ALICE }), aContext({ actor: creator }))
      .then([aLeadCreated({ ownerId: ALICE })]);
    given([])
      .when(aCreateLead({ ownerId: BOB }), aContext({ actor: creator }))
      .thenThrows(DomainErrorCode.PermissionDenied, 'actor', 'requires:MANAGE_LEADS');
  });

  it('gives a lead created without an owner to its creator when the creator may not manage leads (else the pool)', () => {
    // Someone without Manage Leads cannot see the pool: a pool lead would vanish from them at once.
    given([])
      .when(aCreateLead(), aContext({ actor: anActor(ALICE, [Permission.CreateLeads, Permission.ViewLeads]) }))
      .then([aLeadCreated({ ownerId: ALICE })]);
    given([])
      .when(aCreateLead(), aContext())
      .then([aLeadCreated({ ownerId: null })]);
  });

  it('refuses to create the same lead twice, even a deleted one', () => {
    given([aLeadCreated()]).when(aCreateLead(), aContext()).thenThrows(DomainErrorCode.AlreadyExists, 'leadId');
    given([aLeadCreated(), { type: 'LeadDeleted', data: { leadId: LEAD, reason: null } }])
      .when(aCreateLead(), aContext())
      .thenThrows(DomainErrorCode.AlreadyExists, 'leadId');
  });

  it('refuses invalid details with every issue listed and emits nothing', () => {
    const error = given([])
      .when(
        aCreateLead({ fields: { name: ' ', email: 'not-an-email', source: 'Carrier pigeon', rating: 9 as never } }),
        aContext(),
      )
      .thenThrows(DomainErrorCode.Validation, 'email');
    if (!(error instanceof ValidationError)) throw new Error(`expected a ValidationError, got ${error.name}`);
    const issues = error.issues.map((found) => `${found.field}:${found.rule}`);
    expect(issues).toEqual([
      'email:email-format',
      'name:required',
      'source:known-source',
      'rating:one-of:hot,warm,cold',
    ]);
  });

  it('needs an email or a phone', () => {
    given([])
      .when(aCreateLead({ fields: { name: 'Ada' } }), aContext())
      .thenThrows(DomainErrorCode.Validation, 'email', 'email-or-phone');
  });

  it('takes "Other" when no source is given and the organisation lists it', () => {
    const [event] = given([])
      .when(aCreateLead({ fields: { name: 'Ada', email: 'ada@example.com' } }), aContext())
      .decided();
    expect(event?.type === 'LeadCreated' && event.data.source).toBe('Other');
    given([])
      .when(
        aCreateLead({ fields: { name: 'Ada', email: 'ada@example.com' } }),
        aContext({ settings: { sources: ['Website'] } }),
      )
      .thenThrows(DomainErrorCode.Validation, 'source', 'required');
  });
});

describe('deleting a lead', () => {
  const deleted = { type: 'LeadDeleted', data: { leadId: LEAD, reason: 'Spam' } } as const;

  it('records the deletion with its reason (Manage Leads)', () => {
    given([aLeadCreated()]).when({ type: 'DeleteLead', leadId: LEAD, reason: ' Spam ' }, aContext()).then([deleted]);
    given([aLeadCreated()])
      .when(
        { type: 'DeleteLead', leadId: LEAD },
        aContext({ actor: anActor(ALICE, [Permission.ViewLeads, Permission.EditLeads]) }),
      )
      .thenThrows(DomainErrorCode.PermissionDenied, 'actor');
  });

  it('ends a claim in force first, as released (live) or expired (lapsed)', () => {
    const claimed = {
      type: 'LeadClaimed',
      data: {
        leadId: LEAD,
        claimId: ClaimId('c1'),
        by: ALICE,
        at: NOW.toISOString(),
        expiresAt: '2026-03-03T09:00:00.000Z',
      },
    } as const;
    given([aLeadCreated(), claimed])
      .when({ type: 'DeleteLead', leadId: LEAD, reason: 'Spam' }, aContext())
      .then([{ type: 'ClaimReleased', data: { leadId: LEAD, claimId: ClaimId('c1'), claimedBy: ALICE } }, deleted]);
    given([aLeadCreated(), claimed])
      .when(
        { type: 'DeleteLead', leadId: LEAD, reason: 'Spam' },
        aContext({ now: new Date(Date.parse(claimed.data.expiresAt) + HOUR_MS), actor: aManager() }),
      )
      .then([
        {
          type: 'ClaimExpired',
          data: { leadId: LEAD, claimId: ClaimId('c1'), claimedBy: ALICE, expiresAt: claimed.data.expiresAt },
        },
        deleted,
      ]);
  });

  it('leaves a lead that refuses every command afterwards, with nothing emitted', () => {
    // Erasure alone still reaches a deleted lead: its history holds personal data too (erasure.test.ts).
    const commands = sampleCommandsOnALead().filter((command) => command.type !== 'EraseContact');
    expect(commands).toHaveLength(28);
    for (const command of commands) {
      given([aLeadCreated(), deleted])
        .when(command, aContext({ actor: aManager() }))
        .thenThrows(DomainErrorCode.LeadDeleted, 'leadId');
    }
  });
});
