// The inputs of the lead commands as callers send them. The domain still decides what they mean
// (known source, email format, stage of the workflow); these check shape, size and text.
import { CallOutcome, RATING_ORDER, Role, TEXT_LIMITS } from '@leadline/domain';
import * as z from 'zod';
import {
  calendarDate,
  claimId,
  clientId,
  instant,
  journeyStepId,
  leadId,
  mergeId,
  money,
  noteId,
  optionalText,
  plainId,
  stageId,
  text,
  userId,
  workflowId,
} from './primitives.js';

const MAX_CUSTOM_FIELDS = 100;
/** Many ids at once (bulk operations, merges, keep-both choices). */
const MAX_IDS = 10_000;

/** A custom field's value; null (in an update's fields) clears it. */
export const CustomFieldValueSchema = z
  .union([
    text(TEXT_LIMITS.customText, { multiline: true }),
    z.number(),
    z.boolean(),
    // The options of a multiple-choice field.
    z.array(text(TEXT_LIMITS.customText)).max(MAX_CUSTOM_FIELDS),
  ])
  .nullable();

export const LeadDetailsInputSchema = z.strictObject({
  name: optionalText(TEXT_LIMITS.name),
  email: optionalText(254),
  phone: optionalText(40),
  company: optionalText(TEXT_LIMITS.company),
  source: optionalText(TEXT_LIMITS.source),
  notes: optionalText(TEXT_LIMITS.notes, { multiline: true }),
  rating: z.enum(RATING_ORDER).nullable().optional(),
  estimatedValue: money().nullable().optional(),
  expectedSaleDate: calendarDate().nullable().optional(),
  customFields: z
    .record(plainId(), CustomFieldValueSchema)
    .refine((fields) => Object.keys(fields).length <= MAX_CUSTOM_FIELDS, {
      message: `at most ${MAX_CUSTOM_FIELDS} custom fields`,
      params: { rule: `items-max:${MAX_CUSTOM_FIELDS}` },
    })
    .optional(),
});

const ids = <T extends z.ZodType>(item: T) => z.array(item).max(MAX_IDS);

/**
 * A field under the name it had before create and update both took `fields`: refused (rule
 * `renamed:fields`) with a message saying what to send instead, rather than as an unknown field.
 */
const renamedToFields = (oldName: string) =>
  z
    .custom<never>(() => false, {
      message: `${oldName} was renamed to fields; send the lead's fields as fields (see docs/api.md).`,
      params: { rule: 'renamed:fields' },
    })
    .optional()
    .meta({ deprecated: true, description: `Renamed to \`fields\`; refused when given.` });

/** A new lead's details: a name is required. */
export const CreateLeadDetailsSchema = LeadDetailsInputSchema.extend({ name: text(TEXT_LIMITS.name) });

export const CreateLeadInputSchema = z.strictObject({
  leadId: leadId().optional(),
  // Before `fields`, so a caller sending the old name is told that first.
  details: renamedToFields('details'),
  fields: CreateLeadDetailsSchema,
  workflowId: workflowId().optional(),
  stageId: stageId().optional(),
  clientId: clientId().nullable().optional(),
  ownerId: userId().nullable().optional(),
  keepDespiteDuplicates: ids(leadId()).optional(),
  mergeInto: leadId().optional(),
});

export const UpdateLeadInputSchema = z.strictObject({
  leadId: leadId(),
  changes: renamedToFields('changes'),
  fields: LeadDetailsInputSchema,
  keepDespiteDuplicates: ids(leadId()).optional(),
  mergeInto: leadId().optional(),
});

const onLead = <Shape extends z.ZodRawShape>(shape: Shape) => z.strictObject({ leadId: leadId(), ...shape });
const requiredReason = () => text(TEXT_LIMITS.reason, { multiline: true });
const optionalReason = () => optionalText(TEXT_LIMITS.reason, { multiline: true });

/** One schema per lead command method of the facade, named by the method. */
export const LeadCommandInputSchemas = {
  changeStage: onLead({ stageId: stageId(), reason: optionalReason() }),
  markLost: onLead({ reason: requiredReason(), stageId: stageId().optional() }),
  reopen: onLead({ reason: requiredReason(), stageId: stageId().optional() }),
  scheduleNextCall: onLead({
    at: instant().nullable(),
    note: optionalText(TEXT_LIMITS.nextCallNote, { multiline: true }),
  }),
  logNote: onLead({
    noteId: noteId().optional(),
    text: text(TEXT_LIMITS.noteText, { multiline: true }),
    outcome: z
      .enum(Object.values(CallOutcome) as [CallOutcome, ...CallOutcome[]])
      .nullable()
      .optional(),
  }),
  recordJourneyStep: onLead({
    stepId: journeyStepId().optional(),
    label: text(TEXT_LIMITS.journeyLabel),
    description: optionalText(TEXT_LIMITS.journeyDescription, { multiline: true }),
  }),
  claim: onLead({ claimId: claimId().optional() }),
  release: onLead({}),
  expireClaim: onLead({ claimId: claimId() }),
  takeOwnership: onLead({}),
  assign: onLead({ ownerId: userId(), ruleId: plainId().nullable().optional() }),
  unassign: onLead({}),
  promote: onLead({ to: z.enum(Object.values(Role) as [Role, ...Role[]]) }),
  convert: onLead({ clientId: clientId(), mode: z.enum(['new', 'merged']), stageId: stageId().optional() }),
  linkToClient: onLead({ clientId: clientId() }),
  delete: onLead({ reason: optionalReason() }),
  markRead: onLead({}),
} as const;

export const MergeRequestSchema = z.strictObject({
  survivorId: leadId(),
  absorbedIds: ids(leadId()).min(1),
  mergeId: mergeId().optional(),
});
export const UnmergeRequestSchema = z.strictObject({ survivorId: leadId(), mergeId: mergeId() });
export const DuplicateProbeSchema = LeadDetailsInputSchema.pick({ email: true, phone: true });
export const LeadIdsSchema = ids(leadId());
export const TransferTargetSchema = z.discriminatedUnion('to', [
  z.strictObject({ to: z.literal('user'), userId: userId() }),
  z.strictObject({ to: z.literal('pool') }),
]);
export { leadId as leadIdSchema };
