// The docs/stores.md sample runs, against the protocol stand-in (the docs test checks the page quotes it).
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { anEvent, collect } from '@leadline/eventstore/testing';
import { ProtocolStandIn } from '@leadline/eventstoredb/testing';
import { openClusterStore } from './open-store.js';

describe('the docs/stores.md EventStoreDB sample', () => {
  let standIn: ProtocolStandIn;
  beforeAll(async () => {
    standIn = await ProtocolStandIn.start();
  });
  afterAll(async () => standIn.stop());

  it('opens a store that appends and reads, under its namespace', async () => {
    const store = openClusterStore(standIn.connectionString);
    try {
      await store.append('lead-1', [anEvent('LeadCreated', { name: 'Ada' })]);
      expect((await collect(store.readStream('lead-1'))).map((event) => event.type)).toEqual(['LeadCreated']);
      expect(standIn.log.streamRecords('leadline.lead-1')).toHaveLength(1);
    } finally {
      await store.dispose();
    }
  });
});
