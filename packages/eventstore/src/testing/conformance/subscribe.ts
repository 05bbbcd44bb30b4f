// Catch-up subscriptions: history after a position, `caught-up` once, then live; filters; stopping.
import { describe, expect, it } from '@jest/globals';
import type { SubscriptionMessage } from '../../port/event-store.js';
import { START } from '../../port/events.js';
import { anEvent, collect, takeMessages } from '../helpers.js';
import type { ConformanceKit } from './kit.js';

const describeMessage = (message: SubscriptionMessage | undefined): string =>
  message === undefined
    ? 'nothing'
    : message.kind === 'event'
      ? `${message.event.streamName}:${message.event.type}`
      : 'caught-up';

export function describeSubscribe({ withStore, timeoutMs }: ConformanceKit): void {
  describe('subscribe', () => {
    it('delivers the history, then caught-up at the head, then live events', () =>
      withStore(async (store) => {
        await store.append('lead-1', [anEvent('A'), anEvent('B')]);
        const head = await store.headPosition();
        const subscription = store.subscribe();
        try {
          const history = await takeMessages(subscription, 3, timeoutMs);
          expect(history.map(describeMessage)).toEqual(['lead-1:A', 'lead-1:B', 'caught-up']);
          expect(history[2]).toEqual({ kind: 'caught-up', position: head });
          await store.append('lead-2', [anEvent('C')]);
          await store.append('lead-1', [anEvent('D')]);
          const live = await takeMessages(subscription, 2, timeoutMs);
          expect(live.map(describeMessage)).toEqual(['lead-2:C', 'lead-1:D']);
          const all = await collect(store.readAll());
          expect([...history, ...live].flatMap((message) => (message.kind === 'event' ? [message.event] : []))).toEqual(
            all,
          );
        } finally {
          await subscription.stop();
        }
      }));

    it('says caught-up at START on an empty store, then delivers the first event', () =>
      withStore(async (store) => {
        const subscription = store.subscribe();
        try {
          expect(await takeMessages(subscription, 1, timeoutMs)).toEqual([{ kind: 'caught-up', position: START }]);
          await store.append('lead-1', [anEvent('A')]);
          expect((await takeMessages(subscription, 1, timeoutMs)).map(describeMessage)).toEqual(['lead-1:A']);
        } finally {
          await subscription.stop();
        }
      }));

    it('starts after an exclusive position (a checkpoint)', () =>
      withStore(async (store) => {
        await store.append('lead-1', [anEvent('A'), anEvent('B'), anEvent('C')]);
        const [, second] = await collect(store.readAll());
        const subscription = store.subscribe({ after: second!.position });
        try {
          const messages = await takeMessages(subscription, 2, timeoutMs);
          expect(messages.map(describeMessage)).toEqual(['lead-1:C', 'caught-up']);
        } finally {
          await subscription.stop();
        }
      }));

    it('filters history and live events by type and by stream prefix', () =>
      withStore(async (store) => {
        await store.append('lead-1', [anEvent('LeadCreated'), anEvent('NoteLogged')]);
        await store.append('workflow-1', [anEvent('WorkflowCreated')]);
        const byType = store.subscribe({ filter: { eventTypes: ['LeadCreated'] } });
        const byPrefix = store.subscribe({ filter: { streamPrefixes: ['workflow-'] } });
        try {
          expect((await takeMessages(byType, 2, timeoutMs)).map(describeMessage)).toEqual([
            'lead-1:LeadCreated',
            'caught-up',
          ]);
          expect((await takeMessages(byPrefix, 2, timeoutMs)).map(describeMessage)).toEqual([
            'workflow-1:WorkflowCreated',
            'caught-up',
          ]);
          await store.append('lead-2', [anEvent('NoteLogged'), anEvent('LeadCreated')]);
          await store.append('workflow-2', [anEvent('WorkflowCreated')]);
          expect((await takeMessages(byType, 1, timeoutMs)).map(describeMessage)).toEqual(['lead-2:LeadCreated']);
          expect((await takeMessages(byPrefix, 1, timeoutMs)).map(describeMessage)).toEqual([
            'workflow-2:WorkflowCreated',
          ]);
        } finally {
          await byType.stop();
          await byPrefix.stop();
        }
      }));

    it('ends the iterator when stopped while it waits, and tolerates a second stop', () =>
      withStore(async (store) => {
        const subscription = store.subscribe();
        const iterator = subscription[Symbol.asyncIterator]();
        expect((await iterator.next()).value).toEqual({ kind: 'caught-up', position: START });
        const waiting = iterator.next();
        await subscription.stop();
        expect(await waiting).toEqual({ done: true, value: undefined });
        await subscription.stop();
        expect((await iterator.next()).done).toBe(true);
      }));

    it('ends a for-await loop cleanly when stopped from inside it', () =>
      withStore(async (store) => {
        await store.append('lead-1', [anEvent('A'), anEvent('B'), anEvent('C')]);
        const subscription = store.subscribe();
        const seen: string[] = [];
        for await (const message of subscription) {
          seen.push(describeMessage(message));
          if (seen.length === 2) await subscription.stop();
        }
        expect(seen).toEqual(['lead-1:A', 'lead-1:B']);
      }));

    it('keeps several subscribers independent of each other', () =>
      withStore(async (store) => {
        await store.append('lead-1', [anEvent('A')]);
        const first = store.subscribe();
        const second = store.subscribe();
        try {
          expect((await takeMessages(first, 2, timeoutMs)).map(describeMessage)).toEqual(['lead-1:A', 'caught-up']);
          expect((await takeMessages(second, 2, timeoutMs)).map(describeMessage)).toEqual(['lead-1:A', 'caught-up']);
          await first.stop();
          await store.append('lead-1', [anEvent('B')]);
          expect((await takeMessages(second, 1, timeoutMs)).map(describeMessage)).toEqual(['lead-1:B']);
          expect(await takeMessages(first, 1, timeoutMs)).toEqual([]);
        } finally {
          await first.stop();
          await second.stop();
        }
      }));

    it('exposes the position of every event for checkpointing, strictly increasing', () =>
      withStore(async (store) => {
        const subscription = store.subscribe();
        try {
          await takeMessages(subscription, 1, timeoutMs);
          const appended = await store.append('lead-1', [anEvent('A'), anEvent('B')]);
          const messages = await takeMessages(subscription, 2, timeoutMs);
          const positions = messages.map((message) => (message.kind === 'event' ? message.event.position : START));
          expect(positions[0]! > START && positions[1]! > positions[0]!).toBe(true);
          expect(positions[1]).toBe(appended.position);
        } finally {
          await subscription.stop();
        }
      }));
  });
}
