// The inputs of the contacts entry (erasure, right of access) as callers send them.
import { ErasureTrigger, RETENTION_MONTHS_BOUNDS, TEXT_LIMITS } from '@leadline/domain';
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

const months = () => z.number().int().min(RETENTION_MONTHS_BOUNDS.min).max(RETENTION_MONTHS_BOUNDS.max);

/** Months for this run; the organisation's stored policy when left out. */
export const RetentionInputSchema = z.strictObject({ lostLeadsAfterMonths: months().optional() });

/** The organisation's policy: months, or null to switch retention off. */
export const RetentionPolicyInputSchema = z.strictObject({ lostLeadsAfterMonths: months().nullable() });

/** Every contacts entry's input schema, by entry (the HTTP API's OpenAPI document reads them). */
export const ContactInputSchemas = {
  erase: EraseContactInputSchema,
  export: ExportContactInputSchema,
  exportClient: ExportClientInputSchema,
  applyRetention: RetentionInputSchema,
  setRetentionPolicy: RetentionPolicyInputSchema,
} as const;
