// Any lead command as the domain defines it, for the facade's `leads.execute` door (merges, unmerges,
// tools): the method schemas with their `type`, ids that a method would generate required here.
import * as z from 'zod';
import {
  CustomFieldValueSchema,
  LeadCommandInputSchemas as s,
  CreateLeadInputSchema,
  LeadDetailsInputSchema,
  UpdateLeadInputSchema,
} from './lead-inputs.js';
import { claimId, journeyStepId, leadId, mergeId, noteId, plainId, text } from './primitives.js';

// The literal type of `type` is what makes the union's output a LeadCommand.
// eslint-disable-next-line @typescript-eslint/no-unnecessary-type-parameters
const typed = <T extends string, Shape extends z.ZodRawShape>(type: T, schema: z.ZodObject<Shape>) =>
  schema.extend({ type: z.literal(type) });

// What a merge carries of each absorbed lead: its current details, as read from its stream.
const AbsorbedDetailsSchema = LeadDetailsInputSchema.required().extend({
  name: text(200),
  source: text(100),
  customFields: z.record(plainId(), CustomFieldValueSchema.unwrap()),
});

export const LeadCommandSchema = z.discriminatedUnion('type', [
  typed('CreateLead', CreateLeadInputSchema.omit({ mergeInto: true }).extend({ leadId: leadId() })),
  typed('UpdateLeadDetails', UpdateLeadInputSchema.omit({ keepDespiteDuplicates: true, mergeInto: true })),
  typed('ChangeStage', s.changeStage),
  typed('MarkLeadLost', s.markLost),
  typed('ReopenLead', s.reopen),
  typed('ScheduleNextCall', s.scheduleNextCall),
  typed('LogNote', s.logNote.extend({ noteId: noteId() })),
  typed('RecordJourneyStep', s.recordJourneyStep.extend({ stepId: journeyStepId() })),
  typed('ClaimLead', s.claim.extend({ claimId: claimId() })),
  typed('ReleaseClaim', s.release),
  typed('ExpireClaim', s.expireClaim),
  typed('TakeOwnership', s.takeOwnership),
  typed('AssignLead', s.assign),
  typed('UnassignLead', s.unassign),
  typed('PromoteRole', s.promote),
  typed('ConvertToClient', s.convert),
  typed('LinkToClient', s.linkToClient),
  typed('DeleteLead', s.delete),
  typed('MarkLeadRead', s.markRead),
  z.strictObject({
    type: z.literal('MergeLeads'),
    leadId: leadId(),
    mergeId: mergeId(),
    absorbed: z.array(z.strictObject({ leadId: leadId(), details: AbsorbedDetailsSchema })).max(10_000),
  }),
  z.strictObject({ type: z.literal('MarkLeadMerged'), leadId: leadId(), mergeId: mergeId(), survivorId: leadId() }),
  z.strictObject({ type: z.literal('UnmergeLeads'), leadId: leadId(), mergeId: mergeId() }),
  z.strictObject({ type: z.literal('MarkLeadUnmerged'), leadId: leadId(), mergeId: mergeId() }),
]);
