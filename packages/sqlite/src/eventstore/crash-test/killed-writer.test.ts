import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from '@jest/globals';
import Database from 'better-sqlite3';
import { collect, takeMessages } from '@leadline/eventstore/testing';
import type { RecordedEvent } from '@leadline/eventstore';
import { openSqliteEventStore } from '../open-sqlite-event-store.js';
import type { SqliteDurability } from '../durability.js';
import { batchSize, batchStream, type BatchMarker } from './batch-markers.js';

const folder = mkdtempSync(join(tmpdir(), 'leadline-sqlite-crash-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

interface Writer {
  readonly child: ChildProcess;
  /** Resolves once `count` batches are acknowledged (the writer goes on appending). */
  acknowledged(count: number): Promise<void>;
  /** Kills the writer with SIGKILL; resolves with every batch number it acknowledged. */
  kill(): Promise<number[]>;
}

function startWriter(file: string, durability: SqliteDurability, writer: string, firstBatch: number): Writer {
  const child = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      '--conditions=@leadline/source',
      join(__dirname, 'appending-writer.ts'),
      file,
      durability,
      writer,
      String(firstBatch),
    ],
    {
      cwd: join(__dirname, '..', '..', '..'),
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  const acks: number[] = [];
  let errors = '';
  let buffered = '';
  child.stdout.on('data', (chunk: Buffer) => {
    buffered += chunk.toString();
    const lines = buffered.split('\n');
    buffered = lines.pop() ?? '';
    for (const line of lines) acks.push(Number(line));
  });
  child.stderr.on('data', (chunk: Buffer) => (errors += chunk.toString()));
  return {
    child,
    acknowledged: (count) =>
      new Promise((resolve, reject) => {
        const started = Date.now();
        const look = setInterval(() => {
          if (acks.length >= count) {
            clearInterval(look);
            resolve();
          } else if (child.exitCode !== null || Date.now() - started > 20_000) {
            clearInterval(look);
            reject(
              new Error(
                `writer acknowledged ${acks.length} of ${count} batches (exit ${String(child.exitCode)}): ${errors}`,
              ),
            );
          }
        }, 5);
      }),
    async kill() {
      // 'close' comes after the output pipes are drained: no acknowledgement is left unread.
      const closed = new Promise((resolve) => child.once('close', resolve));
      child.kill('SIGKILL');
      await closed;
      return acks;
    },
  };
}

/** Every batch in the file is whole; returns the number of the last one. */
function expectWholeBatches(events: readonly RecordedEvent[], writer: string): number {
  const batches = new Map<number, RecordedEvent[]>();
  for (const event of events) {
    const marker = event.data as BatchMarker;
    if (marker.writer !== writer) continue;
    batches.set(marker.batch, [...(batches.get(marker.batch) ?? []), event]);
  }
  const numbers = [...batches.keys()].sort((a, b) => a - b);
  // Appends run one after another, so the stored batches are exactly 0..last.
  expect(numbers).toEqual(numbers.map((_, index) => index));
  for (const [batch, stored] of batches) {
    expect(stored.map((event) => (event.data as BatchMarker).index)).toEqual(
      Array.from({ length: batchSize(batch) }, (_, index) => index),
    );
    expect(new Set(stored.map((event) => event.streamName))).toEqual(new Set([batchStream(writer, batch)]));
    const first = stored[0] as RecordedEvent;
    stored.forEach((event, index) => {
      expect(event.position).toBe(first.position + BigInt(index));
      expect(event.revision).toBe(first.revision + BigInt(index));
    });
  }
  return numbers.length - 1;
}

describe('SQLite event store killed (SIGKILL) in the middle of a stream of appends', () => {
  it.each<SqliteDurability>(['full', 'normal'])(
    'keeps every append whole or absent, keeps acknowledged ones, and keeps working (durability %s)',
    async (durability) => {
      const file = join(folder, `killed-${durability}.db`);
      const writer = `w-${durability}`;
      let nextBatch = 0;
      for (const round of [0, 1, 2]) {
        const running = startWriter(file, durability, writer, nextBatch);
        await running.acknowledged(15 + round * 20);
        const acks = await running.kill();

        const check = new Database(file);
        expect(check.pragma('integrity_check', { simple: true })).toBe('ok');
        check.close();
        const store = openSqliteEventStore({ file, durability });
        try {
          const last = expectWholeBatches(await collect(store.readAll()), writer);
          const lastAcknowledged = Math.max(...acks);
          // Acknowledged means stored; at most the one append in flight at the kill may also have landed.
          expect(last === lastAcknowledged || last === lastAcknowledged + 1).toBe(true);
          nextBatch = last + 1;
        } finally {
          await store.dispose();
        }
      }

      const store = openSqliteEventStore({ file, durability });
      try {
        for (let stream = 0; stream < 7; stream++) {
          const name = batchStream(writer, stream);
          const revisions = (await collect(store.readStream(name))).map((event) => event.revision);
          expect(revisions).toEqual(revisions.map((_, index) => BigInt(index)));
          const metadata = {
            orgId: 'o',
            actorId: 'a',
            occurredAt: '2026-01-01T00:00:00.000Z',
            correlationId: 'c',
            causationId: 'c',
            schemaVersion: 1,
          };
          const result = await store.append(name, [{ type: 'AfterCrash', data: {}, metadata }], {
            expectedRevision: BigInt(revisions.length - 1),
          });
          expect(result.nextExpectedRevision).toBe(BigInt(revisions.length));
        }
      } finally {
        await store.dispose();
      }
    },
    90_000,
  );

  it("lets a subscriber in another process follow a writer's appends live, in order, up to the kill", async () => {
    const file = join(folder, 'followed.db');
    const writer = 'followed';
    const store = openSqliteEventStore({ file, durability: 'normal', pollIntervalMs: 20 });
    const subscription = store.subscribe();
    try {
      expect(await takeMessages(subscription, 1)).toEqual([{ kind: 'caught-up', position: 0n }]);
      const running = startWriter(file, 'normal', writer, 0);
      await running.acknowledged(20);
      await running.kill();
      const stored = await collect(store.readAll());
      const delivered = await takeMessages(subscription, stored.length, 10_000);
      expect(delivered).toEqual(stored.map((event) => ({ kind: 'event', event })));
      expectWholeBatches(stored, writer);
    } finally {
      await subscription.stop();
      await store.dispose();
    }
  }, 60_000);
});
