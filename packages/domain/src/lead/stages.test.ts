import { describe, expect, it } from '@jest/globals';
import { STAGE_REMOVED_REASON } from './stages.js';
import { DomainErrorCode } from '../shared/errors.js';
import { ClientId, StageId } from '../shared/ids.js';
import { Permission } from '../shared/permissions.js';
import { aContext, aLeadCreated, anActor, aWorkflowView, ALICE, LEAD, leadSpec, STAGE } from '../testing/index.js';
import type { Role } from '../shared/values.js';
import type { LeadEvent, StageChanged } from './events.js';

const { given } = leadSpec;
const context = aContext();
const NAMES: Record<string, string> = {
  NOT_CONTACTED: 'Not contacted',
  CONTACTED: 'Contacted',
  QUALIFIED: 'Qualified',
  CONVERTED: 'Converted',
  LOST: 'Lost',
};
const CATEGORY: Record<string, 'open' | 'won' | 'lost'> = { CONVERTED: 'won', LOST: 'lost' };
const moved = (from: StageId, to: StageId, reason: string | null = null): StageChanged => ({
  type: 'StageChanged',
  data: {
    leadId: LEAD,
    workflowId: aLeadCreated().data.workflowId,
    from,
    to,
    fromName: NAMES[from] ?? from,
    toName: NAMES[to] ?? to,
    fromCategory: CATEGORY[from] ?? 'open',
    toCategory: CATEGORY[to] ?? 'open',
    reason,
  },
});
const lost = moved(STAGE.notContacted, STAGE.lost, 'No budget');
const converted: LeadEvent[] = [
  moved(STAGE.notContacted, STAGE.converted),
  { type: 'RolePromoted', data: { leadId: LEAD, from: 'Lead', to: 'Client' } },
  { type: 'ConvertedToClient', data: { leadId: LEAD, clientId: ClientId('client-1'), mode: 'new' } },
];

describe('changing stage', () => {
  it("moves to another stage of the lead's workflow, with an optional reason", () => {
    given([aLeadCreated()])
      .when({ type: 'ChangeStage', leadId: LEAD, stageId: STAGE.contacted }, context)
      .then([moved(STAGE.notContacted, STAGE.contacted)]);
    given([aLeadCreated()])
      .when({ type: 'ChangeStage', leadId: LEAD, stageId: STAGE.qualified, reason: ' Budget confirmed ' }, context)
      .then([moved(STAGE.notContacted, STAGE.qualified, 'Budget confirmed')]);
  });

  it('decides nothing for the stage the lead is in', () => {
    given([aLeadCreated()])
      .when({ type: 'ChangeStage', leadId: LEAD, stageId: STAGE.notContacted }, context)
      .thenNothing();
  });

  it("is refused for a stage outside the lead's workflow", () => {
    given([aLeadCreated()])
      .when({ type: 'ChangeStage', leadId: LEAD, stageId: StageId('PROPOSAL') }, context)
      .thenThrows(DomainErrorCode.UnknownStage, 'stageId');
  });

  it('goes to a won stage only by conversion', () => {
    given([aLeadCreated()])
      .when({ type: 'ChangeStage', leadId: LEAD, stageId: STAGE.converted }, context)
      .thenThrows(DomainErrorCode.InvalidTransition, 'stageId', 'won-by-conversion');
  });

  it('needs a reason to lose a lead, and to take it out of a lost stage', () => {
    given([aLeadCreated()])
      .when({ type: 'ChangeStage', leadId: LEAD, stageId: STAGE.lost }, context)
      .thenThrows(DomainErrorCode.Validation, 'reason', 'required');
    given([aLeadCreated(), lost])
      .when({ type: 'ChangeStage', leadId: LEAD, stageId: STAGE.contacted, reason: '  ' }, context)
      .thenThrows(DomainErrorCode.Validation, 'reason', 'required');
    given([aLeadCreated(), lost])
      .when({ type: 'ChangeStage', leadId: LEAD, stageId: STAGE.contacted, reason: 'They called back' }, context)
      .then([moved(STAGE.lost, STAGE.contacted, 'They called back')]);
  });

  it('bounds the reason', () => {
    given([aLeadCreated()])
      .when({ type: 'ChangeStage', leadId: LEAD, stageId: STAGE.lost, reason: 'x'.repeat(1001) }, context)
      .thenThrows(DomainErrorCode.Validation, 'reason', 'max-length:1000');
  });

  it('is refused once the lead is converted', () => {
    given([aLeadCreated(), ...converted])
      .when({ type: 'ChangeStage', leadId: LEAD, stageId: STAGE.contacted }, context)
      .thenThrows(DomainErrorCode.LeadConverted, 'leadId');
  });

  it('names the stage as recorded when it was renamed or removed since', () => {
    const renamed = aWorkflowView({
      stages: aWorkflowView().stages.filter((stage) => stage.stageId !== STAGE.contacted),
    });
    const events = given([aLeadCreated(), moved(STAGE.notContacted, STAGE.contacted)])
      .when({ type: 'ChangeStage', leadId: LEAD, stageId: STAGE.qualified }, aContext({ workflows: [renamed] }))
      .decided();
    expect(events).toEqual([moved(STAGE.contacted, STAGE.qualified)]);
  });

  it('needs Edit Leads', () => {
    given([aLeadCreated()])
      .when(
        { type: 'ChangeStage', leadId: LEAD, stageId: STAGE.contacted },
        aContext({ actor: anActor(ALICE, [Permission.ViewLeads, Permission.ManageLeads]) }),
      )
      .thenThrows(DomainErrorCode.PermissionDenied, 'actor', 'requires:EDIT_LEADS');
  });
});

describe('losing and reopening', () => {
  it('loses a lead into the first lost stage, with its reason', () => {
    given([aLeadCreated()]).when({ type: 'MarkLeadLost', leadId: LEAD, reason: 'No budget' }, context).then([lost]);
  });

  it('refuses a lost stage that is not lost, a blank reason, and a lead already lost', () => {
    given([aLeadCreated()])
      .when({ type: 'MarkLeadLost', leadId: LEAD, reason: 'x', stageId: STAGE.contacted }, context)
      .thenThrows(DomainErrorCode.InvalidTransition, 'stageId', 'must-be-lost-stage');
    given([aLeadCreated()])
      .when({ type: 'MarkLeadLost', leadId: LEAD, reason: '' }, context)
      .thenThrows(DomainErrorCode.Validation, 'reason', 'required');
    given([aLeadCreated(), lost])
      .when({ type: 'MarkLeadLost', leadId: LEAD, reason: 'again' }, context)
      .thenThrows(DomainErrorCode.InvalidTransition, 'leadId', 'not-lost');
  });

  it('refuses to lose a converted lead', () => {
    given([aLeadCreated(), ...converted])
      .when({ type: 'MarkLeadLost', leadId: LEAD, reason: 'Churned' }, context)
      .thenThrows(DomainErrorCode.LeadConverted);
  });

  it('reopens a lost lead, with a reason, into the first open stage', () => {
    given([aLeadCreated(), lost])
      .when({ type: 'ReopenLead', leadId: LEAD, reason: 'New budget' }, context)
      .then([moved(STAGE.lost, STAGE.notContacted, 'New budget')]);
    given([aLeadCreated(), lost])
      .when({ type: 'ReopenLead', leadId: LEAD, reason: 'New budget', stageId: STAGE.qualified }, context)
      .then([moved(STAGE.lost, STAGE.qualified, 'New budget')]);
  });

  it('refuses to reopen without a reason, a lead that is not lost, or into a closed stage', () => {
    given([aLeadCreated(), lost])
      .when({ type: 'ReopenLead', leadId: LEAD, reason: ' ' }, context)
      .thenThrows(DomainErrorCode.Validation, 'reason', 'required');
    given([aLeadCreated()])
      .when({ type: 'ReopenLead', leadId: LEAD, reason: 'why' }, context)
      .thenThrows(DomainErrorCode.InvalidTransition, 'leadId', 'must-be-lost');
    given([aLeadCreated(), lost])
      .when({ type: 'ReopenLead', leadId: LEAD, reason: 'why', stageId: STAGE.lost }, context)
      .thenThrows(DomainErrorCode.InvalidTransition, 'stageId', 'must-be-open-stage');
  });

  it('is refused in a workflow without a lost stage', () => {
    const noLost = aWorkflowView({ stages: aWorkflowView().stages.filter((stage) => stage.category !== 'lost') });
    given([aLeadCreated()])
      .when({ type: 'MarkLeadLost', leadId: LEAD, reason: 'x' }, aContext({ workflows: [noLost] }))
      .thenThrows(DomainErrorCode.UnknownStage, 'stageId', 'workflow-has-lost-stage');
  });
});

describe('roles and conversion', () => {
  const promote = (to: 'Lead' | 'Prospect' | 'Client') => ({ type: 'PromoteRole', leadId: LEAD, to }) as const;
  const prospect: LeadEvent = { type: 'RolePromoted', data: { leadId: LEAD, from: 'Lead', to: 'Prospect' } };

  it('promotes a Lead to Prospect, and decides nothing for the same role', () => {
    given([aLeadCreated()]).when(promote('Prospect'), context).then([prospect]);
    given([aLeadCreated(), prospect]).when(promote('Prospect'), context).thenNothing();
  });

  it('never moves a role back', () => {
    given([aLeadCreated(), prospect])
      .when(promote('Lead'), context)
      .thenThrows(DomainErrorCode.RoleRegression, 'to', 'forward-only');
    given([aLeadCreated(), ...converted])
      .when(promote('Prospect'), context)
      .thenThrows(DomainErrorCode.RoleRegression, 'to');
  });

  it('refuses a role or a conversion mode that does not exist', () => {
    given([aLeadCreated()])
      .when({ type: 'PromoteRole', leadId: LEAD, to: 'Partner' as Role }, context)
      .thenThrows(DomainErrorCode.Validation, 'to', 'known-role');
    given([aLeadCreated()])
      .when({ type: 'ConvertToClient', leadId: LEAD, clientId: ClientId('c'), mode: 'maybe' as 'new' }, context)
      .thenThrows(DomainErrorCode.Validation, 'mode', 'new-or-merged');
  });

  it('makes a Client only by conversion', () => {
    given([aLeadCreated()])
      .when(promote('Client'), context)
      .thenThrows(DomainErrorCode.InvalidTransition, 'to', 'client-by-conversion');
  });

  it('converts: won stage, Client role, and the client, at once', () => {
    given([aLeadCreated()])
      .when({ type: 'ConvertToClient', leadId: LEAD, clientId: ClientId('client-1'), mode: 'new' }, context)
      .then(converted);
  });

  it('converts a Prospect into an existing client, promoting from Prospect', () => {
    given([aLeadCreated(), prospect])
      .when({ type: 'ConvertToClient', leadId: LEAD, clientId: ClientId('client-9'), mode: 'merged' }, context)
      .then([
        moved(STAGE.notContacted, STAGE.converted),
        { type: 'RolePromoted', data: { leadId: LEAD, from: 'Prospect', to: 'Client' } },
        { type: 'ConvertedToClient', data: { leadId: LEAD, clientId: ClientId('client-9'), mode: 'merged' } },
      ]);
  });

  it('refuses to convert twice, to convert a lost lead, or into a stage that is not won', () => {
    const convert = { type: 'ConvertToClient', leadId: LEAD, clientId: ClientId('client-1'), mode: 'new' } as const;
    given([aLeadCreated(), ...converted])
      .when(convert, context)
      .thenThrows(DomainErrorCode.LeadConverted, 'leadId');
    given([aLeadCreated(), lost])
      .when(convert, context)
      .thenThrows(DomainErrorCode.InvalidTransition, 'leadId', 'not-lost');
    given([aLeadCreated()])
      .when({ ...convert, stageId: STAGE.qualified }, context)
      .thenThrows(DomainErrorCode.InvalidTransition, 'stageId', 'must-be-won-stage');
  });

  it('links to a client, idempotently, but not away from the client it was converted to', () => {
    const link = { type: 'LinkToClient', leadId: LEAD, clientId: ClientId('client-2') } as const;
    given([aLeadCreated()])
      .when(link, context)
      .then([{ type: 'LinkedToClient', data: { leadId: LEAD, clientId: ClientId('client-2') } }]);
    given([aLeadCreated({ clientId: ClientId('client-2') })])
      .when(link, context)
      .thenNothing();
    given([aLeadCreated(), ...converted])
      .when(link, context)
      .thenThrows(DomainErrorCode.LeadConverted, 'leadId');
  });
});

describe('moving a lead out of a removed stage', () => {
  // The default workflow without "Not contacted", as it stands after that stage's removal.
  const withoutNotContacted = aContext({
    workflows: [aWorkflowView({ stages: aWorkflowView().stages.filter((s) => s.stageId !== STAGE.notContacted) })],
  });
  const moveOut = {
    type: 'MoveOutOfRemovedStage',
    leadId: LEAD,
    stageId: STAGE.notContacted,
    fallbackStageId: STAGE.contacted,
  } as const;

  it('moves the lead to the fallback with the reason "stage removed"', () => {
    // The removed stage's name is gone from the workflow; the lead has none recorded, so its id stands in.
    const relocated = moved(STAGE.notContacted, STAGE.contacted, STAGE_REMOVED_REASON);
    given([aLeadCreated()])
      .when(moveOut, withoutNotContacted)
      .then([{ ...relocated, data: { ...relocated.data, fromName: STAGE.notContacted } }]);
  });

  it('decides nothing for a lead no longer in the removed stage (a second delivery)', () => {
    given([aLeadCreated(), moved(STAGE.notContacted, STAGE.contacted, STAGE_REMOVED_REASON)])
      .when(moveOut, withoutNotContacted)
      .thenNothing();
  });

  it('moves a converted lead too, keeping it in a won stage', () => {
    const stages = aWorkflowView().stages;
    const won = { stageId: StageId('SIGNED'), name: 'Signed', category: 'won' as const };
    const workflow = aWorkflowView({ stages: [...stages.filter((s) => s.stageId !== STAGE.converted), won] });
    given([aLeadCreated(), ...converted])
      .when(
        { type: 'MoveOutOfRemovedStage', leadId: LEAD, stageId: STAGE.converted, fallbackStageId: won.stageId },
        aContext({ workflows: [workflow] }),
      )
      .then([
        {
          type: 'StageChanged',
          data: {
            ...moved(STAGE.converted, won.stageId, STAGE_REMOVED_REASON).data,
            toName: 'Signed',
            fromCategory: 'won',
            toCategory: 'won',
          },
        },
      ]);
  });

  it('is refused while the stage is still part of the workflow', () => {
    given([aLeadCreated()])
      .when(moveOut, context)
      .thenThrows(DomainErrorCode.InvalidTransition, 'stageId', 'stage-removed');
  });

  it('is refused for a fallback of another category', () => {
    given([aLeadCreated()])
      .when({ ...moveOut, fallbackStageId: STAGE.lost }, withoutNotContacted)
      .thenThrows(DomainErrorCode.InvalidTransition, 'fallbackStageId', 'same-category');
  });

  it('is refused without the Edit Leads permission', () => {
    given([aLeadCreated()])
      .when(
        moveOut,
        aContext({
          workflows: [...withoutNotContacted.workflows.values()],
          actor: anActor(ALICE, [Permission.ViewAllLeads]),
        }),
      )
      .thenThrows(DomainErrorCode.PermissionDenied);
  });
});
