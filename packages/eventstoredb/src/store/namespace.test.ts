// Namespaces keep stores apart on one server: the real-server test switch relies on it, and so can
// tenants or test runs sharing a cluster.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { START, type EventStore } from '@leadline/eventstore';
import { anEvent, collect, takeMessages } from '@leadline/eventstore/testing';
import { ProtocolStandIn } from '../testing/index.js';
import { openEventStoreDbEventStore } from './open-eventstoredb-event-store.js';

describe('two stores in different namespaces on one server', () => {
  let standIn: ProtocolStandIn;
  let blue: EventStore;
  let green: EventStore;

  beforeAll(async () => {
    standIn = await ProtocolStandIn.start();
    blue = openEventStoreDbEventStore({ connectionString: standIn.connectionString, namespace: 'blue' });
    green = openEventStoreDbEventStore({ connectionString: standIn.connectionString, namespace: 'green' });
  });
  afterAll(async () => {
    await blue.dispose();
    await green.dispose();
    await standIn.stop();
  });

  it('see only their own streams in reads, the head and subscriptions', async () => {
    expect(await blue.headPosition()).toBe(START);
    const blueAppend = await blue.append('lead-1', [anEvent('BlueCreated')]);
    await green.append('lead-1', [anEvent('GreenCreated'), anEvent('GreenNoted')]);

    expect((await collect(blue.readStream('lead-1'))).map((event) => event.type)).toEqual(['BlueCreated']);
    expect((await collect(blue.readAll())).map((event) => `${event.streamName}:${event.type}`)).toEqual([
      'lead-1:BlueCreated',
    ]);
    expect(await blue.headPosition()).toBe(blueAppend.position);
    expect(await green.streamRevision('lead-1')).toBe(1n);

    const subscription = blue.subscribe({ filter: { eventTypes: ['BlueCreated', 'GreenCreated'] } });
    try {
      const messages = await takeMessages(subscription, 2);
      expect(messages.map((message) => (message.kind === 'event' ? message.event.streamName : message.kind))).toEqual([
        'lead-1',
        'caught-up',
      ]);
    } finally {
      await subscription.stop();
    }
    expect(standIn.log.streamRecords('blue.lead-1')).toHaveLength(1);
    expect(standIn.log.streamRecords('green.lead-1')).toHaveLength(2);
  });
});
