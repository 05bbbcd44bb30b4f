// createLeadline({ leases }) refuses a takeover bound a renewal cannot keep up with, and empty names.
import { describe, expect, it } from '@jest/globals';
import { createMemoryEventStore } from '@leadline/eventstore';
import { openSqliteReadModelStore } from '@leadline/sqlite';
import { createLeadline } from '../../leadline.js';
import { LEADLINE_PROJECTORS } from '../../queries/queries.js';
import { MIN_TAKEOVER_WITHIN_MS, validateLeaseOptions } from './lease-options.js';

describe('lease options', () => {
  it.each([
    [{ takeoverWithinMs: MIN_TAKEOVER_WITHIN_MS - 1 }, 'leases.takeoverWithinMs', 'at-least-500'],
    [{ takeoverWithinMs: 1500.5 }, 'leases.takeoverWithinMs', 'at-least-500'],
    [{ takeoverWithinMs: Number.NaN }, 'leases.takeoverWithinMs', 'at-least-500'],
    [{ owner: '  ' }, 'leases.owner', 'non-empty'],
    [{ group: 'g'.repeat(201) }, 'leases.group', 'non-empty'],
  ])('refuse %j naming the field and the rule', (leases, field, rule) => {
    expect(() => validateLeaseOptions(leases)).toThrow(
      expect.objectContaining({ code: 'INVALID_OPTION', field, rule }),
    );
    expect(() =>
      createLeadline({
        store: createMemoryEventStore(),
        readModels: openSqliteReadModelStore({ file: ':memory:' }),
        leases,
      }),
    ).toThrow(expect.objectContaining({ field, rule }));
  });

  it('accept a bound from the minimum up; a lone leased instance owns every projection until it closes', async () => {
    expect(validateLeaseOptions({ takeoverWithinMs: MIN_TAKEOVER_WITHIN_MS, owner: 'web-1' })).toEqual({
      takeoverWithinMs: MIN_TAKEOVER_WITHIN_MS,
      owner: 'web-1',
    });
    const readModels = openSqliteReadModelStore({ file: ':memory:' });
    const leadline = createLeadline({
      store: createMemoryEventStore(),
      readModels,
      leases: { takeoverWithinMs: 2000, owner: 'solo' },
      disposeStores: false,
    });
    await leadline.workers.start();
    const projections = (await readModels.leases.list('projection:')).filter((lease) => lease.held);
    expect(projections.map((lease) => lease.owner)).toEqual(LEADLINE_PROJECTORS.map(() => 'solo'));
    await leadline.close();
    expect((await readModels.leases.list()).filter((lease) => lease.held)).toEqual([]);
    await readModels.dispose();
  });
});
