// The organisation, its settings and assignment rules, and its workflows and their stages.
import { WorkflowId } from '@leadline/domain';
import {
  AssignmentRulesSchema,
  ChangeSettingsInputSchema,
  CreateOrganisationInputSchema,
  SetDefaultWorkflowInputSchema,
  FieldInputSchemas,
  WorkflowCommandInputSchemas as w,
} from 'leadline';
import * as z from 'zod';
import { command, read, type Route } from './route.js';

/** An instant as JSON carries it (ISO 8601 with a zone), handed to the facade as a Date. */
const instant = () =>
  z.iso
    .datetime({ offset: true })
    .transform((value) => new Date(value))
    .optional();

/** The rules to try and, optionally, the period of past leads to try them on. */
export const SimulationRequestSchema = z.strictObject({
  rules: AssignmentRulesSchema,
  from: instant(),
  to: instant(),
});

export const ADMIN_ROUTES: readonly Route[] = [
  command({
    method: 'POST',
    path: '/organisations',
    entry: 'organisations.create',
    summary: 'Create an organisation with its settings and a default workflow.',
    schema: CreateOrganisationInputSchema,
    status: 201,
    run: (leadline, input, acting) => leadline.organisations.create(input, acting),
  }),
  read({
    path: '/organisation',
    entry: 'organisations.get',
    summary: "The actor's organisation: name, settings, default workflow.",
    subject: 'organisation',
    run: ({ leadline, actor }) => leadline.organisations.get(actor),
  }),
  command({
    method: 'PATCH',
    path: '/organisation/settings',
    entry: 'organisations.changeSettings',
    summary: 'Change settings: claim window, sources, custom fields, currency, calling code.',
    schema: ChangeSettingsInputSchema,
    run: (leadline, input, acting) => leadline.organisations.changeSettings(input, acting),
  }),
  command({
    method: 'POST',
    path: '/organisation/fields',
    entry: 'organisations.defineField',
    summary: 'Define a custom lead field (text, number, boolean, date, select, multiselect; required or not).',
    schema: FieldInputSchemas.defineField,
    status: 201,
    run: (leadline, input, acting) => leadline.organisations.defineField(input, acting),
  }),
  command({
    method: 'PATCH',
    path: '/organisation/fields/:key',
    entry: 'organisations.changeField',
    summary: "Change a custom field's label, requiredness or options (never its key or type).",
    schema: FieldInputSchemas.changeField,
    run: (leadline, input, acting) => leadline.organisations.changeField(input, acting),
  }),
  command({
    method: 'DELETE',
    path: '/organisation/fields/:key',
    entry: 'organisations.retireField',
    summary: 'Retire a custom field: no new values, no longer required; leads keep theirs.',
    schema: FieldInputSchemas.retireField,
    run: (leadline, input, acting) => leadline.organisations.retireField(input, acting),
  }),
  command({
    method: 'PUT',
    path: '/organisation/field-layout',
    entry: 'organisations.setFieldLayout',
    summary: 'Set the lead page layout: sections of fields in order, optional fields hidden.',
    schema: FieldInputSchemas.setFieldLayout,
    run: (leadline, input, acting) => leadline.organisations.setFieldLayout(input, acting),
  }),
  command({
    method: 'PUT',
    path: '/organisation/default-workflow',
    entry: 'organisations.setDefaultWorkflow',
    summary: 'Choose the workflow new leads start in.',
    schema: SetDefaultWorkflowInputSchema,
    run: (leadline, input, acting) => leadline.organisations.setDefaultWorkflow(input, acting),
  }),
  read({
    path: '/organisation/assignment-rules',
    entry: 'intake.rules.get',
    summary: "The organisation's assignment rules.",
    subject: 'organisation',
    run: ({ leadline, actor }) => leadline.intake.rules.get(actor),
  }),
  command({
    method: 'PUT',
    path: '/organisation/assignment-rules',
    entry: 'intake.rules.set',
    summary: 'Replace the assignment rules (checked whole first).',
    schema: AssignmentRulesSchema,
    status: 204,
    run: (leadline, input, acting) => leadline.intake.rules.set(input, acting),
  }),
  command({
    method: 'POST',
    path: '/organisation/assignment-rules/simulation',
    entry: 'intake.rules.simulate',
    summary: 'Who would have got which past lead under these rules; writes nothing.',
    schema: SimulationRequestSchema,
    run: (leadline, { rules, from, to }, acting) =>
      leadline.intake.rules.simulate(rules, acting, {
        ...(from === undefined ? {} : { from }),
        ...(to === undefined ? {} : { to }),
      }),
  }),
  command({
    method: 'POST',
    path: '/workflows',
    entry: 'workflows.create',
    summary: 'Create a workflow with its ordered stages (each open, won or lost).',
    schema: w.create,
    status: 201,
    run: (leadline, input, acting) => leadline.workflows.create(input, acting),
  }),
  read({
    path: '/workflows/:workflowId',
    entry: 'workflows.get',
    summary: 'A workflow and its stages.',
    subject: 'workflow',
    run: ({ leadline, actor, params }) => leadline.workflows.get(WorkflowId(params['workflowId'] ?? ''), actor),
  }),
  command({
    method: 'PATCH',
    path: '/workflows/:workflowId',
    entry: 'workflows.rename',
    summary: 'Rename a workflow.',
    schema: w.rename,
    run: (leadline, input, acting) => leadline.workflows.rename(input, acting),
  }),
  command({
    method: 'POST',
    path: '/workflows/:workflowId/stages',
    entry: 'workflows.addStage',
    summary: 'Add a stage, at a position or last.',
    schema: w.addStage,
    status: 201,
    run: (leadline, input, acting) => leadline.workflows.addStage(input, acting),
  }),
  command({
    method: 'PATCH',
    path: '/workflows/:workflowId/stages/:stageId',
    entry: 'workflows.renameStage',
    summary: 'Rename a stage.',
    schema: w.renameStage,
    run: (leadline, input, acting) => leadline.workflows.renameStage(input, acting),
  }),
  command({
    method: 'PUT',
    path: '/workflows/:workflowId/stage-order',
    entry: 'workflows.reorderStages',
    summary: 'Put the stages in a new order.',
    schema: w.reorderStages,
    run: (leadline, input, acting) => leadline.workflows.reorderStages(input, acting),
  }),
  command({
    method: 'DELETE',
    path: '/workflows/:workflowId/stages/:stageId',
    entry: 'workflows.removeStage',
    summary: 'Remove a stage; its leads move to fallbackStageId.',
    schema: w.removeStage,
    run: (leadline, input, acting) => leadline.workflows.removeStage(input, acting),
  }),
];
