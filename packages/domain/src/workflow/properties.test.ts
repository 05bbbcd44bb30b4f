// Properties over random workflow edits: a workflow always keeps an open stage, distinct stage ids and
// names, and fallbacks that lead to stages it still has; refusals are typed; decide is deterministic.
import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { isDomainError } from '../shared/errors.js';
import { StageId } from '../shared/ids.js';
import type { StageCategory } from '../shared/values.js';
import { aContext, aManager, WORKFLOW } from '../testing/index.js';
import type { WorkflowCommand } from './commands.js';
import { decideWorkflow } from './decide.js';
import { defaultWorkflowStages } from './defaults.js';
import { evolveWorkflow } from './evolve.js';
import { initialWorkflowState, type WorkflowState } from './state.js';

const ids = fc.constantFrom(...defaultWorkflowStages().map((s) => s.stageId), StageId('PROPOSAL'), StageId('DEMO'));
const names = fc.constantFrom('Proposal', 'Demo', 'contacted', 'Lost', '');
const category = fc.constantFrom<StageCategory>('open', 'won', 'lost');

const command: fc.Arbitrary<WorkflowCommand> = fc.oneof(
  fc
    .record({ stageId: ids, name: names, category, position: fc.option(fc.nat({ max: 7 }), { nil: undefined }) })
    .map(({ position, ...stage }): WorkflowCommand => ({
      type: 'AddStage',
      workflowId: WORKFLOW,
      stage,
      ...(position !== undefined && { position }),
    })),
  fc
    .record({ stageId: ids, name: names })
    .map((c): WorkflowCommand => ({ type: 'RenameStage', workflowId: WORKFLOW, ...c })),
  fc
    .shuffledSubarray([...defaultWorkflowStages().map((s) => s.stageId), StageId('PROPOSAL')])
    .map((order): WorkflowCommand => ({ type: 'ReorderStages', workflowId: WORKFLOW, order })),
  fc
    .record({ stageId: ids, fallbackStageId: ids })
    .map((c): WorkflowCommand => ({ type: 'RemoveStage', workflowId: WORKFLOW, ...c })),
  names.map((name): WorkflowCommand => ({ type: 'RenameWorkflow', workflowId: WORKFLOW, name })),
);

describe('workflow invariants under random edits', () => {
  it('hold after every accepted command', () => {
    const context = aContext({ actor: aManager() });
    fc.assert(
      fc.property(fc.array(command, { maxLength: 30, size: 'max' }), (commands) => {
        let state: WorkflowState = evolveWorkflow(initialWorkflowState, {
          type: 'WorkflowCreated',
          data: { workflowId: WORKFLOW, orgId: context.orgId, name: 'Sales pipeline', stages: defaultWorkflowStages() },
        });
        for (const next of commands) {
          let events;
          try {
            events = decideWorkflow(next, state, context);
          } catch (error) {
            expect(isDomainError(error)).toBe(true);
            continue;
          }
          expect(decideWorkflow(next, state, context)).toEqual(events);
          state = events.reduce(evolveWorkflow, state);
          if (!state.exists) throw new Error('the workflow vanished');
          const stageIds = state.stages.map((s) => s.stageId);
          expect(state.stages.some((s) => s.category === 'open')).toBe(true);
          expect(new Set(stageIds).size).toBe(stageIds.length);
          expect(new Set(state.stages.map((s) => s.name.toLowerCase())).size).toBe(stageIds.length);
          expect(state.stages.every((s) => s.name.trim() !== '')).toBe(true);
          for (const fallback of Object.values(state.fallbacks)) expect(stageIds).toContain(fallback);
        }
      }),
      { numRuns: 150 },
    );
  });
});
