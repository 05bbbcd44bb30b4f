import { describe, expect, it } from '@jest/globals';
import { isoFromTimestamptz } from './kysely.js';

describe('timestamptz as the queries read it', () => {
  it.each([
    ['2026-01-05 09:00:00+00', '2026-01-05T09:00:00.000Z'],
    ['2026-01-05 09:00:00.123+00', '2026-01-05T09:00:00.123Z'],
    ['2026-01-05 10:00:00.5+01', '2026-01-05T09:00:00.500Z'],
    ['2026-01-05 14:30:00+05:30', '2026-01-05T09:00:00.000Z'],
  ])('%s is %s', (text, iso) => expect(isoFromTimestamptz(text)).toBe(iso));
});
