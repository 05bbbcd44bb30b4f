// Disposing a store releases it: later calls fail with StoreDisposedError and live subscriptions end.
import { describe, expect, it } from '@jest/globals';
import { StoreDisposedError } from '../../port/errors.js';
import { anEvent, collect, takeMessages } from '../helpers.js';
import { expectRejection, type ConformanceKit } from './kit.js';

export function describeLifecycle({ withStore, timeoutMs }: ConformanceKit): void {
  describe('dispose', () => {
    it('ends live subscriptions, refuses later calls, and may be called twice', () =>
      withStore(async (store) => {
        await store.append('lead-1', [anEvent('A')]);
        const subscription = store.subscribe();
        expect(await takeMessages(subscription, 2, timeoutMs)).toHaveLength(2);
        const waiting = takeMessages(subscription, 1, timeoutMs);
        await store.dispose();
        expect(await waiting).toEqual([]);
        await expectRejection(() => store.append('lead-1', [anEvent('B')]), StoreDisposedError, { code: 'DISPOSED' });
        await expectRejection(() => collect(store.readStream('lead-1')), StoreDisposedError);
        await expectRejection(() => collect(store.readAll()), StoreDisposedError);
        await expectRejection(() => store.headPosition(), StoreDisposedError);
        await store.dispose();
        await subscription.stop();
      }));
  });
}
