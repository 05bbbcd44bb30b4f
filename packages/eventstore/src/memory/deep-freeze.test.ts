import { describe, expect, it } from '@jest/globals';
import { InvalidArgumentError } from '../port/errors.js';
import { deepFreezeJson } from './deep-freeze.js';

describe('freezing what the memory store keeps', () => {
  it('freezes every level of the value it is given and returns that same value', () => {
    const value = { name: 'Ada', tags: ['vip', { note: 'x' }], nested: { n: 1, none: null } };
    expect(deepFreezeJson(value, () => 'data')).toBe(value);
    expect([value, value.tags, value.tags[1], value.nested].every((part) => Object.isFrozen(part))).toBe(true);
  });

  it.each([
    ['a Date', { at: new Date(0) }, 'data.at'],
    ['a bigint', { amount: 1n }, 'data.amount'],
    ['a function', { run: () => 1 }, 'data.run'],
    ['NaN', { list: [1, Number.NaN] }, 'data.list[1]'],
  ])('refuses %s, naming where it sits', (_label, value, field) => {
    expect(() => deepFreezeJson(value, () => 'data')).toThrow(InvalidArgumentError);
    expect(() => deepFreezeJson(value, () => 'data')).toThrow(expect.objectContaining({ field, rule: 'JSON' }));
  });
});
