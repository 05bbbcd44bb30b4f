// What the store remembers of a stream's event ids, and that an append it can vouch for skips the read.
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from '@jest/globals';
import { EventIdConflictError } from '@leadline/eventstore';
import { anEvent, collect, expectRejection } from '@leadline/eventstore/testing';
import { ProtocolStandIn } from '../testing/index.js';
import { KnownEventIds } from './known-event-ids.js';
import { openEventStoreDbEventStore } from './open-eventstoredb-event-store.js';

describe('KnownEventIds', () => {
  it('vouches only for revisions seen from 0 without a gap', () => {
    const known = new KnownEventIds(10);
    expect(known.noneStoredThrough('lead-1', 0n, ['x'])).toBe(false);
    known.observe('lead-1', 0n, 'a');
    known.observe('lead-1', 2n, 'c');
    expect(known.noneStoredThrough('lead-1', 0n, ['x'])).toBe(true);
    expect(known.noneStoredThrough('lead-1', 1n, ['x'])).toBe(false);
    expect(known.noneStoredThrough('lead-1', 0n, ['x', 'a'])).toBe(false);
    known.observe('lead-1', 1n, 'b');
    expect(known.noneStoredThrough('lead-1', 1n, ['c'])).toBe(true);
  });

  it('forgets the least recently used stream beyond its bound, and a deleted one', () => {
    const known = new KnownEventIds(2);
    known.observe('lead-1', 0n, 'a');
    known.observe('lead-2', 0n, 'b');
    expect(known.noneStoredThrough('lead-1', 0n, ['x'])).toBe(true);
    known.observe('lead-3', 0n, 'c');
    expect(known.noneStoredThrough('lead-2', 0n, ['x'])).toBe(false);
    expect(known.noneStoredThrough('lead-1', 0n, ['x'])).toBe(true);
    known.forget('lead-1');
    expect(known.noneStoredThrough('lead-1', 0n, ['x'])).toBe(false);
  });
});

describe('appends with ids the caller chose', () => {
  it('skip reading the stream when the store knows it through the expected revision, and still refuse a stored id', async () => {
    const standIn = await ProtocolStandIn.start();
    const store = openEventStoreDbEventStore({ connectionString: standIn.connectionString });
    try {
      const created = anEvent('LeadCreated', {}, { eventId: randomUUID() });
      await store.append('lead-1', [created], { expectedRevision: 'no_stream' });
      const reads = standIn.calls.get('Streams.Read') ?? 0;
      await store.append('lead-1', [anEvent('NoteLogged', {}, { eventId: randomUUID() })], { expectedRevision: 0n });
      await store.append('lead-1', [anEvent('NoteLogged', {}, { eventId: randomUUID() })], { expectedRevision: 1n });
      expect(standIn.calls.get('Streams.Read') ?? 0).toBe(reads);
      await expectRejection(
        () =>
          store.append('lead-1', [created, anEvent('NoteLogged', {}, { eventId: randomUUID() })], {
            expectedRevision: 2n,
          }),
        EventIdConflictError,
      );
      expect(await collect(store.readStream('lead-1'))).toHaveLength(3);
    } finally {
      await store.dispose();
      await standIn.stop();
    }
  });
});
