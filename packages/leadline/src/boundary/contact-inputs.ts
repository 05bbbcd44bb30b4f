// The inputs of the contacts entry (erasure, right of access) as callers send them.
import { ErasureTrigger, TEXT_LIMITS } from '@leadline/domain';
import * as z from 'zod';
import { clientId, leadId, text } from './primitives.js';

const reason = {
  reason: text(TEXT_LIMITS.reason, { multiline: true }),
  trigger: z.enum(Object.values(ErasureTrigger) as [ErasureTrigger, ...ErasureTrigger[]]).optional(),
};

/** Exactly one of leadId, clientId, email, phone, with a reason. */
export const EraseContactInputSchema = z.union([
  z.strictObject({ leadId: leadId(), ...reason }),
  z.strictObject({ clientId: clientId(), ...reason }),
  z.strictObject({ email: text(254), ...reason }),
  z.strictObject({ phone: text(40), ...reason }),
]);

export const ExportContactInputSchema = z.strictObject({ leadId: leadId() });

export const ExportClientInputSchema = z.strictObject({ clientId: clientId() });

export const RetentionInputSchema = z.strictObject({ lostLeadsAfterMonths: z.number().int().min(1).max(1200) });

/** Every contacts entry's input schema, by entry (the HTTP API's OpenAPI document reads them). */
export const ContactInputSchemas = {
  erase: EraseContactInputSchema,
  export: ExportContactInputSchema,
  exportClient: ExportClientInputSchema,
  applyRetention: RetentionInputSchema,
} as const;
