// Organisation and workflow commands of the facade behind their schemas.
import type { OrganisationCommands } from '../organisations/organisation-commands.js';
import type { WorkflowCommands } from '../workflows/workflow-commands.js';
import { ActorSchema } from './acting.js';
import {
  ChangeSettingsInputSchema,
  CreateOrganisationInputSchema,
  FieldInputSchemas as f,
  SetDefaultWorkflowInputSchema,
  WorkflowCommandInputSchemas as w,
} from './admin-inputs.js';
import { parseInput } from './issues.js';
import { workflowId } from './primitives.js';
import { checked } from './validated-leads.js';

export const parseActor = (actor: unknown) => parseInput(ActorSchema, actor, 'actor');

export function validatedOrganisations(organisations: OrganisationCommands): OrganisationCommands {
  return {
    create: checked(CreateOrganisationInputSchema, (input, acting) => organisations.create(input, acting)),
    changeSettings: checked(ChangeSettingsInputSchema, (input, acting) => organisations.changeSettings(input, acting)),
    setDefaultWorkflow: checked(SetDefaultWorkflowInputSchema, (input, acting) =>
      organisations.setDefaultWorkflow(input, acting),
    ),
    defineField: checked(f.defineField, (input, acting) => organisations.defineField(input, acting)),
    changeField: checked(f.changeField, (input, acting) => organisations.changeField(input, acting)),
    retireField: checked(f.retireField, (input, acting) => organisations.retireField(input, acting)),
    setFieldLayout: checked(f.setFieldLayout, (input, acting) => organisations.setFieldLayout(input, acting)),
    get: async (actor) => organisations.get(parseActor(actor)),
  };
}

export function validatedWorkflows(workflows: WorkflowCommands): WorkflowCommands {
  return {
    create: checked(w.create, (input, acting) => workflows.create(input, acting)),
    rename: checked(w.rename, (input, acting) => workflows.rename(input, acting)),
    addStage: checked(w.addStage, (input, acting) => workflows.addStage(input, acting)),
    renameStage: checked(w.renameStage, (input, acting) => workflows.renameStage(input, acting)),
    reorderStages: checked(w.reorderStages, (input, acting) => workflows.reorderStages(input, acting)),
    removeStage: checked(w.removeStage, (input, acting) => workflows.removeStage(input, acting)),
    get: async (id, actor) => workflows.get(parseInput(workflowId(), id, 'workflowId'), parseActor(actor)),
  };
}
