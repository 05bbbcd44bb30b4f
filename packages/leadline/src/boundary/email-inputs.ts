// The inputs of `leadline.email` as callers send them: picked leads, a template, an opt-out.
import { EMAIL_TEMPLATE_LIMITS, TEXT_LIMITS } from '@leadline/domain';
import * as z from 'zod';
import { LeadIdsSchema } from './lead-inputs.js';
import { leadId, optionalText, text } from './primitives.js';
import { AdHocViewSchema } from './view-inputs.js';

export const EmailTemplateSchema = z.strictObject({
  subject: text(EMAIL_TEMPLATE_LIMITS.subject),
  body: text(EMAIL_TEMPLATE_LIMITS.body, { multiline: true }),
});

/** One schema per method of `leadline.email`, named by the method. */
export const EmailInputSchemas = {
  send: z
    .strictObject({
      leadIds: LeadIdsSchema.optional(),
      view: text(100).optional(),
      adHoc: AdHocViewSchema.optional(),
      template: EmailTemplateSchema,
    })
    .refine((input) => (input.leadIds === undefined) !== (input.view === undefined && input.adHoc === undefined), {
      message: 'name the leads by leadIds or by a view (view, adHoc), not both and not neither',
      params: { rule: 'leads-or-view' },
      path: ['leadIds'],
    }),
  optOut: z.strictObject({ leadId: leadId(), reason: optionalText(TEXT_LIMITS.reason, { multiline: true }) }),
} as const;
