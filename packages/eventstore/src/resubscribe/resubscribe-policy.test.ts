import { describe, expect, it } from '@jest/globals';
import { InvalidArgumentError } from '../port/errors.js';
import { DEFAULT_RESUBSCRIBE_POLICY, resubscribeDelayMs, resubscribePolicy } from './resubscribe-policy.js';

describe('resubscribe policy', () => {
  it('doubles the wait from the first delay up to the bound', () => {
    const policy = resubscribePolicy({ initialDelayMs: 100, maxDelayMs: 1_000 });
    expect([1, 2, 3, 4, 5, 6].map((failures) => resubscribeDelayMs(policy, failures))).toEqual([
      100, 200, 400, 800, 1_000, 1_000,
    ]);
  });

  it('takes the defaults for what is not given', () => {
    expect(resubscribePolicy(undefined)).toEqual({ initialDelayMs: 100, maxDelayMs: 5_000, maxAttempts: 20 });
    expect(resubscribePolicy({ maxAttempts: 0 })).toEqual({ ...DEFAULT_RESUBSCRIBE_POLICY, maxAttempts: 0 });
  });

  it.each([
    ['initialDelayMs', -1],
    ['maxDelayMs', 1.5],
    ['maxAttempts', Number.NaN],
  ] as const)('refuses %s = %p, naming the field', (field, value) => {
    let error: unknown;
    try {
      resubscribePolicy({ [field]: value });
    } catch (thrown) {
      error = thrown;
    }
    expect(error).toBeInstanceOf(InvalidArgumentError);
    expect(error).toMatchObject({ field: `resubscribe.${field}`, rule: 'whole number from 0' });
  });
});
