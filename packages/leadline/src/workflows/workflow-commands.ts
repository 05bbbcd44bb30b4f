// Workflow commands: ordered stages, each open, won or lost.
import {
  WorkflowId,
  type Actor,
  type AddStage,
  type CreateWorkflow,
  type RemoveStage,
  type RenameStage,
  type RenameWorkflow,
  type ReorderStages,
  type WorkflowEvent,
  type WorkflowView,
} from '@leadline/domain';
import type { CommandOutcome } from '../commands/command-handler.js';
import { derivedId } from '../commands/idempotency.js';
import type { CommandInput } from '../leads/lead-commands.js';
import type { IdGenerator } from '../runtime/clock.js';
import type { Acting, Dispatcher } from '../runtime/dispatcher.js';

export interface WorkflowCommandResult extends CommandOutcome<WorkflowEvent> {
  readonly workflowId: WorkflowId;
}

export interface WorkflowCommands {
  create(input: CommandInput<CreateWorkflow, 'workflowId'>, acting: Acting): Promise<WorkflowCommandResult>;
  rename(input: CommandInput<RenameWorkflow>, acting: Acting): Promise<WorkflowCommandResult>;
  addStage(input: CommandInput<AddStage>, acting: Acting): Promise<WorkflowCommandResult>;
  renameStage(input: CommandInput<RenameStage>, acting: Acting): Promise<WorkflowCommandResult>;
  reorderStages(input: CommandInput<ReorderStages>, acting: Acting): Promise<WorkflowCommandResult>;
  removeStage(input: CommandInput<RemoveStage>, acting: Acting): Promise<WorkflowCommandResult>;
  /** A workflow of the actor's organisation; null when there is none by that id there (another organisation's is never shown). */
  get(workflowId: WorkflowId, actor: Actor): Promise<WorkflowView | null>;
}

export function createWorkflowCommands(dispatcher: Dispatcher, ids: IdGenerator): WorkflowCommands {
  const run = async (
    command: Parameters<Dispatcher['workflow']>[0],
    acting: Acting,
  ): Promise<WorkflowCommandResult> => ({
    ...(await dispatcher.workflow(command, acting)),
    workflowId: command.workflowId,
  });
  return {
    create: (input, acting) => {
      const workflowId =
        input.workflowId ??
        WorkflowId(
          acting.idempotencyKey === undefined
            ? ids.newId()
            : derivedId(acting.actor.orgId, acting.idempotencyKey, 'workflow'),
        );
      return run({ ...input, type: 'CreateWorkflow', workflowId }, acting);
    },
    rename: (input, acting) => run({ ...input, type: 'RenameWorkflow' }, acting),
    addStage: (input, acting) => run({ ...input, type: 'AddStage' }, acting),
    renameStage: (input, acting) => run({ ...input, type: 'RenameStage' }, acting),
    reorderStages: (input, acting) => run({ ...input, type: 'ReorderStages' }, acting),
    removeStage: (input, acting) => run({ ...input, type: 'RemoveStage' }, acting),
    get: async (workflowId, actor) => {
      const workflow = await dispatcher.context.workflow(workflowId);
      return workflow !== null && workflow.orgId === actor.orgId ? workflow : null;
    },
  };
}
