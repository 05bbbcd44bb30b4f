// Validation and normalisation of a lead's details, usable without deciding (CSV import checks rows with it).
import type { LeadDetailsInput } from '../lead/commands.js';
import type { LeadDetails, LeadDetailsUpdated } from '../lead/events.js';
import type { OrganisationSettings } from '../organisation/events.js';
import type { CustomFields, CustomFieldValue } from '../shared/values.js';
import { checkCustomFields } from './custom-fields.js';
import { issue, resultOf, type Issues, type ValidationResult } from './issues.js';
import {
  checkContactPresent,
  checkEmail,
  checkMoney,
  checkPhone,
  checkRating,
  checkSaleDate,
  checkSource,
} from './lead-fields.js';
import { optionalText, requiredText, TEXT_LIMITS } from './text.js';

/** What an update changes, as LeadDetailsUpdated records it. */
export type LeadDetailsChanges = Omit<LeadDetailsUpdated['data'], 'leadId'>;

/** A missing source takes "Other" when the organisation lists it, so quick entry is not blocked. */
const FALLBACK_SOURCE = 'Other';

/** The details of a new lead, validated and normalised, or every issue found. */
export const validateLeadDetails = (
  input: LeadDetailsInput,
  settings: OrganisationSettings,
): ValidationResult<LeadDetails> => {
  const issues: Issues = [];
  const email = checkEmail(issues, input.email);
  const phone = checkPhone(issues, input.phone, settings);
  const hadContactInput = issues.some((found) => found.field === 'email' || found.field === 'phone');
  checkContactPresent(issues, email, phone, hadContactInput);
  const sourceGiven = input.source !== undefined && input.source !== null && input.source.trim() !== '';
  const useFallback = !sourceGiven && settings.sources.includes(FALLBACK_SOURCE);
  const details: LeadDetails = {
    name: requiredText(issues, 'name', input.name, TEXT_LIMITS.name),
    email,
    phone,
    company: optionalText(issues, 'company', input.company, TEXT_LIMITS.company),
    source: useFallback ? FALLBACK_SOURCE : checkSource(issues, input.source, settings),
    notes: optionalText(issues, 'notes', input.notes, TEXT_LIMITS.notes),
    rating: checkRating(issues, input.rating),
    estimatedValue: checkMoney(issues, input.estimatedValue),
    expectedSaleDate: checkSaleDate(issues, input.expectedSaleDate),
    customFields: withoutRemovals(checkCustomFields(issues, input.customFields, settings.customFields, true)),
  };
  return resultOf(issues, () => details);
};

const withoutRemovals = (values: Record<string, CustomFieldValue | null>): CustomFields =>
  Object.fromEntries(Object.entries(values).filter((entry): entry is [string, CustomFieldValue] => entry[1] !== null));

const sameValue = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b);

/**
 * The changes an update makes to `current`: absent fields stay, `null` clears (where a field may be
 * empty), and only what really differs is kept. The result must still have an email or a phone.
 */
export const validateLeadDetailsChanges = (
  current: LeadDetails,
  input: LeadDetailsInput,
  settings: OrganisationSettings,
): ValidationResult<LeadDetailsChanges> => {
  const issues: Issues = [];
  const proposed: { -readonly [K in keyof Omit<LeadDetails, 'customFields'>]?: LeadDetails[K] } = {};
  if (input.name !== undefined) proposed.name = requiredText(issues, 'name', input.name, TEXT_LIMITS.name);
  if (input.email !== undefined) proposed.email = checkEmail(issues, input.email);
  if (input.phone !== undefined) proposed.phone = checkPhone(issues, input.phone, settings);
  if (input.company !== undefined)
    proposed.company = optionalText(issues, 'company', input.company, TEXT_LIMITS.company);
  if (input.source !== undefined) proposed.source = checkSource(issues, input.source, settings);
  if (input.notes !== undefined) proposed.notes = optionalText(issues, 'notes', input.notes, TEXT_LIMITS.notes);
  if (input.rating !== undefined) proposed.rating = checkRating(issues, input.rating);
  if (input.estimatedValue !== undefined) proposed.estimatedValue = checkMoney(issues, input.estimatedValue);
  if (input.expectedSaleDate !== undefined) proposed.expectedSaleDate = checkSaleDate(issues, input.expectedSaleDate);
  const customInput = checkCustomFields(issues, input.customFields, settings.customFields, false);

  const changes = Object.fromEntries(
    Object.entries(proposed).filter(([key, value]) => !sameValue(value, current[key as keyof typeof proposed])),
  ) as LeadDetailsChanges['changes'];
  const customFields = Object.fromEntries(
    Object.entries(customInput).filter(([key, value]) => !sameValue(value ?? null, current.customFields[key] ?? null)),
  );
  const email = changes.email !== undefined ? changes.email : current.email;
  const phone = changes.phone !== undefined ? changes.phone : current.phone;
  if (email === null && phone === null && !issues.some((found) => found.field === 'email' || found.field === 'phone')) {
    issues.push(
      issue('email', 'email-or-phone', 'A lead needs at least an email address or a phone number; keep one of them.'),
    );
  }
  return resultOf(issues, () => ({ changes, customFields }));
};

/** True when an update would change nothing. */
export const isEmptyChange = (change: LeadDetailsChanges): boolean =>
  Object.keys(change.changes).length === 0 && Object.keys(change.customFields).length === 0;
