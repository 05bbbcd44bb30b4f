// Free text: trimmed, blank means absent, and bounded so a paste of a whole mailbox is refused.
import { issue, type Issues } from './issues.js';

export const TEXT_LIMITS = {
  name: 200,
  company: 200,
  source: 100,
  notes: 5000,
  noteText: 5000,
  reason: 1000,
  journeyLabel: 200,
  journeyDescription: 2000,
  nextCallNote: 1000,
  customText: 1000,
  workflowName: 100,
  stageName: 100,
  organisationName: 200,
} as const;

/** Trimmed text, or null when absent or blank. */
export const cleanText = (raw: unknown): string | null => {
  if (typeof raw !== 'string') return null;
  const trimmed = raw.trim();
  return trimmed === '' ? null : trimmed;
};

export const optionalText = (issues: Issues, field: string, raw: unknown, max: number): string | null => {
  if (raw !== null && raw !== undefined && typeof raw !== 'string') {
    issues.push(issue(field, 'must-be-text', `${field} must be text.`));
    return null;
  }
  const text = cleanText(raw);
  if (text !== null && text.length > max) {
    issues.push(
      issue(field, `max-length:${max}`, `${field} is ${text.length} characters long; at most ${max} are allowed.`),
    );
  }
  return text;
};

export const requiredText = (issues: Issues, field: string, raw: unknown, max: number): string => {
  const text = optionalText(issues, field, raw, max);
  if (text === null && (typeof raw === 'string' || raw === null || raw === undefined)) {
    issues.push(issue(field, 'required', `${field} is required and may not be blank.`));
  }
  return text ?? '';
};
