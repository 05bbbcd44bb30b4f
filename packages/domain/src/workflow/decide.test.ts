import { describe, expect, it } from '@jest/globals';
import { DomainErrorCode } from '../shared/errors.js';
import { StageId, WorkflowId } from '../shared/ids.js';
import { aContext, aManager, anActor, OTHER_ORG, ORG, STAGE, WORKFLOW, workflowSpec } from '../testing/index.js';
import { defaultWorkflowStages } from './defaults.js';
import type { WorkflowEvent } from './events.js';
import { evolveWorkflow } from './evolve.js';
import { initialWorkflowState, toWorkflowView } from './state.js';

const { given } = workflowSpec;
const admin = aContext({ actor: aManager() });
const created: WorkflowEvent = {
  type: 'WorkflowCreated',
  data: { workflowId: WORKFLOW, orgId: ORG, name: 'Sales pipeline', stages: defaultWorkflowStages() },
};
const proposal = { stageId: StageId('PROPOSAL'), name: 'Proposal', category: 'open' } as const;

describe('the default workflow', () => {
  it('has NOT_CONTACTED, CONTACTED, QUALIFIED open, CONVERTED won, LOST lost', () => {
    expect(defaultWorkflowStages().map((s) => `${s.stageId}:${s.category}`)).toEqual([
      'NOT_CONTACTED:open',
      'CONTACTED:open',
      'QUALIFIED:open',
      'CONVERTED:won',
      'LOST:lost',
    ]);
    expect(defaultWorkflowStages({ LOST: StageId('wf2-lost') })[4]?.stageId).toBe('wf2-lost');
  });
});

describe('creating a workflow', () => {
  it("records its ordered stages in the actor's organisation", () => {
    given([])
      .when(
        { type: 'CreateWorkflow', workflowId: WORKFLOW, name: ' Sales pipeline ', stages: defaultWorkflowStages() },
        admin,
      )
      .then([created]);
  });

  it('refuses duplicate stage ids or names, no open stage, blank names, unknown categories', () => {
    const create = (stages: readonly { stageId: StageId; name: string; category: string }[]) =>
      ({ type: 'CreateWorkflow', workflowId: WORKFLOW, name: 'W', stages }) as never;
    given([])
      .when(create([proposal, proposal]), admin)
      .thenThrows(DomainErrorCode.Validation, 'stages', 'distinct-stage-ids');
    given([])
      .when(create([proposal, { ...proposal, stageId: StageId('P2'), name: 'PROPOSAL' }]), admin)
      .thenThrows(DomainErrorCode.Validation, 'stages', 'distinct-stage-names');
    given([])
      .when(create([{ ...proposal, category: 'won' }]), admin)
      .thenThrows(DomainErrorCode.Validation, 'stages', 'open-stage-required');
    given([])
      .when(create([{ ...proposal, name: '' }]), admin)
      .thenThrows(DomainErrorCode.Validation, 'stages.0.name', 'required');
    given([])
      .when(create([{ ...proposal, category: 'maybe' }]), admin)
      .thenThrows(DomainErrorCode.Validation, 'stages.0.category');
  });

  it('needs workflow admin and refuses an existing id', () => {
    given([])
      .when(
        { type: 'CreateWorkflow', workflowId: WORKFLOW, name: 'W', stages: [proposal] },
        aContext({ actor: anActor() }),
      )
      .thenThrows(DomainErrorCode.PermissionDenied, 'actor', 'requires:ADMIN_WORKFLOWS');
    given([created])
      .when({ type: 'CreateWorkflow', workflowId: WORKFLOW, name: 'W', stages: [proposal] }, admin)
      .thenThrows(DomainErrorCode.AlreadyExists, 'workflowId');
  });
});

describe('changing a workflow', () => {
  it('renames it, idempotently', () => {
    given([created])
      .when({ type: 'RenameWorkflow', workflowId: WORKFLOW, name: 'Inbound' }, admin)
      .then([{ type: 'WorkflowRenamed', data: { workflowId: WORKFLOW, name: 'Inbound' } }]);
    given([created])
      .when({ type: 'RenameWorkflow', workflowId: WORKFLOW, name: 'Sales pipeline' }, admin)
      .thenNothing();
  });

  it('adds a stage at a position, or at the end', () => {
    given([created])
      .when({ type: 'AddStage', workflowId: WORKFLOW, stage: proposal, position: 3 }, admin)
      .then([{ type: 'WorkflowStageAdded', data: { workflowId: WORKFLOW, stage: proposal, position: 3 } }]);
    given([created])
      .when({ type: 'AddStage', workflowId: WORKFLOW, stage: proposal }, admin)
      .then([{ type: 'WorkflowStageAdded', data: { workflowId: WORKFLOW, stage: proposal, position: 5 } }]);
    given([created])
      .when({ type: 'AddStage', workflowId: WORKFLOW, stage: proposal, position: 9 }, admin)
      .thenThrows(DomainErrorCode.Validation, 'position');
    given([created])
      .when({ type: 'AddStage', workflowId: WORKFLOW, stage: { ...proposal, name: 'lost' } }, admin)
      .thenThrows(DomainErrorCode.Validation, 'stage', 'distinct-stage-names');
  });

  it('does not give the id of a removed stage to a new one', () => {
    const removed: WorkflowEvent = {
      type: 'WorkflowStageRemoved',
      data: { workflowId: WORKFLOW, stageId: STAGE.contacted, fallbackStageId: STAGE.qualified },
    };
    given([created, removed])
      .when({ type: 'AddStage', workflowId: WORKFLOW, stage: { ...proposal, stageId: STAGE.contacted } }, admin)
      .thenThrows(DomainErrorCode.Validation, 'stage.stageId', 'stage-id-retired');
  });

  it('renames a stage, keeping names distinct', () => {
    given([created])
      .when({ type: 'RenameStage', workflowId: WORKFLOW, stageId: STAGE.contacted, name: 'Reached' }, admin)
      .then([
        { type: 'WorkflowStageRenamed', data: { workflowId: WORKFLOW, stageId: STAGE.contacted, name: 'Reached' } },
      ]);
    given([created])
      .when({ type: 'RenameStage', workflowId: WORKFLOW, stageId: STAGE.contacted, name: 'Qualified' }, admin)
      .thenThrows(DomainErrorCode.Validation, 'name', 'distinct-stage-names');
    given([created])
      .when({ type: 'RenameStage', workflowId: WORKFLOW, stageId: StageId('X'), name: 'Y' }, admin)
      .thenThrows(DomainErrorCode.UnknownStage, 'stageId');
  });

  it('reorders stages by a permutation of them', () => {
    const order = defaultWorkflowStages()
      .map((s) => s.stageId)
      .reverse();
    given([created])
      .when({ type: 'ReorderStages', workflowId: WORKFLOW, order }, admin)
      .then([{ type: 'WorkflowStagesReordered', data: { workflowId: WORKFLOW, order } }]);
    given([created])
      .when({ type: 'ReorderStages', workflowId: WORKFLOW, order: order.slice(1) }, admin)
      .thenThrows(DomainErrorCode.Validation, 'order', 'permutation-of-stages');
    given([created])
      .when({ type: 'ReorderStages', workflowId: WORKFLOW, order: [...order].reverse() }, admin)
      .thenNothing();
  });

  it('removes a stage with a fallback of the same category, keeping an open stage', () => {
    given([created])
      .when(
        { type: 'RemoveStage', workflowId: WORKFLOW, stageId: STAGE.contacted, fallbackStageId: STAGE.qualified },
        admin,
      )
      .then([
        {
          type: 'WorkflowStageRemoved',
          data: { workflowId: WORKFLOW, stageId: STAGE.contacted, fallbackStageId: STAGE.qualified },
        },
      ]);
    given([created])
      .when({ type: 'RemoveStage', workflowId: WORKFLOW, stageId: STAGE.contacted, fallbackStageId: STAGE.lost }, admin)
      .thenThrows(DomainErrorCode.Validation, 'fallbackStageId', 'same-category');
    given([created])
      .when(
        { type: 'RemoveStage', workflowId: WORKFLOW, stageId: STAGE.contacted, fallbackStageId: STAGE.contacted },
        admin,
      )
      .thenThrows(DomainErrorCode.Validation, 'fallbackStageId', 'other-stage');
    const onlyOpen: WorkflowEvent = {
      type: 'WorkflowCreated',
      data: { ...created.data, stages: [proposal, { stageId: STAGE.lost, name: 'Lost', category: 'lost' }] },
    };
    given([onlyOpen])
      .when(
        { type: 'RemoveStage', workflowId: WORKFLOW, stageId: proposal.stageId, fallbackStageId: STAGE.lost },
        admin,
      )
      .thenThrows(DomainErrorCode.Validation);
  });

  it('refuses a workflow of another organisation, or one that does not exist', () => {
    given([created])
      .when(
        { type: 'RenameWorkflow', workflowId: WORKFLOW, name: 'X' },
        aContext({ actor: aManager(), orgId: OTHER_ORG }),
      )
      .thenThrows(DomainErrorCode.WrongOrganisation, 'workflowId');
    given([])
      .when({ type: 'RenameWorkflow', workflowId: WorkflowId('nope'), name: 'X' }, admin)
      .thenThrows(DomainErrorCode.UnknownWorkflow, 'workflowId');
  });

  it('evolves into the view leads are decided with', () => {
    const events: WorkflowEvent[] = [
      created,
      { type: 'WorkflowStageAdded', data: { workflowId: WORKFLOW, stage: proposal, position: 3 } },
      { type: 'WorkflowStageRenamed', data: { workflowId: WORKFLOW, stageId: STAGE.contacted, name: 'Reached' } },
      {
        type: 'WorkflowStageRemoved',
        data: { workflowId: WORKFLOW, stageId: STAGE.notContacted, fallbackStageId: STAGE.contacted },
      },
    ];
    const state = events.reduce(evolveWorkflow, initialWorkflowState);
    expect(toWorkflowView(state)?.stages.map((s) => s.name)).toEqual([
      'Reached',
      'Qualified',
      'Proposal',
      'Converted',
      'Lost',
    ]);
    expect(state.exists && state.fallbacks).toEqual({ NOT_CONTACTED: STAGE.contacted });
    expect(toWorkflowView(initialWorkflowState)).toBeNull();
  });
});
