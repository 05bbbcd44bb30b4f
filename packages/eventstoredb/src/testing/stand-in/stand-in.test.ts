// The protocol stand-in speaks the protocol the real client expects: each test drives the client itself.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import {
  EventStoreDBClient,
  jsonEvent,
  BACKWARDS,
  END,
  START,
  StreamDeletedError,
  StreamNotFoundError,
  WrongExpectedVersionError,
  eventTypeFilter,
  streamNameFilter,
  type ResolvedEvent,
} from '@eventstore/db-client';
import { ProtocolStandIn } from './stand-in.js';

const event = (type: string, data: Record<string, unknown> = {}) => jsonEvent({ type, data });

async function collect(read: AsyncIterable<ResolvedEvent>): Promise<ResolvedEvent[]> {
  const events: ResolvedEvent[] = [];
  for await (const resolved of read) events.push(resolved);
  return events;
}

describe.each([
  { path: 'BatchAppend', batchAppend: true },
  { path: 'Append', batchAppend: false },
])('protocol stand-in through the $path path', ({ batchAppend }) => {
  let standIn: ProtocolStandIn;
  let client: EventStoreDBClient;

  beforeAll(async () => {
    standIn = await ProtocolStandIn.start({ batchAppend });
    client = EventStoreDBClient.connectionString(standIn.connectionString);
  });
  afterAll(async () => {
    await client.dispose();
    await standIn.stop();
  });

  it('is reached through the advertised append path', async () => {
    await client.appendToStream('path-1', [event('Probe')]);
    const used = batchAppend ? 'Streams.BatchAppend' : 'Streams.Append';
    const unused = batchAppend ? 'Streams.Append' : 'Streams.BatchAppend';
    expect(standIn.calls.get(used)).toBeGreaterThan(0);
    expect(standIn.calls.get(unused)).toBeUndefined();
  });

  it('appends, with revisions and distinct increasing positions per event', async () => {
    const result = await client.appendToStream('order-1', [event('A'), event('B')], { expectedRevision: 'no_stream' });
    expect(result.nextExpectedRevision).toBe(1n);
    const events = await collect(client.readStream('order-1'));
    expect(events.map((resolved) => [resolved.event?.type, resolved.event?.revision])).toEqual([
      ['A', 0n],
      ['B', 1n],
    ]);
    const [first, second] = events.map((resolved) => resolved.event?.position?.commit ?? 0n);
    expect(second).toBeGreaterThan(first ?? 0n);
    expect(result.position?.commit).toBe(second);
  });

  it('reports a wrong expected version with the current revision', async () => {
    const failure = client.appendToStream('order-1', [event('C')], { expectedRevision: 5n });
    await expect(failure).rejects.toBeInstanceOf(WrongExpectedVersionError);
    await expect(failure).rejects.toMatchObject({ actualVersion: 1n, expectedVersion: 5n });
  });

  it('treats a retry with the same ids and expected revision as already written', async () => {
    const batch = [event('D'), event('E')];
    const first = await client.appendToStream('order-2', batch, { expectedRevision: 'no_stream' });
    const retry = await client.appendToStream('order-2', batch, { expectedRevision: 'no_stream' });
    expect(retry).toEqual(first);
    expect(await collect(client.readStream('order-2'))).toHaveLength(2);
  });

  it('reads backwards from a revision, and reports a missing stream', async () => {
    const events = await collect(
      client.readStream('order-1', { direction: BACKWARDS, fromRevision: END, maxCount: 1 }),
    );
    expect(events.map((resolved) => resolved.event?.type)).toEqual(['B']);
    await expect(collect(client.readStream('missing-1'))).rejects.toBeInstanceOf(StreamNotFoundError);
  });

  it('reads $all forwards with system events, and from a position inclusively', async () => {
    const all = await collect(client.readAll({ fromPosition: START }));
    expect(all.some((resolved) => resolved.event?.type.startsWith('$'))).toBe(true);
    const second = all[1]?.event?.position;
    if (!second) throw new Error('expected two events in $all');
    const fromSecond = await collect(client.readAll({ fromPosition: second, maxCount: 1 }));
    expect(fromSecond[0]?.event?.id).toBe(all[1]?.event?.id);
  });

  it('tombstones: reads and appends fail with stream deleted', async () => {
    await client.appendToStream('order-3', [event('F')]);
    await client.tombstoneStream('order-3');
    await expect(collect(client.readStream('order-3'))).rejects.toBeInstanceOf(StreamDeletedError);
    await expect(client.appendToStream('order-3', [event('G')])).rejects.toBeInstanceOf(StreamDeletedError);
  });

  it('soft-deletes: the stream reads as not found', async () => {
    await client.appendToStream('order-4', [event('H')]);
    await client.deleteStream('order-4');
    await expect(collect(client.readStream('order-4'))).rejects.toBeInstanceOf(StreamNotFoundError);
    await expect(client.deleteStream('order-4', { expectedRevision: 7n })).rejects.toBeInstanceOf(
      WrongExpectedVersionError,
    );
  });

  it('subscribes with a filter: history, checkpoints, caught-up, then live', async () => {
    for (let index = 0; index < 40; index += 1) await client.appendToStream(`noise-${index}`, [event('Noise')]);
    await client.appendToStream('invoice-1', [event('Invoiced', { n: 1 })]);
    const checkpoints: bigint[] = [];
    const subscription = client.subscribeToAll({
      fromPosition: START,
      filter: {
        ...streamNameFilter({ prefixes: ['invoice-'] }),
        checkpointReached: (_s, position) => void checkpoints.push(position.commit),
      },
    });
    const seen: string[] = [];
    let caughtUp = false;
    subscription.on('caughtUp', () => {
      caughtUp = true;
      void client.appendToStream('invoice-2', [event('Invoiced', { n: 2 })]);
    });
    for await (const resolved of subscription) {
      seen.push(resolved.event?.streamId ?? '');
      if (seen.length === 2) break;
    }
    expect(seen).toEqual(['invoice-1', 'invoice-2']);
    expect(caughtUp).toBe(true);
    expect(checkpoints.length).toBeGreaterThan(0);
  });

  it('filters a subscription by event type regex', async () => {
    const subscription = client.subscribeToAll({
      fromPosition: START,
      filter: eventTypeFilter({ regex: '^Invoiced$' }),
    });
    const types: string[] = [];
    for await (const resolved of subscription) {
      types.push(resolved.event?.type ?? '');
      if (types.length === 2) break;
    }
    expect(types).toEqual(['Invoiced', 'Invoiced']);
  });
});

describe('protocol stand-in discovery', () => {
  it('answers gossip so a discover connection string reaches it', async () => {
    const standIn = await ProtocolStandIn.start();
    const client = EventStoreDBClient.connectionString(`esdb+discover://127.0.0.1:${standIn.port}?tls=false`);
    try {
      await client.appendToStream('gossip-1', [event('Found')]);
      expect(await collect(client.readStream('gossip-1'))).toHaveLength(1);
    } finally {
      await client.dispose();
      await standIn.stop();
    }
  });
});
