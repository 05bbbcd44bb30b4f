// A write that reaches a follower is refused with NotLeader naming the leader; the client reconnects
// there and the adapter resends the batch (with the same ids), so the write lands once, on the leader.
import { describe, expect, it } from '@jest/globals';
import { anEvent, collect } from '@leadline/eventstore/testing';
import { ProtocolStandIn } from '../testing/index.js';
import { openEventStoreDbEventStore } from './open-eventstoredb-event-store.js';

describe.each([
  { path: 'BatchAppend', batchAppend: true },
  { path: 'Append', batchAppend: false },
])('an append sent to a follower ($path)', ({ batchAppend }) => {
  it('is redirected to the leader and lands once', async () => {
    const leader = await ProtocolStandIn.start({ batchAppend });
    const follower = await ProtocolStandIn.start({ batchAppend, followerOf: { host: '127.0.0.1', port: leader.port } });
    const store = openEventStoreDbEventStore({ connectionString: follower.connectionString });
    try {
      const result = await store.append('lead-1', [anEvent('LeadCreated')], { expectedRevision: 'no_stream' });
      expect(result.nextExpectedRevision).toBe(0n);
      expect(leader.log.streamRecords('lead-1')).toHaveLength(1);
      expect(follower.log.streamRecords('lead-1')).toBeNull();
      expect((await collect(store.readStream('lead-1'))).map((event) => event.type)).toEqual(['LeadCreated']);
    } finally {
      await store.dispose();
      await follower.stop();
      await leader.stop();
    }
  });
});
