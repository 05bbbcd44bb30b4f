// Converts between the port's events and the client's, and between the port's single global position
// and EventStoreDB's {commit, prepare} pair.
//
// Positions: since 20.x the server writes every event of an append as its own implicitly committed
// record, and `$all` reports each at (commit, prepare) = (its log position, its log position). The commit
// position alone is therefore unique and ordered, and the port uses it as the global position. To
// resume after port position p the adapter reads or subscribes from {commit: p, prepare: p}.
import { randomUUID } from 'node:crypto';
import {
  START as CLIENT_START,
  type JSONEventData,
  type JSONType,
  type Position,
  type ResolvedEvent,
} from '@eventstore/db-client';
import { START, toJsonText, type EventMetadata, type EventToAppend, type RecordedEvent } from '@leadline/eventstore';
import type { StreamNames } from './stream-names.js';

export function toClientPosition(position: bigint): Position | typeof CLIENT_START {
  return position === START ? CLIENT_START : { commit: position, prepare: position };
}

/** A server position ordered against another: commit first, then prepare. */
export function isAfter(candidate: Position, reference: Position): boolean {
  return (
    candidate.commit > reference.commit ||
    (candidate.commit === reference.commit && candidate.prepare > reference.prepare)
  );
}

/**
 * The client's event for the server. Data and metadata must have JSON text: checked here, before
 * anything is sent (the client would throw a bare TypeError for a bigint or a cycle).
 */
export function toClientEvent(event: EventToAppend, index: number): JSONEventData {
  toJsonText(event.data, `events[${index}].data`);
  toJsonText(event.metadata, `events[${index}].metadata`);
  return {
    id: event.eventId ?? randomUUID(),
    contentType: 'application/json',
    type: event.type,
    data: asJson(event.data),
    metadata: asJson(event.metadata),
  };
}

/** The client serialises data with JSON.stringify, which takes any JSON value, not only its JSONType. */
function asJson(value: unknown): JSONType {
  return value as JSONType;
}

/**
 * The port's view of an event read from the server, or null for what the port does not show: system
 * events (`$`-prefixed type or stream), links, and streams outside the store's namespace.
 */
export function toRecordedEvent(resolved: ResolvedEvent, names: StreamNames): RecordedEvent | null {
  const event = resolved.event;
  if (event === undefined || event.type.startsWith('$') || !event.isJson) return null;
  const streamName = names.fromServer(event.streamId);
  if (streamName === null) return null;
  return {
    eventId: event.id,
    type: event.type,
    data: event.data,
    metadata: metadataOf(event.metadata),
    streamName,
    revision: event.revision,
    position: event.position?.commit ?? START,
  };
}

function metadataOf(metadata: unknown): EventMetadata {
  return (typeof metadata === 'object' && metadata !== null ? metadata : {}) as EventMetadata;
}
