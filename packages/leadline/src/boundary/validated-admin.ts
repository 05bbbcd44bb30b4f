// Organisation and workflow commands of the facade behind their schemas.
import type { OrganisationCommands } from '../organisations/organisation-commands.js';
import type { WorkflowCommands } from '../workflows/workflow-commands.js';
import { ActorSchema } from './acting.js';
import {
  ChangeSettingsInputSchema,
  CreateOrganisationInputSchema,
  SetDefaultWorkflowInputSchema,
  WorkflowCommandInputSchemas as w,
} from './admin-inputs.js';
import { parseInput } from './issues.js';
import { workflowId } from './primitives.js';
import { checked } from './validated-leads.js';

export const parseActor = (actor: unknown) => parseInput(ActorSchema, actor, 'actor');

export function validatedOrganisations(organisations: OrganisationCommands): OrganisationCommands {
  return {
    create: checked(CreateOrganisationInputSchema, organisations.create),
    changeSettings: checked(ChangeSettingsInputSchema, organisations.changeSettings),
    setDefaultWorkflow: checked(SetDefaultWorkflowInputSchema, organisations.setDefaultWorkflow),
    get: async (actor) => organisations.get(parseActor(actor)),
  };
}

export function validatedWorkflows(workflows: WorkflowCommands): WorkflowCommands {
  return {
    create: checked(w.create, workflows.create),
    rename: checked(w.rename, workflows.rename),
    addStage: checked(w.addStage, workflows.addStage),
    renameStage: checked(w.renameStage, workflows.renameStage),
    reorderStages: checked(w.reorderStages, workflows.reorderStages),
    removeStage: checked(w.removeStage, workflows.removeStage),
    get: async (id, actor) => workflows.get(parseInput(workflowId(), id, 'workflowId'), parseActor(actor)),
  };
}
