// The inputs of `leadline.email` as callers send them: picked leads, a template, an opt-out.
import { EMAIL_TEMPLATE_LIMITS, TEXT_LIMITS } from '@leadline/domain';
import * as z from 'zod';
import { LeadIdsSchema } from './lead-inputs.js';
import { leadId, optionalText, text } from './primitives.js';

export const EmailTemplateSchema = z.strictObject({
  subject: text(EMAIL_TEMPLATE_LIMITS.subject),
  body: text(EMAIL_TEMPLATE_LIMITS.body, { multiline: true }),
});

/** One schema per method of `leadline.email`, named by the method. */
export const EmailInputSchemas = {
  send: z.strictObject({ leadIds: LeadIdsSchema, template: EmailTemplateSchema }),
  optOut: z.strictObject({ leadId: leadId(), reason: optionalText(TEXT_LIMITS.reason, { multiline: true }) }),
} as const;
