// Idempotency keys live in the events, not in process memory: the key is written to each event's
// metadata and fixes its id, so a retry after a restart finds the first outcome in the stream.
import { v5 as uuidv5 } from 'uuid';

/** The namespace of every id Leadline derives from an idempotency key (a fixed, random uuid). */
export const LEADLINE_ID_NAMESPACE = '7d0b6c1e-2f4a-5c8e-9b1d-3e6f8a2c4d70';

/**
 * A deterministic uuid for something a keyed command creates (`purpose`: 'lead', 'claim', 'note',
 * 'event:lead-42:0'): the same organisation, key and purpose always give the same id.
 */
export function derivedId(orgId: string, idempotencyKey: string, purpose: string): string {
  return uuidv5(JSON.stringify([orgId, idempotencyKey, purpose]), LEADLINE_ID_NAMESPACE);
}

/** The id of the index-th event a keyed command appends to a stream; the store's idempotent append catches a replay. */
export function derivedEventId(orgId: string, idempotencyKey: string, streamName: string, index: number): string {
  return derivedId(orgId, idempotencyKey, `event:${streamName}:${index}`);
}

export const idempotencyKeyOf = (metadata: { readonly [key: string]: unknown }): string | null =>
  typeof metadata.idempotencyKey === 'string' ? metadata.idempotencyKey : null;
