// The detail options shared by `lead create` and `lead update`, turned into the domain's raw input
// (the domain validates and normalises; the CLI only parses numbers and dates it must read).
import type { CustomFieldDefinition, LeadDetailsInput, OrganisationSettings } from '@leadline/domain';
import { Option, type Command } from 'commander';
import { badInput } from '../../cli/cli-error.js';
import { parseMoney, parseRating } from '../../cli/parse.js';

export interface DetailOptions {
  readonly name?: string;
  readonly email?: string;
  readonly phone?: string;
  readonly company?: string;
  readonly source?: string;
  readonly notes?: string;
  readonly rating?: string;
  readonly value?: string;
  readonly saleDate?: string;
  /** `label=value` (or `key=value`) for custom fields, repeated. */
  readonly field?: readonly string[];
}

export function addDetailOptions(command: Command): Command {
  return command
    .addOption(new Option('--email <email>', 'email address (stored lower-cased)'))
    .addOption(new Option('--phone <phone>', 'phone number with country code, e.g. +44 20 7946 0958'))
    .addOption(new Option('--company <name>', 'company'))
    .addOption(new Option('--source <source>', "where the lead came from (one of the organisation's sources)"))
    .addOption(new Option('--notes <text>', 'free notes'))
    .addOption(new Option('--rating <hot|warm|cold>', 'how warm the lead is: hot, warm or cold'))
    .addOption(new Option('--value <amount>', 'estimated value, e.g. 12500 or 12500.50 EUR'))
    .addOption(new Option('--sale-date <YYYY-MM-DD>', 'expected sale date'))
    .addOption(
      new Option(
        '--field <label=value>',
        'a custom field by its label or key (repeat; an empty value clears it)',
      ).argParser((value: string, previous: readonly string[] | undefined) => [...(previous ?? []), value]),
    );
}

/** `label=value` pairs as custom field values by key; the domain reads each value as its field's type. */
function customFieldsInput(
  pairs: readonly string[],
  definitions: readonly CustomFieldDefinition[],
): Record<string, string | null> {
  const values: Record<string, string | null> = {};
  for (const pair of pairs) {
    const at = pair.indexOf('=');
    const name = (at < 0 ? pair : pair.slice(0, at)).trim().toLowerCase();
    const definition = definitions.find(
      (candidate) =>
        candidate.retired !== true && (candidate.key.toLowerCase() === name || candidate.label.toLowerCase() === name),
    );
    if (at < 0 || definition === undefined) {
      throw badInput(
        '--field',
        at < 0 ? 'label=value' : 'known-field',
        at < 0 ? `"${pair}" is not label=value.` : `"${pair.slice(0, at)}" is not a custom field of this organisation.`,
        'See the fields with `leadline fields list`; write --field "Label=value".',
      );
    }
    const value = pair.slice(at + 1).trim();
    values[definition.key] = value === '' ? null : value;
  }
  return values;
}

/** Only the options given; an empty string clears a field on update. */
export function detailsInput(options: DetailOptions, settings: OrganisationSettings): LeadDetailsInput {
  const defaultCurrency = settings.defaultCurrency;
  const text = (value: string | undefined): string | null | undefined =>
    value === undefined ? undefined : value === '' ? null : value;
  const input: { -readonly [K in keyof LeadDetailsInput]: LeadDetailsInput[K] } = {};
  if (options.name !== undefined) input.name = options.name;
  if (options.email !== undefined) input.email = text(options.email);
  if (options.phone !== undefined) input.phone = text(options.phone);
  if (options.company !== undefined) input.company = text(options.company);
  if (options.source !== undefined) input.source = text(options.source);
  if (options.notes !== undefined) input.notes = text(options.notes);
  if (options.rating !== undefined) input.rating = options.rating === '' ? null : parseRating(options.rating);
  if (options.value !== undefined)
    input.estimatedValue = options.value === '' ? null : parseMoney(options.value, '--value', defaultCurrency);
  if (options.saleDate !== undefined) input.expectedSaleDate = text(options.saleDate);
  if (options.field !== undefined) input.customFields = customFieldsInput(options.field, settings.customFields);
  return input;
}
