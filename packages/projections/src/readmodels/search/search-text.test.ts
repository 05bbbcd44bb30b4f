// The search's phone key: E.164 digits as the domain stores phones, the same on every call (recent keys
// are remembered) and never mixed up with a key made under an organisation's calling code.
import { describe, expect, it } from '@jest/globals';
import { phoneKey } from './search-text.js';

describe('phoneKey', () => {
  it('gives E.164 digits, the same answer when asked again, and digits alone for what is no whole number', () => {
    for (let round = 0; round < 3; round++) {
      expect(phoneKey('+44 (0)20 7946-0958')).toBe('442079460958');
      expect(phoneKey('+39 06 1234 5678')).toBe('390612345678');
      expect(phoneKey('020 7946 0958')).toBe('02079460958');
      expect(phoneKey('12-34')).toBe('1234');
    }
  });

  it('keys a national number with the calling code given, whatever was remembered without it', () => {
    expect(phoneKey('020 7946 0958')).toBe('02079460958');
    expect(phoneKey('020 7946 0958', '44')).toBe('442079460958');
    expect(phoneKey('020 7946 0958')).toBe('02079460958');
  });

  it('stays right past the number of keys it remembers', () => {
    const keys = Array.from({ length: 5000 }, (_, index) => `+44 7700 ${String(900000 + index)}`);
    const first = keys.map((raw) => phoneKey(raw));
    expect(keys.map((raw) => phoneKey(raw))).toEqual(first);
    expect(first[0]).toBe('447700900000');
  });
});
