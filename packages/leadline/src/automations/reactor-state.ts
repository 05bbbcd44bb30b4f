// Where reactors keep their checkpoints and parked events. The in-memory store forgets both on
// restart (a reactor then starts again from its `startAt`); pass a durable ReactorStateStore to keep them.
import type { RecordedEvent } from '@leadline/eventstore';

/** An event a reactor gave up on after its last attempt: kept, visible and replayable. */
export interface ParkedEvent {
  readonly reactor: string;
  readonly event: RecordedEvent;
  readonly attempts: number;
  readonly error: { readonly name: string; readonly message: string };
  /** ISO 8601, from the injected clock. */
  readonly parkedAt: string;
}

export interface ReactorStateStore {
  checkpoint(reactor: string): Promise<bigint | null>;
  saveCheckpoint(reactor: string, position: bigint): Promise<void>;
  /** Parks the event and moves the checkpoint past it, together. */
  park(parked: ParkedEvent): Promise<void>;
  /** Removes a parked event once a replay handled it. */
  unpark(reactor: string, eventId: string): Promise<void>;
  parked(reactor?: string): Promise<readonly ParkedEvent[]>;
}

export function createMemoryReactorState(): ReactorStateStore {
  const checkpoints = new Map<string, bigint>();
  const parked = new Map<string, ParkedEvent>();
  const keyOf = (reactor: string, eventId: string): string => JSON.stringify([reactor, eventId]);
  return {
    checkpoint: async (reactor) => checkpoints.get(reactor) ?? null,
    saveCheckpoint: async (reactor, position) => {
      checkpoints.set(reactor, position);
    },
    park: async (entry) => {
      parked.set(keyOf(entry.reactor, entry.event.eventId), entry);
      checkpoints.set(entry.reactor, entry.event.position);
    },
    unpark: async (reactor, eventId) => {
      parked.delete(keyOf(reactor, eventId));
    },
    parked: async (reactor) =>
      [...parked.values()]
        .filter((entry) => reactor === undefined || entry.reactor === reactor)
        .sort((a, b) => (a.event.position < b.event.position ? -1 : a.event.position > b.event.position ? 1 : 0)),
  };
}
