// The inputs of organisation, workflow and assignment-rule commands as callers send them.
import { CUSTOM_FIELD_TYPES, StageCategory, TEXT_LIMITS, type CustomFieldType } from '@leadline/domain';
import * as z from 'zod';
import { orgId, plainId, stageId, text, userId, workflowId } from './primitives.js';

const MAX_STAGES = 100;
const MAX_LIST = 200;

export const StageSchema = z.strictObject({
  stageId: stageId(),
  name: text(TEXT_LIMITS.stageName),
  category: z.enum(Object.values(StageCategory) as [StageCategory, ...StageCategory[]]),
});

const fieldLabel = () => text(TEXT_LIMITS.customText);
const fieldOptions = () => z.array(text(TEXT_LIMITS.customText)).max(MAX_LIST);
const CustomFieldDefinitionSchema = z.strictObject({
  key: plainId(),
  label: fieldLabel(),
  type: z.enum(CUSTOM_FIELD_TYPES as [CustomFieldType, ...CustomFieldType[]]),
  options: fieldOptions().optional(),
  required: z.boolean().optional(),
});

/** One schema per lead-field method of `organisations`, named by the method. */
export const FieldInputSchemas = {
  defineField: z.strictObject({ field: CustomFieldDefinitionSchema }),
  changeField: z.strictObject({
    key: plainId(),
    changes: z.strictObject({
      label: fieldLabel().optional(),
      required: z.boolean().optional(),
      options: fieldOptions().optional(),
    }),
  }),
  retireField: z.strictObject({ key: plainId() }),
  setFieldLayout: z.strictObject({
    layout: z.strictObject({
      sections: z
        .array(z.strictObject({ name: text(TEXT_LIMITS.stageName), fields: z.array(plainId()).max(MAX_LIST) }))
        .max(MAX_LIST),
      hidden: z.array(plainId()).max(MAX_LIST),
    }),
  }),
} as const;

export const OrganisationSettingsSchema = z.strictObject({
  claimWindowMs: z.number().int(),
  sources: z.array(text(TEXT_LIMITS.source)).max(MAX_LIST),
  customFields: z.array(CustomFieldDefinitionSchema).max(MAX_LIST),
  defaultCurrency: text(3),
  defaultCountryCallingCode: text(3).nullable().optional(),
});

export const CreateOrganisationInputSchema = z.strictObject({
  orgId: orgId().optional(),
  name: text(TEXT_LIMITS.organisationName),
  settings: OrganisationSettingsSchema.partial().optional(),
  defaultWorkflowName: text(TEXT_LIMITS.workflowName).optional(),
});
export const ChangeSettingsInputSchema = z.strictObject({ changes: OrganisationSettingsSchema.partial() });
export const SetDefaultWorkflowInputSchema = z.strictObject({ workflowId: workflowId() });

const onWorkflow = <Shape extends z.ZodRawShape>(shape: Shape) =>
  z.strictObject({ workflowId: workflowId(), ...shape });

/** One schema per workflow command method of the facade, named by the method. */
export const WorkflowCommandInputSchemas = {
  create: z.strictObject({
    workflowId: workflowId().optional(),
    name: text(TEXT_LIMITS.workflowName),
    stages: z.array(StageSchema).max(MAX_STAGES),
  }),
  rename: onWorkflow({ name: text(TEXT_LIMITS.workflowName) }),
  addStage: onWorkflow({ stage: StageSchema, position: z.number().int().min(0).max(MAX_STAGES).optional() }),
  renameStage: onWorkflow({ stageId: stageId(), name: text(TEXT_LIMITS.stageName) }),
  reorderStages: onWorkflow({ order: z.array(stageId()).max(MAX_STAGES) }),
  removeStage: onWorkflow({ stageId: stageId(), fallbackStageId: stageId() }),
} as const;

const criterionValue = z.union([text(TEXT_LIMITS.customText), z.number(), z.boolean()]);

export const AssignmentRuleSchema = z.strictObject({
  ruleId: plainId(),
  name: text(TEXT_LIMITS.name).optional(),
  when: z
    .strictObject({
      sources: z.array(text(TEXT_LIMITS.source)).max(MAX_LIST).optional(),
      company: text(TEXT_LIMITS.company).optional(),
      customFields: z.record(plainId(), z.union([criterionValue, z.array(criterionValue).max(MAX_LIST)])).optional(),
      timeOfDay: z
        .strictObject({
          from: text(5),
          to: text(5),
          timeZone: text(64).optional(),
          days: z
            .array(z.enum(['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun']))
            .max(7)
            .optional(),
        })
        .optional(),
    })
    .optional(),
  assign: z.union([z.strictObject({ to: userId() }), z.strictObject({ roundRobin: z.array(userId()).max(MAX_LIST) })]),
  capacity: z.strictObject({ max: z.number(), per: z.enum(['hour', 'day', 'week', 'month']) }).optional(),
});
export const AssignmentRulesSchema = z.array(AssignmentRuleSchema).max(MAX_LIST);
export const SimulationRangeSchema = z.strictObject({ from: z.date().optional(), to: z.date().optional() });
