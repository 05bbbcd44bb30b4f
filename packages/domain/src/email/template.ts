// Email templates with merge fields: `{{name}}`, `{{company}}`... filled from a lead's details. A regex
// rather than a template library: Mustache or Handlebars bring sections, partials and HTML escaping that
// plain-text mail to a lead must not have, and we would have to forbid each; this reads as the rule.
import { issue, throwIfAny, type Issues } from '../validation/issues.js';
import { requiredText } from '../validation/text.js';
import type { LeadDetails } from '../lead/events.js';

/** The fields a template may name, and where each comes from. */
export const MERGE_FIELDS = {
  name: (details: LeadDetails) => details.name,
  company: (details: LeadDetails) => details.company,
  email: (details: LeadDetails) => details.email,
  phone: (details: LeadDetails) => details.phone,
  source: (details: LeadDetails) => details.source,
} as const satisfies Record<string, (details: LeadDetails) => string | null>;
export type MergeField = keyof typeof MERGE_FIELDS;

export interface EmailTemplate {
  readonly subject: string;
  readonly body: string;
}

export const EMAIL_TEMPLATE_LIMITS = { subject: 200, body: 50_000 } as const;

const MERGE_FIELD = /\{\{\s*([^{}\s]*)\s*\}\}/g;

const isMergeField = (name: string): name is MergeField => Object.hasOwn(MERGE_FIELDS, name);

const checkPart = (issues: Issues, field: 'subject' | 'body', raw: unknown): string => {
  const text = requiredText(issues, `template.${field}`, raw, EMAIL_TEMPLATE_LIMITS[field]);
  for (const [, name = ''] of text.matchAll(MERGE_FIELD)) {
    if (!isMergeField(name)) {
      const known = Object.keys(MERGE_FIELDS).map((key) => `{{${key}}}`);
      issues.push(
        issue(`template.${field}`, 'known-merge-field', `{{${name}}} is not a merge field; use ${known.join(', ')}.`),
      );
    }
  }
  return text;
};

/** The template checked (both parts present, within limits, every merge field known) or a ValidationError. */
export const checkEmailTemplate = (template: {
  readonly subject?: unknown;
  readonly body?: unknown;
}): EmailTemplate => {
  const issues: Issues = [];
  const checked = {
    subject: checkPart(issues, 'subject', template.subject),
    body: checkPart(issues, 'body', template.body),
  };
  throwIfAny(issues);
  return checked;
};

/** The template filled for one lead; an empty field (no company) becomes an empty string. */
export const renderEmailTemplate = (template: EmailTemplate, details: LeadDetails): EmailTemplate => {
  const fill = (text: string): string =>
    text.replace(MERGE_FIELD, (_, name: string) => (isMergeField(name) ? (MERGE_FIELDS[name](details) ?? '') : ''));
  return { subject: fill(template.subject), body: fill(template.body) };
};
