// Custom fields defined, changed and retired as organisation events, the lead page layout, and the
// invariants every lead keeps: a live required field is never absent, every value matches its type.
import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { DomainErrorCode } from '../shared/errors.js';
import type { CustomFieldDefinition, CustomFieldValue } from '../shared/values.js';
import { aContext, aManager, anActor, ORG, organisationSpec } from '../testing/index.js';
import { isCalendarDate } from '../validation/calendar.js';
import { validateLeadDetails, validateLeadDetailsChanges } from '../validation/lead-details.js';
import { defaultOrganisationSettings } from './defaults.js';
import type { OrganisationEvent } from './events.js';

const { given } = organisationSpec;
const admin = aContext({ actor: aManager() });
const created: OrganisationEvent = {
  type: 'OrganisationCreated',
  data: { orgId: ORG, name: 'Acme', settings: defaultOrganisationSettings },
};
const channels: CustomFieldDefinition = {
  key: 'channels',
  label: 'Channels',
  type: 'multiselect',
  options: ['Email', 'Phone', 'Post'],
  required: true,
};
const defined = (field: CustomFieldDefinition = channels): OrganisationEvent => ({
  type: 'CustomFieldDefined',
  data: { orgId: ORG, field },
});
const define = (field: object) => ({ type: 'DefineCustomField', orgId: ORG, field }) as never;

describe('defining, changing and retiring custom fields', () => {
  it('defines a field once; the same definition again is a retry', () => {
    given([created]).when(define(channels), admin).then([defined()]);
    given([created, defined()]).when(define(channels), admin).thenNothing();
    given([created, defined()])
      .when(define({ ...channels, label: 'Other' }), admin)
      .thenThrows(DomainErrorCode.AlreadyExists, 'field.key', 'new-field-key');
  });

  it('refuses a bad definition, naming the field and the rule', () => {
    given([created])
      .when(define({ key: 'tier', label: 'Tier', type: 'multiselect' }), admin)
      .thenThrows(DomainErrorCode.Validation, 'field.options', 'distinct-options');
    given([created])
      .when(define({ key: 'email', label: 'Email 2', type: 'text' }), admin)
      .thenThrows(DomainErrorCode.Validation, 'field.key', 'not-standard-field');
    given([created])
      .when(define({ key: 'x', label: 'X', type: 'colour' }), admin)
      .thenThrows(DomainErrorCode.Validation, 'field.type', 'known-type');
    given([created])
      .when(define(channels), aContext({ actor: anActor() }))
      .thenThrows(DomainErrorCode.PermissionDenied);
    given([]).when(define(channels), admin).thenThrows(DomainErrorCode.NotFound, 'orgId');
  });

  it('changes label, requiredness and options, recording only what changed', () => {
    given([created, defined()])
      .when(
        { type: 'ChangeCustomField', orgId: ORG, key: 'channels', changes: { label: 'Channels', required: false } },
        admin,
      )
      .then([{ type: 'CustomFieldChanged', data: { orgId: ORG, key: 'channels', changes: { required: false } } }]);
    given([created, defined()])
      .when({ type: 'ChangeCustomField', orgId: ORG, key: 'channels', changes: { options: [] } }, admin)
      .thenThrows(DomainErrorCode.Validation, 'changes.options', 'distinct-options');
    given([created])
      .when({ type: 'ChangeCustomField', orgId: ORG, key: 'channels', changes: { label: 'X' } }, admin)
      .thenThrows(DomainErrorCode.NotFound, 'key', 'live-custom-field');
  });

  it('retires a field once; a retired field takes no change and its key is never reused', () => {
    const retired: OrganisationEvent = { type: 'CustomFieldRetired', data: { orgId: ORG, key: 'channels' } };
    given([created, defined()]).when({ type: 'RetireCustomField', orgId: ORG, key: 'channels' }, admin).then([retired]);
    given([created, defined(), retired])
      .when({ type: 'RetireCustomField', orgId: ORG, key: 'channels' }, admin)
      .thenNothing();
    given([created, defined(), retired])
      .when({ type: 'ChangeCustomField', orgId: ORG, key: 'channels', changes: { label: 'Again' } }, admin)
      .thenThrows(DomainErrorCode.NotFound, 'key', 'live-custom-field');
    given([created, defined(), retired]).when(define(channels), admin).thenThrows(DomainErrorCode.AlreadyExists);
  });
});

describe('the field layout', () => {
  const layout = (sections: { name: string; fields: string[] }[], hidden: string[] = []) =>
    ({ type: 'SetFieldLayout', orgId: ORG, layout: { sections, hidden } }) as const;

  it('orders sections and fields and hides optional standard fields', () => {
    const wanted = {
      sections: [{ name: 'Deal', fields: ['estimatedValue', 'channels'] }],
      hidden: ['notes', 'rating'],
    };
    given([created, defined()])
      .when(layout(wanted.sections, wanted.hidden), admin)
      .then([{ type: 'FieldLayoutSet', data: { orgId: ORG, layout: wanted } }]);
    given([created, defined(), { type: 'FieldLayoutSet', data: { orgId: ORG, layout: wanted } }])
      .when(layout(wanted.sections, wanted.hidden), admin)
      .thenNothing();
  });

  it('refuses unknown or doubly placed fields, and hiding what a lead must have', () => {
    given([created])
      .when(layout([{ name: 'A', fields: ['name', 'nope'] }]), admin)
      .thenThrows(DomainErrorCode.Validation, 'layout.sections.0.fields.1', 'known-field');
    given([created])
      .when(
        layout([
          { name: 'A', fields: ['name'] },
          { name: 'B', fields: ['name'] },
        ]),
        admin,
      )
      .thenThrows(DomainErrorCode.Validation, 'layout.sections.1.fields.0', 'placed-once');
    given([created])
      .when(layout([], ['source']), admin)
      .thenThrows(DomainErrorCode.Validation, 'layout.hidden.0', 'not-required');
    given([created, defined()])
      .when(layout([], ['channels']), admin)
      .thenThrows(DomainErrorCode.Validation, 'layout.hidden.0', 'not-required');
    given([created])
      .when(layout([], ['email', 'phone']), admin)
      .thenThrows(DomainErrorCode.Validation, 'layout.hidden', 'email-or-phone');
  });
});

describe('custom field values on leads', () => {
  const settings = (customFields: readonly CustomFieldDefinition[]) => ({
    ...defaultOrganisationSettings,
    customFields,
  });
  const lead = { name: 'Ada', email: 'ada@example.com', source: 'Website' };

  it('reads a multiple choice in the field’s order, from a list or from text', () => {
    const read = (value: CustomFieldValue) =>
      validateLeadDetails({ ...lead, customFields: { channels: value } }, settings([channels]));
    expect(read(['post', 'Email'])).toMatchObject({
      ok: true,
      value: { customFields: { channels: ['Email', 'Post'] } },
    });
    expect(read('Phone; email')).toMatchObject({ ok: true, value: { customFields: { channels: ['Email', 'Phone'] } } });
    expect(read(['Fax'])).toMatchObject({
      ok: false,
      error: { field: 'customFields.channels', rule: 'must-be-options' },
    });
    expect(read([])).toMatchObject({ ok: false, error: { field: 'customFields.channels', rule: 'required' } });
  });

  it('refuses a value for a retired field and no longer requires it', () => {
    const retired = settings([{ ...channels, retired: true }]);
    expect(validateLeadDetails(lead, retired).ok).toBe(true);
    expect(validateLeadDetails({ ...lead, customFields: { channels: ['Email'] } }, retired)).toMatchObject({
      ok: false,
      error: { field: 'customFields.channels', rule: 'retired-field' },
    });
  });

  // Definitions of every type, some required, some retired; raw values of any type for any key.
  const definition = fc
    .record({
      type: fc.constantFrom('text', 'number', 'boolean', 'date', 'select', 'multiselect' as const),
      required: fc.boolean(),
      retired: fc.boolean(),
    })
    .map(({ type, required, retired }): Omit<CustomFieldDefinition, 'key'> => ({
      label: type,
      type,
      ...(type === 'select' || type === 'multiselect' ? { options: ['A', 'B', 'C'] } : {}),
      ...(required ? { required } : {}),
      ...(retired ? { retired } : {}),
    }));
  const definitions = fc
    .array(definition, { maxLength: 5 })
    .map((list) => list.map((field, index): CustomFieldDefinition => ({ ...field, key: `f${index}` })));
  const rawValue: fc.Arbitrary<CustomFieldValue | null> = fc.oneof(
    fc.constant(null),
    fc.constantFrom('', 'A', 'b', 'A;C', '42', 'yes', '2026-02-30', '2026-03-01'),
    fc.integer(),
    fc.boolean(),
    fc.subarray(['A', 'B', 'C', 'Z']),
  );
  const values = fc.dictionary(fc.constantFrom('f0', 'f1', 'f2', 'f3', 'f4'), rawValue, { maxKeys: 5 });

  const matchesType = (field: CustomFieldDefinition, value: CustomFieldValue): boolean => {
    switch (field.type) {
      case 'text':
        return typeof value === 'string' && value !== '';
      case 'number':
        return typeof value === 'number' && Number.isFinite(value);
      case 'boolean':
        return typeof value === 'boolean';
      case 'date':
        return typeof value === 'string' && isCalendarDate(value);
      case 'select':
        return typeof value === 'string' && (field.options ?? []).includes(value);
      case 'multiselect':
        return (
          Array.isArray(value) &&
          value.length > 0 &&
          value.every((v: unknown) => (field.options ?? []).some((o) => o === v))
        );
    }
  };
  const holds = (fields: readonly CustomFieldDefinition[], custom: Readonly<Record<string, CustomFieldValue>>) => {
    for (const field of fields) {
      const value = custom[field.key];
      if (field.required === true && field.retired !== true) expect(value).toBeDefined();
      if (value !== undefined && field.retired !== true) expect(matchesType(field, value)).toBe(true);
    }
  };

  it('never lets a live required field be absent on a new lead, and every value matches its type', () => {
    fc.assert(
      fc.property(definitions, values, (fields, custom) => {
        const result = validateLeadDetails({ ...lead, customFields: custom }, settings(fields));
        if (result.ok) holds(fields, result.value.customFields);
      }),
    );
  });

  it('keeps both through any accepted update of a valid lead', () => {
    fc.assert(
      fc.property(definitions, values, values, (fields, first, change) => {
        const made = validateLeadDetails({ ...lead, customFields: first }, settings(fields));
        if (!made.ok) return;
        const updated = validateLeadDetailsChanges(made.value, { customFields: change }, settings(fields));
        if (!updated.ok) return;
        const after = Object.fromEntries(
          Object.entries({ ...made.value.customFields, ...updated.value.customFields }).filter(
            (entry): entry is [string, CustomFieldValue] => entry[1] !== null,
          ),
        );
        holds(fields, after);
      }),
    );
  });
});
