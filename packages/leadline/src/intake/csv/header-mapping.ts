// Which column feeds which lead field: detected from common header names (any case, spacing or
// punctuation), then overridden by the caller. Custom fields match by key or label.
import type { CustomFieldDefinition } from '@leadline/domain';

export const IMPORT_FIELDS = [
  'name',
  'firstName',
  'lastName',
  'email',
  'phone',
  'company',
  'source',
  'notes',
  'owner',
  'rating',
  'estimatedValue',
  'currency',
  'expectedSaleDate',
] as const;
export type ImportField = (typeof IMPORT_FIELDS)[number];

/** Header names each field is recognised by, compared after `headerKey` (most specific first). */
const ALIASES: { readonly [F in ImportField]: readonly string[] } = {
  name: ['name', 'fullname', 'contactname', 'leadname', 'contact', 'person'],
  firstName: ['firstname', 'givenname', 'forename', 'first'],
  lastName: ['lastname', 'surname', 'familyname', 'last'],
  email: ['email', 'emailaddress', 'mail', 'workemail', 'email1'],
  phone: [
    'phone',
    'phonenumber',
    'telephone',
    'tel',
    'mobile',
    'mobilephone',
    'mobilenumber',
    'cell',
    'cellphone',
    'workphone',
  ],
  company: ['company', 'companyname', 'organisation', 'organization', 'business', 'account', 'accountname', 'employer'],
  source: ['source', 'leadsource', 'channel', 'origin'],
  notes: ['notes', 'note', 'comments', 'comment', 'description', 'remarks'],
  owner: ['owner', 'leadowner', 'assignedto', 'salesrep', 'rep', 'ownerid'],
  rating: ['rating', 'score', 'temperature'],
  estimatedValue: ['estimatedvalue', 'value', 'dealvalue', 'amount', 'dealsize'],
  currency: ['currency'],
  expectedSaleDate: ['expectedsaledate', 'expectedclosedate', 'closedate', 'expectedclose'],
};

/** "E-mail Address " → "emailaddress": what headers are compared by. */
export const headerKey = (header: string): string =>
  header
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]/g, '');

/** Per field, the header to read it from, or null to ignore a column detection would have used. */
export type HeaderMappingOverrides = { readonly [F in ImportField]?: string | null } & {
  readonly customFields?: Readonly<Record<string, string | null>>;
};

export interface HeaderMapping {
  /** Column index of each mapped field. */
  readonly fields: Partial<Record<ImportField, number>>;
  /** Column index of each mapped custom field, by key. */
  readonly customFields: Readonly<Record<string, number>>;
  /** The header each field was read from, for reports. */
  readonly described: Readonly<Record<string, string>>;
  /** Headers no field reads. */
  readonly unmapped: readonly string[];
}

export class HeaderMappingError extends Error {
  override readonly name = 'HeaderMappingError';
  readonly code = 'INVALID_MAPPING';
  constructor(
    readonly field: string,
    readonly rule: string,
    message: string,
  ) {
    super(message);
  }
}

export function detectMapping(
  headers: readonly string[],
  customFields: readonly CustomFieldDefinition[],
  overrides: HeaderMappingOverrides = {},
): HeaderMapping {
  const keys = headers.map(headerKey);
  const used = new Set<number>();
  const fields: Partial<Record<ImportField, number>> = {};
  const custom: Record<string, number> = {};
  const columnOf = (field: string, header: string): number => {
    const index = keys.indexOf(headerKey(header));
    if (index < 0)
      throw new HeaderMappingError(
        field,
        'header-exists',
        `No column "${header}" for ${field}; the headers are: ${headers.join(', ')}.`,
      );
    return index;
  };
  // Overrides first, so detection never takes a column the caller gave to another field.
  for (const field of IMPORT_FIELDS) {
    const given = overrides[field];
    if (given === undefined) continue;
    if (given !== null) used.add((fields[field] = columnOf(field, given)));
  }
  for (const [key, given] of Object.entries(overrides.customFields ?? {})) {
    if (!customFields.some((definition) => definition.key === key))
      throw new HeaderMappingError(
        `customFields.${key}`,
        'known-custom-field',
        `"${key}" is not a custom field of this organisation.`,
      );
    if (given !== null) used.add((custom[key] = columnOf(`customFields.${key}`, given)));
  }
  for (const field of IMPORT_FIELDS) {
    if (field in overrides) continue;
    const index = ALIASES[field]
      .map((alias) => keys.findIndex((key, column) => key === alias && !used.has(column)))
      .find((column) => column >= 0);
    if (index !== undefined) used.add((fields[field] = index));
  }
  for (const definition of customFields) {
    // A retired field takes no values: its column is left unmapped rather than refusing every row.
    if (definition.retired === true || definition.key in (overrides.customFields ?? {})) continue;
    const names = new Set([headerKey(definition.key), headerKey(definition.label)]);
    const index = keys.findIndex((key, column) => names.has(key) && !used.has(column));
    if (index >= 0) used.add((custom[definition.key] = index));
  }
  if (fields.name === undefined && fields.firstName === undefined && fields.lastName === undefined) {
    throw new HeaderMappingError(
      'name',
      'column-required',
      `No column gives the lead's name (looked for Name, Full name, First name/Last name); the headers are: ${headers.join(', ')}. Map one explicitly.`,
    );
  }
  const described: Record<string, string> = {};
  for (const [field, index] of Object.entries(fields)) described[field] = headers[index] ?? '';
  for (const [key, index] of Object.entries(custom)) described[`customFields.${key}`] = headers[index] ?? '';
  return { fields, customFields: custom, described, unmapped: headers.filter((_, index) => !used.has(index)) };
}
