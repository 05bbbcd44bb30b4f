import { describe, expect, it } from '@jest/globals';
import { defaultOrganisationSettings } from '../organisation/defaults.js';
import { normaliseEmail } from './email.js';
import { validateLeadDetails } from './lead-details.js';
import { normalisePhone, parsePhone } from './phone.js';

describe('normaliseEmail', () => {
  it.each([
    [' Ada@Example.COM ', 'ada@example.com'],
    ['first.last+tag@sub.example.co.uk', 'first.last+tag@sub.example.co.uk'],
  ])('%j → %j', (raw, expected) => expect(normaliseEmail(raw)).toBe(expected));

  it.each([
    '',
    'ada',
    'ada@',
    '@example.com',
    'ada@example',
    'ada @example.com',
    'a@b@c.com',
    `${'x'.repeat(65)}@example.com`,
  ])('refuses %j', (raw) => expect(normaliseEmail(raw)).toBeNull());
});

describe('normalisePhone', () => {
  it.each([
    ['+44 20 7946 0958', null, '+442079460958'],
    ['+44 (0)20 7946 0958', null, '+442079460958'],
    ['0044 20 7946 0958', null, '+442079460958'],
    ['020 7946 0958', '44', '+442079460958'],
    ['(415) 555-0132', '1', '+14155550132'],
    ['+1.415.555.0132', '33', '+14155550132'],
    ['06 12 34 56 78', '33', '+33612345678'],
    // Italy's leading 0 is part of the number, not a trunk prefix: national and international forms agree.
    ['06 1234 5678', '39', '+390612345678'],
    ['+39 06 1234 5678', null, '+390612345678'],
    ['0039 06 1234 5678', '44', '+390612345678'],
  ])('%j with default %j → %j', (raw, code, expected) => expect(normalisePhone(raw, code)).toBe(expected));

  it('says why a number is refused', () => {
    expect(parsePhone('020 7946 0958', null)).toEqual({ ok: false, rule: 'country-code-required' });
    expect(parsePhone('call me', '44')).toEqual({ ok: false, rule: 'not-a-phone-number' });
    expect(parsePhone('+44 12', '44')).toEqual({ ok: false, rule: 'length' });
    expect(parsePhone('+44 1234 567 890 123 45', '44')).toEqual({ ok: false, rule: 'length' });
    expect(normalisePhone('12345 ext. 6', '44')).toBeNull();
  });
});

describe('validateLeadDetails (a CSV row checked without deciding)', () => {
  const settings = { ...defaultOrganisationSettings, defaultCountryCallingCode: '44' };

  it('returns the normalised details', () => {
    const result = validateLeadDetails(
      { name: ' Ada ', email: 'ADA@EXAMPLE.COM', phone: '020 7946 0958', source: 'linkedin' },
      settings,
    );
    expect(result).toEqual({
      ok: true,
      value: {
        name: 'Ada',
        email: 'ada@example.com',
        phone: '+442079460958',
        company: null,
        source: 'LinkedIn',
        notes: null,
        rating: null,
        estimatedValue: null,
        expectedSaleDate: null,
        customFields: {},
      },
    });
  });

  it('returns every issue of a bad row', () => {
    const result = validateLeadDetails(
      { name: 'x'.repeat(201), phone: 'n/a', source: 'Fax', customFields: { size: 1 } },
      settings,
    );
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error.issues.map((found) => `${found.field}:${found.rule}`)).toEqual([
        'phone:not-a-phone-number',
        'name:max-length:200',
        'source:known-source',
        'customFields.size:unknown-field',
      ]);
    }
  });

  it("requires the organisation's required custom fields", () => {
    const withRequired = {
      ...settings,
      customFields: [{ key: 'vat', label: 'VAT number', type: 'text' as const, required: true }],
    };
    const result = validateLeadDetails({ name: 'Ada', email: 'ada@example.com' }, withRequired);
    expect(!result.ok && result.error.issues.map((found) => found.field)).toEqual(['customFields.vat']);
  });
});
