// The memory ceilings' engine: a plain Map of arrays and a global array, no checks beyond the revision.
import type { EventToAppend } from '@leadline/eventstore';
import type { Trial } from '../harness/registry.js';
import { streamEvents, type Command, type CommandPlan } from './command-plan.js';

export interface RawEvent extends EventToAppend {
  readonly streamName: string;
  readonly revision: bigint;
  readonly position: bigint;
}

export interface RawMemory {
  readonly streams: Map<string, RawEvent[]>;
  readonly log: RawEvent[];
}

export const emptyRawMemory = (): RawMemory => ({ streams: new Map(), log: [] });

/**
 * The port is asynchronous, so the simplest code doing its job is too: an async function per
 * command, awaited by the caller, with the exact-revision check and nothing else.
 */
export async function rawAppend(memory: RawMemory, { streamName, event, expectedRevision }: Command): Promise<void> {
  let events = memory.streams.get(streamName);
  const actual = events === undefined ? 'no_stream' : BigInt(events.length - 1);
  if ((expectedRevision === 'no_stream' ? 'no_stream' : expectedRevision) !== actual)
    throw new Error(`${streamName} is at ${String(actual)}`);
  if (events === undefined) memory.streams.set(streamName, (events = []));
  const recorded = record(event, streamName, events.length, memory.log.length + 1);
  events.push(recorded);
  memory.log.push(recorded);
}

export function filledRawMemory(plan: CommandPlan): RawMemory {
  const memory = emptyRawMemory();
  plan.streams.forEach((streamName, lead) => {
    const events = streamEvents(plan, lead).map((event, revision) => record(event, streamName, revision, 0));
    memory.streams.set(streamName, events);
  });
  for (let round = 0; round < 10; round++) {
    for (const events of memory.streams.values()) {
      const event = events[round];
      if (event !== undefined)
        memory.log.push(record(event, event.streamName, Number(event.revision), memory.log.length + 1));
    }
  }
  return memory;
}

/** The simplest asynchronous stream over an array: what `for await` needs, nothing more. */
export async function* eachOf<Item>(items: readonly Item[]): AsyncGenerator<Item> {
  for (const item of items) yield item;
}

// A literal, not a spread: V8 builds `{ ...event, more }` on a slow path, and a ceiling must be the fast code.
function record(event: EventToAppend, streamName: string, revision: number, position: number): RawEvent {
  return {
    eventId: event.eventId,
    type: event.type,
    data: event.data,
    metadata: event.metadata,
    streamName,
    revision: BigInt(revision),
    position: BigInt(position),
  };
}

/** A ceiling trial over the plan's events already in a raw memory (filled outside the clock). */
export function rawMemoryTrial(plan: CommandPlan, run: (memory: RawMemory) => Promise<number>): Promise<Trial> {
  const memory = filledRawMemory(plan);
  return Promise.resolve({ run: () => run(memory), close: () => Promise.resolve() });
}
