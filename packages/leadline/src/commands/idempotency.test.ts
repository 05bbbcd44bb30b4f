import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { v5 as uuidv5 } from 'uuid';
import { derivedEventId, derivedId, LEADLINE_ID_NAMESPACE } from './idempotency.js';

// Ids derived by earlier versions (through the uuid package) are stored in users' streams: a rerun
// after an upgrade must derive the very same ones, or an import run twice would create leads twice.
const packageDerived = (orgId: string, key: string, purpose: string): string =>
  uuidv5(JSON.stringify([orgId, key, purpose]), LEADLINE_ID_NAMESPACE);

describe('derivedId', () => {
  it('gives the ids the uuid package gave, for plain and non-ASCII names', () => {
    const cases: [string, string, string][] = [
      ['org-1', 'req-1', 'lead'],
      ['', 'setup', 'organisation'],
      ['acme', 'import:4f2a:12', 'event:lead-7:0'],
      ['société', 'clé-ünïcødé', 'note'],
      ['org', 'emoji 😀 key', 'event:contact-org-email-ab12@3:0'],
      ['org', '', ''],
      ['org', 'x'.repeat(5000), 'claim'],
      // Around the longest name hashed in place (1,024 code units, 3 bytes each at most).
      ['o', '€'.repeat(1000), 'lead'],
      ['o', '€'.repeat(1030), 'lead'],
      ['o', '😀'.repeat(600), 'lead'],
    ];
    for (const [orgId, key, purpose] of cases)
      expect(derivedId(orgId, key, purpose)).toBe(packageDerived(orgId, key, purpose));
    expect(derivedEventId('acme', 'k', 'lead-1', 2)).toBe(packageDerived('acme', 'k', 'event:lead-1:2'));
  });

  it('agrees with the uuid package for any parts', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: 'binary', maxLength: 1200 }),
        fc.string({ unit: 'grapheme', maxLength: 40 }),
        fc.string(),
        (key, orgId, purpose) => {
          expect(derivedId(orgId, key, purpose)).toBe(packageDerived(orgId, key, purpose));
        },
      ),
      { numRuns: 300 },
    );
  });

  it('derives each id from its own parts when calls for one key follow each other or alternate', () => {
    const calls: [string, string, string][] = [
      ['org', 'row-1', 'command'],
      ['org', 'row-1', 'lead'],
      ['org', 'row-2', 'lead'],
      ['org', 'row-1', 'event:lead-1:0'],
      ['other', 'row-1', 'event:lead-1:0'],
      ['org', 'row-1', 'event:lead-1:0'],
    ];
    for (const [orgId, key, purpose] of calls)
      expect(derivedId(orgId, key, purpose)).toBe(packageDerived(orgId, key, purpose));
  });

  it('is a version 5 uuid, and the same parts always give the same id', () => {
    const id = derivedId('org-1', 'req-1', 'lead');
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(derivedId('org-1', 'req-1', 'lead')).toBe(id);
  });

  it('keeps keys apart that differ only in lone surrogates or in where the parts split', () => {
    // Lone surrogates would all become U+FFFD in UTF-8; the JSON name escapes each as itself.
    const lone = [
      derivedId('org', '\uD800', 'lead'),
      derivedId('org', '\uD801', 'lead'),
      derivedId('org', '\uFFFD', 'lead'),
    ];
    expect(new Set(lone).size).toBe(3);
    expect(lone[0]).toBe(packageDerived('org', '\uD800', 'lead'));
    expect(derivedId('org', 'a', 'bc')).not.toBe(derivedId('org', 'ab', 'c'));
    expect(derivedId('org-1', 'k', 'lead')).not.toBe(derivedId('org-2', 'k', 'lead'));
  });
});
