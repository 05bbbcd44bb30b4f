// One CSV record as the lead details a create takes. Only what text cannot say as-is is read here
// (numbers, money, names split in two); every rule of a lead is left to the domain's own validation.
import {
  RATING_ORDER,
  ratingOfScore,
  UserId,
  type DomainErrorDetails,
  type LeadDetailsInput,
  type Money,
  type OrganisationSettings,
  type Rating,
} from '@leadline/domain';
import type { HeaderMapping, ImportField } from './header-mapping.js';

export interface RowInput {
  readonly details: LeadDetailsInput & { readonly name: string };
  readonly ownerId: UserId | null;
  /** Problems found while reading text into values; the domain's issues are added to these. */
  readonly issues: readonly DomainErrorDetails[];
}

export interface RowOptions {
  /** The source of rows without one (or of every row when the file has no source column). */
  readonly defaultSource?: string;
  /** Turns an Owner cell into a user id; null: unknown owner (the row is refused). Default: the cell is the id. */
  readonly owners?: (value: string) => UserId | null;
}

const NUMBER = /^-?\d+(\.\d+)?$/;

export function rowInput(
  record: readonly string[],
  mapping: HeaderMapping,
  settings: OrganisationSettings,
  options: RowOptions,
): RowInput {
  const issues: DomainErrorDetails[] = [];
  const cell = (field: ImportField): string | null => {
    const index = mapping.fields[field];
    const value = index === undefined ? undefined : record[index]?.trim();
    return value === undefined || value === '' ? null : value;
  };
  const name = cell('name') ?? [cell('firstName'), cell('lastName')].filter((part) => part !== null).join(' ');
  const customFields: Record<string, string> = {};
  for (const [key, index] of Object.entries(mapping.customFields)) {
    const value = record[index]?.trim();
    if (value !== undefined && value !== '') customFields[key] = value;
  }
  const details: LeadDetailsInput & { name: string } = {
    name,
    email: cell('email'),
    phone: cell('phone'),
    company: cell('company'),
    source: cell('source') ?? options.defaultSource ?? null,
    notes: cell('notes'),
    rating: readRating(cell('rating'), issues),
    estimatedValue: readMoney(cell('estimatedValue'), cell('currency') ?? settings.defaultCurrency, issues),
    expectedSaleDate: cell('expectedSaleDate'),
    customFields,
  };
  return { details, ownerId: readOwner(cell('owner'), options, issues), issues };
}

/** hot, warm or cold in any case; a 1–5 score from an older export reads as events of v1 do (ratingOfScore). */
function readRating(text: string | null, issues: DomainErrorDetails[]): Rating | null {
  if (text === null) return null;
  const word = RATING_ORDER.find((rating) => rating === text.trim().toLowerCase());
  if (word !== undefined) return word;
  const score = ratingOfScore(/^[1-5]$/.test(text.trim()) ? Number(text) : null);
  if (score !== null) return score;
  issues.push({
    field: 'rating',
    rule: 'one-of:hot,warm,cold',
    message: `rating must be hot, warm or cold (or a score from 1 to 5); got "${text}".`,
  });
  return null;
}

/** "1,250.50" or "1250" in major units; the currency column, else the organisation's default currency. */
function readMoney(text: string | null, currency: string, issues: DomainErrorDetails[]): Money | null {
  if (text === null) return null;
  const plain = text.replace(/[\s,]/g, '');
  if (!NUMBER.test(plain)) {
    issues.push({
      field: 'estimatedValue',
      rule: 'must-be-number',
      message: `estimated value must be a number such as 1250.50; got "${text}".`,
    });
    return null;
  }
  return { amountMinor: Math.round(Number(plain) * 100), currency };
}

function readOwner(text: string | null, options: RowOptions, issues: DomainErrorDetails[]): UserId | null {
  if (text === null) return null;
  const owner = options.owners === undefined ? UserId(text) : options.owners(text);
  if (owner === null)
    issues.push({ field: 'owner', rule: 'known-user', message: `"${text}" is not a known user to own the lead.` });
  return owner;
}
