// What every read-model store's lease table must get right: one owner at a time, renewals that keep the
// token, takeovers (after expiry or a release) that increment it, and fenced batches that land only
// while their token holds — a stale owner's batch writes nothing.
import { describe, expect, it } from '@jest/globals';
import { ReadModelErrorCode } from '../store/errors.js';
import type { ReadModelStoreFactory } from './factory.js';
import { probeEvent, probeProjector } from './mechanics.js';

const pause = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** Long enough that a loaded machine never lets it lapse within one test step. */
const HELD_MS = 60_000;
/** Short enough to lapse in a test; the wait after it is several times longer. */
const LAPSING_MS = 30;

export function describeLeases(factory: ReadModelStoreFactory): void {
  describe('leases', () => {
    it('have one owner at a time; renewing keeps the token, and the lease is listed as held', async () => {
      const store = await factory();
      const first = await store.leases.acquire('projection:a:v1', 'ada', HELD_MS);
      expect(first).toMatchObject({ lease: 'projection:a:v1', owner: 'ada', token: 1n });
      expect(await store.leases.acquire('projection:a:v1', 'bob', HELD_MS)).toBeNull();
      expect(await store.leases.acquire('projection:a:v1', 'ada', HELD_MS)).toMatchObject({ owner: 'ada', token: 1n });
      await store.leases.acquire('member:g:ada', 'ada', HELD_MS);
      expect(await store.leases.list('projection:')).toEqual([
        expect.objectContaining({ lease: 'projection:a:v1', owner: 'ada', token: 1n, held: true }),
      ]);
      expect((await store.leases.list()).map((lease) => lease.lease)).toEqual(['member:g:ada', 'projection:a:v1']);
    });

    it('pass to another owner with a new token once expired, and the old owner cannot renew', async () => {
      const store = await factory();
      const ada = await store.leases.acquire('projection:a:v1', 'ada', LAPSING_MS);
      if (ada === null) throw new Error('the free lease was not granted');
      await pause(LAPSING_MS * 5);
      expect((await store.leases.list())[0]?.held).toBe(false);
      expect(await store.leases.acquire('projection:a:v1', 'bob', HELD_MS)).toMatchObject({ owner: 'bob', token: 2n });
      expect(await store.leases.acquire('projection:a:v1', 'ada', HELD_MS)).toBeNull();
      expect(await store.leases.renew(ada, HELD_MS)).toBeNull();
    });

    it('renew a held grant keeping its token, also after it lapsed while nobody took it', async () => {
      const store = await factory();
      const ada = await store.leases.acquire('projection:a:v1', 'ada', LAPSING_MS);
      if (ada === null) throw new Error('the free lease was not granted');
      await pause(LAPSING_MS * 5);
      const renewed = await store.leases.renew(ada, HELD_MS);
      expect(renewed).toMatchObject({ lease: 'projection:a:v1', owner: 'ada', token: 1n });
      expect(renewed?.expiresAt.getTime()).toBeGreaterThan(ada.expiresAt.getTime());
      expect(await store.leases.acquire('projection:a:v1', 'bob', HELD_MS)).toBeNull();
    });

    it('pass at once when released; releasing a grant that is not current changes nothing', async () => {
      const store = await factory();
      const ada = await store.leases.acquire('projection:a:v1', 'ada', HELD_MS);
      if (ada === null) throw new Error('the free lease was not granted');
      await store.leases.release(ada);
      expect((await store.leases.list())[0]).toMatchObject({ owner: null, held: false });
      const bob = await store.leases.acquire('projection:a:v1', 'bob', HELD_MS);
      expect(bob).toMatchObject({ owner: 'bob', token: 2n });
      await store.leases.release(ada);
      expect((await store.leases.list())[0]).toMatchObject({ owner: 'bob', held: true });
      // The old owner coming back after the lease passed on gets a new token, not its old one.
      if (bob !== null) await store.leases.release(bob);
      expect(await store.leases.acquire('projection:a:v1', 'ada', HELD_MS)).toMatchObject({ token: 3n });
    });

    it('fence batches: the current token lands, a stale one is rolled back with LEASE_LOST', async () => {
      const store = await factory();
      const probe = probeProjector();
      await store.prepare(probe);
      await store.makeLive(probe);
      const stale = await store.leases.acquire('projection:probe:v1', 'ada', LAPSING_MS);
      if (stale === null) throw new Error('the free lease was not granted');
      const first = probeEvent({ id: 'first' });
      await store.applyBatches([{ projector: probe, events: [first], checkpoint: first.position }], [stale]);
      await pause(LAPSING_MS * 5);
      const current = await store.leases.acquire('projection:probe:v1', 'bob', HELD_MS);
      if (current === null) throw new Error('the lapsed lease was not granted');
      const late = probeEvent({ id: 'late' });
      await expect(
        store.applyBatches([{ projector: probe, events: [late], checkpoint: late.position }], [stale]),
      ).rejects.toMatchObject({ code: ReadModelErrorCode.LeaseLost, field: 'projection:probe:v1' });
      expect((await store.select({ name: 'probe' }, 'probe_items')).map((row) => row['id'])).toEqual(['first']);
      expect(await store.checkpoint(probe)).toBe(first.position);
      await store.applyBatches([{ projector: probe, events: [late], checkpoint: late.position }], [current]);
      expect(await store.checkpoint(probe)).toBe(late.position);
      await expect(
        store.applyBatches(
          [{ projector: probe, events: [], checkpoint: late.position }],
          [{ lease: 'projection:never:v1', token: 1n }],
        ),
      ).rejects.toMatchObject({ code: ReadModelErrorCode.LeaseLost });
    });
  });
}
