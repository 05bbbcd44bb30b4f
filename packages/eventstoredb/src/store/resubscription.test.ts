// Subscriptions survive a dropped connection: the stand-in is cut and restarted on the same port while
// events are written before, during and after; each is delivered once, in order.
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { StoreUnavailableError, type EventStore, type Subscription } from '@leadline/eventstore';
import { anEvent, takeMessages } from '@leadline/eventstore/testing';
import { ProtocolStandIn } from '../testing/index.js';
import { openEventStoreDbEventStore } from './open-eventstoredb-event-store.js';

const fast = { initialDelayMs: 20, maxDelayMs: 200, maxAttempts: 50 };
/** Generous: the tests are about order and completeness, and CI machines are shared. */
const WAIT_MS = 20_000;

/** Another client's write that reaches the server while our connection is down. */
function writtenByAnotherClient(standIn: ProtocolStandIn, streamName: string, type: string): void {
  const metadata = Buffer.from(JSON.stringify(anEvent(type).metadata));
  standIn.log.append(streamName, { kind: 'any' }, [
    {
      id: globalThis.crypto.randomUUID(),
      type,
      contentType: 'application/json',
      data: Buffer.from('{}'),
      customMetadata: metadata,
    },
  ]);
}

const typesOf = (messages: readonly { kind: string; event?: { type: string } }[]) =>
  messages.map((message) => (message.kind === 'event' ? message.event?.type : message.kind));

describe('a subscription across a dropped connection', () => {
  let standIn: ProtocolStandIn;
  let store: EventStore;
  let subscription: Subscription | undefined;

  beforeEach(async () => {
    standIn = await ProtocolStandIn.start();
    store = openEventStoreDbEventStore({ connectionString: standIn.connectionString, resubscribe: fast });
  });
  afterEach(async () => {
    await subscription?.stop();
    await store.dispose();
    await standIn.stop();
  });

  it('delivers events from before, during and after the drop once each, in order', async () => {
    await store.append('lead-1', [anEvent('Before1'), anEvent('Before2')]);
    subscription = store.subscribe({ filter: { streamPrefixes: ['lead-'] } });
    expect(typesOf(await takeMessages(subscription, 3, WAIT_MS))).toEqual(['Before1', 'Before2', 'caught-up']);

    await standIn.drop();
    writtenByAnotherClient(standIn, 'lead-2', 'During1');
    writtenByAnotherClient(standIn, 'workflow-1', 'FilteredOut');
    writtenByAnotherClient(standIn, 'lead-1', 'During2');
    await standIn.restart();
    await store.append('lead-3', [anEvent('After1'), anEvent('After2')]);

    expect(typesOf(await takeMessages(subscription, 4, WAIT_MS))).toEqual(['During1', 'During2', 'After1', 'After2']);
    expect(standIn.calls.get('Streams.Read')).toBeGreaterThanOrEqual(2);
    await store.append('lead-1', [anEvent('Later')]);
    expect(typesOf(await takeMessages(subscription, 1, WAIT_MS))).toEqual(['Later']);
  });

  it('resumes a history cut halfway without repeating or skipping an event', async () => {
    for (let batch = 0; batch < 10; batch++)
      await store.append(
        `lead-${batch}`,
        Array.from({ length: 30 }, (_, n) => anEvent('Step', { n: batch * 30 + n })),
      );
    subscription = store.subscribe();
    const first = await takeMessages(subscription, 40, WAIT_MS);
    await standIn.drop();
    await standIn.restart();
    const rest = await takeMessages(subscription, 261, WAIT_MS);
    const steps = [...first, ...rest].flatMap((message) =>
      message.kind === 'event' ? [(message.event.data as { n: number }).n] : [],
    );
    expect(steps).toEqual(Array.from({ length: 300 }, (_, n) => n));
    expect(rest.filter((message) => message.kind === 'caught-up')).toHaveLength(1);
  });

  it('fails with StoreUnavailableError when the server stays away past the attempts allowed', async () => {
    const impatient = openEventStoreDbEventStore({
      connectionString: standIn.connectionString,
      resubscribe: { initialDelayMs: 5, maxDelayMs: 10, maxAttempts: 2 },
    });
    try {
      const doomed = impatient.subscribe();
      expect(typesOf(await takeMessages(doomed, 1, WAIT_MS))).toEqual(['caught-up']);
      await standIn.drop();
      await expect(takeMessages(doomed, 1, WAIT_MS)).rejects.toBeInstanceOf(StoreUnavailableError);
    } finally {
      await impatient.dispose();
    }
  });
});
