// What the fuzz suite sends: for each field, values a caller could mean (ids that exist, stages of the
// workflow, plausible text) mixed with malformed ones (wrong types, NaN, NUL, lone surrogates, control
// characters, oversized text, unknown keys, functions, symbols, invalid dates).
import fc from 'fast-check';

/** Values of no field's type: what a careless or hostile caller sends. */
export const junk: fc.Arbitrary<unknown> = fc.constantFrom<unknown>(
  undefined,
  null,
  Number.NaN,
  Number.POSITIVE_INFINITY,
  -1,
  1.5,
  0,
  true,
  '',
  '   ',
  'x'.repeat(6000),
  'A\u0000da',
  'Ada \ud800',
  '\u001b[2J\u001b[31mred',
  'Zoe\u0308',
  '../etc/passwd',
  [],
  ['l-1'],
  {},
  { nested: { deep: 1 } },
  () => 'function',
  Symbol('s'),
  new Date('not a date'),
  10n,
);

const texts = fc.constantFrom('Ada Lovelace', 'Grace', 'Call back next week', 'Website', 'Referral', 'Acme Ltd', 'a');

/** Plausible values per field name; any other field gets text or junk. */
const plausible: Readonly<Record<string, fc.Arbitrary<unknown>>> = {
  leadId: fc.constantFrom('l-1', 'l-2', 'l-3', 'l-4', 'nope'),
  workflowId: fc.constantFrom('wf-fuzz', 'nope'),
  type: fc.constantFrom('MarkLeadMerged', 'UnmergeLeads', 'LogNote', 'Nope'),
  survivorId: fc.constantFrom('l-1', 'l-2', 'l-3'),
  stageId: fc.constantFrom('NOT_CONTACTED', 'CONTACTED', 'QUALIFIED', 'CONVERTED', 'LOST', 'NOPE'),
  fallbackStageId: fc.constantFrom('NOT_CONTACTED', 'CONTACTED'),
  // A page of the board's columns: plausible, past the last stage, unknown stage, out of range.
  stages: fc.constantFrom(
    { first: 2 },
    { first: 2, after: 'CONTACTED' },
    { after: 'LOST' },
    { after: 'NOPE' },
    { first: 0 },
  ),
  ownerId: fc.constantFrom('rob-rep', 'ada-admin', 'vic-viewer'),
  userId: fc.constantFrom('rob-rep', 'ada-admin'),
  clientId: fc.constantFrom('client-1', 'client-2'),
  claimId: fc.constantFrom('claim-1', 'claim-2'),
  mergeId: fc.constantFrom('merge-1', 'merge-2'),
  stepId: fc.constantFrom('step-1', 'step-2'),
  noteId: fc.constantFrom('note-1', 'note-2'),
  email: fc.constantFrom('ada@example.com', 'grace@example.com', 'ADA@Example.COM', 'not-an-email'),
  phone: fc.constantFrom('+44 20 7946 0958', '020 7946 0958', 'n/a'),
  source: fc.constantFrom('Website', 'Referral', 'Fax'),
  at: fc.constantFrom('2030-01-01T10:00:00Z', '2020-01-01T00:00:00Z', 'tomorrow'),
  outcome: fc.constantFrom('NO_ANSWER', 'CONNECTED', 'MAYBE'),
  to: fc.constantFrom('Prospect', 'Client', 'Lead', 'user', 'pool'),
  mode: fc.constantFrom('new', 'merged', 'other'),
  rating: fc.constantFrom('hot', 'warm', 'cold', 'Hot', 3, 'tepid'),
  period: fc.constantFrom('day', 'week', 'month', 'year'),
  limit: fc.constantFrom(1, 5, 1000, 100000),
  lostLeadsAfterMonths: fc.constantFrom(1, 24, 0, 5000, null),
  now: fc.constantFrom(new Date('2026-01-05T09:00:00Z'), new Date('x')),
  createdFrom: fc.constantFrom(new Date('2026-01-01T00:00:00Z'), new Date('x'), '2026-01-01'),
  createdBefore: fc.constantFrom(new Date('2030-01-01T00:00:00Z'), new Date('x')),
  position: fc.constantFrom(0, 1, 99),
  claimWindowMs: fc.constantFrom(60_000, 3_600_000, -5),
  currency: fc.constantFrom('EUR', 'eu', 'XXXX'),
  amountMinor: fc.constantFrom(0, 1250, -3, 1.5),
  expectedSaleDate: fc.constantFrom('2030-02-28', '2030-02-30', 'soon'),
  absorbedIds: fc.constantFrom(['l-2'], ['l-3', 'l-4'], [], ['nope']),
  leadIds: fc.constantFrom(['l-1', 'l-2'], ['nope'], []),
  order: fc.constantFrom(['CONTACTED', 'NOT_CONTACTED', 'QUALIFIED', 'CONVERTED', 'LOST'], ['X']),
  category: fc.constantFrom('open', 'won', 'lost', 'maybe'),
  sources: fc.constantFrom(['Website', 'Referral'], [], ['\u0000']),
  idempotencyKey: fc.constantFrom('k-1', 'k-2'),
  view: fc.constantFrom('All leads', 'system.pool', 'My leads', 'view-1', 'Nope'),
  viewId: fc.constantFrom('view-1', 'view-2', 'system.all-leads', 'nope'),
  name: fc.constantFrom('Hot', 'My leads', '', 'x'.repeat(81)),
  visibility: fc.constantFrom('private', 'shared', 'public'),
  columns: fc.constantFrom(['name', 'email'], ['name', 'custom.nope'], [], ['rating', 'rating']),
  sort: fc.constantFrom(
    [{ field: 'rating', direction: 'desc' }],
    [
      { field: 'nextCall', direction: 'asc' },
      { field: 'name', direction: 'asc' },
    ],
    [{ field: 'colour', direction: 'up' }],
  ),
  filters: fc.constantFrom(
    [{ field: 'owner', op: 'isMe' }],
    [{ field: 'created', op: 'inLastDays', value: 7 }],
    [{ field: 'rating', op: 'contains', value: 'x' }],
    [{ field: 'source', op: 'in', value: ['Website', 'Referral'] }],
    [{ field: 'name', op: 'startsWith', value: '%_' }],
  ),
  cursor: fc.constantFrom('not-a-cursor', 'WyJ4IiwxXQ', ''),
  contact: fc.constantFrom(true, false, 'yes'),
  expectedRevision: fc.constantFrom<unknown>(0n, 1n, 5n, -1n, 2),
};

/** A value for `field`: mostly plausible, often malformed. */
export const valueFor = (field: string): fc.Arbitrary<unknown> =>
  fc.oneof({ weight: 3, arbitrary: plausible[field] ?? texts }, { weight: 2, arbitrary: junk });

/**
 * An object with these fields (each plausible, malformed or left out) and, now and then, a field that
 * does not belong; `nested` gives fields their own object arbitrary.
 */
export function shaped(
  fields: readonly string[],
  nested: Readonly<Record<string, fc.Arbitrary<unknown>>> = {},
): fc.Arbitrary<unknown> {
  const entries = fields.map((field) =>
    fc.option(nested[field] ?? valueFor(field), { nil: undefined, freq: 20 }).map((value) => [field, value] as const),
  );
  const object = fc
    .tuple(
      fc.tuple(...entries),
      fc.oneof(
        { weight: 11, arbitrary: fc.constant(null) },
        { weight: 1, arbitrary: fc.constantFrom('colour', '__proto__', 'orgId') },
      ),
    )
    .map(([pairs, extra]) => {
      const built: Record<string, unknown> = {};
      for (const [field, value] of pairs) if (value !== undefined) built[field] = value;
      if (extra !== null)
        Object.defineProperty(built, extra, { value: 'extra', enumerable: true, writable: true, configurable: true });
      return built;
    });
  return fc.oneof({ weight: 19, arbitrary: object }, { weight: 1, arbitrary: junk });
}

const details = shaped(
  [
    'name',
    'email',
    'phone',
    'company',
    'source',
    'notes',
    'rating',
    'estimatedValue',
    'expectedSaleDate',
    'customFields',
  ],
  {
    estimatedValue: shaped(['amountMinor', 'currency']),
    customFields: fc.oneof(
      fc.constant({ industry: 'Retail' }),
      fc.constant({ tier: ['Gold'] }),
      fc.constant({ unknown: 1 }),
      junk,
    ),
  },
);
const stage = shaped(['stageId', 'name', 'category']);

/** Nested shapes the commands take, by field name. */
export const NESTED: Readonly<Record<string, fc.Arbitrary<unknown>>> = {
  details,
  changes: details,
  stage,
  stages: fc.oneof(fc.array(stage, { maxLength: 3 }), junk),
  target: shaped(['to', 'userId']),
  estimatedValue: shaped(['amountMinor', 'currency']),
  field: fc.oneof(
    fc.constant({ key: 'tier', label: 'Tier', type: 'multiselect', options: ['Gold', 'Silver'] }),
    shaped(['key', 'label', 'type', 'options', 'required']),
  ),
  layout: fc.oneof(
    fc.constant({ sections: [{ name: 'Deal', fields: ['estimatedValue', 'industry'] }], hidden: ['notes'] }),
    shaped(['sections', 'hidden']),
  ),
  adHoc: shaped(['columns', 'sort', 'filters']),
};
