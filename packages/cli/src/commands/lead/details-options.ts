// The detail options shared by `lead create` and `lead update`, turned into the domain's raw input
// (the domain validates and normalises; the CLI only parses numbers and dates it must read).
import type { LeadDetailsInput } from '@leadline/domain';
import { Option, type Command } from 'commander';
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
}

export function addDetailOptions(command: Command): Command {
  return command
    .addOption(new Option('--email <email>', 'email address (stored lower-cased)'))
    .addOption(new Option('--phone <phone>', 'phone number with country code, e.g. +44 20 7946 0958'))
    .addOption(new Option('--company <name>', 'company'))
    .addOption(new Option('--source <source>', "where the lead came from (one of the organisation's sources)"))
    .addOption(new Option('--notes <text>', 'free notes'))
    .addOption(new Option('--rating <1-5>', 'how hot the lead is, 1 (cold) to 5 (hot)'))
    .addOption(new Option('--value <amount>', 'estimated value, e.g. 12500 or 12500.50 EUR'))
    .addOption(new Option('--sale-date <YYYY-MM-DD>', 'expected sale date'));
}

/** Only the options given; an empty string clears a field on update. */
export function detailsInput(options: DetailOptions, defaultCurrency: string): LeadDetailsInput {
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
  return input;
}
