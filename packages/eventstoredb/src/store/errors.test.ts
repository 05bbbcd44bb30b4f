// Error mapping through the real client: the server's answers become the port's typed errors, and bad
// input is refused before anything reaches the wire.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import {
  ExpectedRevision,
  InvalidArgumentError,
  StoreUnavailableError,
  StreamDeletedError,
  WrongExpectedRevisionError,
  type EventStore,
} from '@leadline/eventstore';
import { anEvent, collect, expectRejection } from '@leadline/eventstore/testing';
import { ProtocolStandIn } from '../testing/index.js';
import { openEventStoreDbEventStore } from './open-eventstoredb-event-store.js';

describe.each([
  { path: 'BatchAppend', batchAppend: true },
  { path: 'Append', batchAppend: false },
])('error mapping through $path', ({ batchAppend }) => {
  let standIn: ProtocolStandIn;
  let store: EventStore;

  beforeAll(async () => {
    standIn = await ProtocolStandIn.start({ batchAppend });
    store = openEventStoreDbEventStore({ connectionString: standIn.connectionString });
  });
  afterAll(async () => {
    await store.dispose();
    await standIn.stop();
  });

  it('maps wrong expected version to WrongExpectedRevisionError with both revisions', async () => {
    await store.append('lead-1', [anEvent('A'), anEvent('B')]);
    await expectRejection(
      () => store.append('lead-1', [anEvent('C')], { expectedRevision: 0n }),
      WrongExpectedRevisionError,
      {
        code: 'WRONG_EXPECTED_REVISION',
        streamName: 'lead-1',
        expected: 0n,
        actual: 1n,
      },
    );
    await expectRejection(
      () => store.append('lead-9', [anEvent('C')], { expectedRevision: ExpectedRevision.StreamExists }),
      WrongExpectedRevisionError,
      {
        expected: ExpectedRevision.StreamExists,
        actual: ExpectedRevision.NoStream,
      },
    );
  });

  it('maps a tombstoned stream to StreamDeletedError on append, read and delete', async () => {
    await store.append('lead-2', [anEvent('A')]);
    await store.deleteStream('lead-2');
    await expectRejection(() => store.append('lead-2', [anEvent('B')]), StreamDeletedError, { streamName: 'lead-2' });
    await expectRejection(() => collect(store.readStream('lead-2')), StreamDeletedError, { streamName: 'lead-2' });
    await expectRejection(() => store.deleteStream('lead-2'), StreamDeletedError, { streamName: 'lead-2' });
  });

  it('refuses data JSON cannot carry as an invalid argument, and sends nothing', async () => {
    const records = standIn.log.allRecords().length;
    const cyclic: Record<string, unknown> = { name: 'loop' };
    cyclic['self'] = cyclic;
    await expectRejection(() => store.append('lead-4', [anEvent('A'), anEvent('B', cyclic)]), InvalidArgumentError, {
      field: 'events[1].data',
      rule: 'JSON',
    });
    expect(standIn.log.allRecords()).toHaveLength(records);
  });

  it('refuses a negative expected revision before calling the server', async () => {
    // BatchAppend carries many appends on one call, so count what reached the log as well as the calls.
    const observed = () => [
      standIn.log.allRecords().length,
      standIn.calls.get('Streams.Append'),
      standIn.calls.get('Streams.Tombstone'),
    ];
    const before = observed();
    await expectRejection(
      () => store.append('lead-3', [anEvent('A')], { expectedRevision: -1n }),
      InvalidArgumentError,
      { field: 'expectedRevision' },
    );
    await expectRejection(() => store.deleteStream('lead-3', { expectedRevision: -2n }), InvalidArgumentError, {
      field: 'expectedRevision',
    });
    await expectRejection(() => store.append('', [anEvent('A')]), InvalidArgumentError, { field: 'streamName' });
    expect(observed()).toEqual(before);
  });
});

describe('an unreachable server', () => {
  it('turns failed appends, reads and look-ups into StoreUnavailableError', async () => {
    const standIn = await ProtocolStandIn.start();
    await standIn.stop();
    const store = openEventStoreDbEventStore({ connectionString: standIn.connectionString });
    try {
      await expectRejection(() => store.append('lead-1', [anEvent('A')]), StoreUnavailableError, {
        code: 'UNAVAILABLE',
      });
      await expectRejection(() => collect(store.readStream('lead-1')), StoreUnavailableError);
      await expectRejection(() => collect(store.readAll()), StoreUnavailableError);
      await expectRejection(() => store.headPosition(), StoreUnavailableError);
    } finally {
      await store.dispose();
    }
  });

  it('refuses a malformed connection string as an invalid argument', () => {
    expect(() => openEventStoreDbEventStore({ connectionString: 'http://nowhere' })).toThrow(InvalidArgumentError);
    expect(() => openEventStoreDbEventStore({ connectionString: '' })).toThrow(InvalidArgumentError);
  });
});
