// Tells an exact retry of a stored batch from a fresh batch, and rejects anything in between.
import type { AppendResult } from '../port/event-store.js';
import { EventIdConflictError } from '../port/errors.js';

/** Where an event id of the batch is already stored. */
export interface StoredEventRef {
  readonly eventId: string;
  readonly streamName: string;
  readonly revision: bigint;
  readonly position: bigint;
}

export type BatchKind = { readonly kind: 'new' } | { readonly kind: 'retry'; readonly result: AppendResult };

const fresh: BatchKind = { kind: 'new' };

/**
 * `stored` are the events of the store whose ids appear in the batch (any stream). A batch whose ids
 * are all stored in this stream is a retry and gets the original result; none stored is new; anything
 * else (some stored, or stored in another stream) throws EventIdConflictError.
 */
export function classifyBatch(streamName: string, batchSize: number, stored: readonly StoredEventRef[]): BatchKind {
  if (stored.length === 0) return fresh;
  const foreign = stored.filter((event) => event.streamName !== streamName);
  if (foreign.length > 0)
    throw new EventIdConflictError(
      streamName,
      foreign.map((event) => event.eventId),
    );
  if (stored.length !== batchSize)
    throw new EventIdConflictError(
      streamName,
      stored.map((event) => event.eventId),
    );
  let last = stored[0] as StoredEventRef;
  for (const event of stored) if (event.revision > last.revision) last = event;
  return { kind: 'retry', result: { nextExpectedRevision: last.revision, position: last.position } };
}
