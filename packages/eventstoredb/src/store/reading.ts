// Reads: one stream, the whole store, and the look-ups built on them (a stream's revision, the head).
import { BACKWARDS, END, FORWARDS, StreamNotFoundError, type ResolvedEvent } from '@eventstore/db-client';
import {
  START,
  compileEventFilter,
  validateReadAllOptions,
  validateReadStreamOptions,
  validateStreamName,
  type ReadAllOptions,
  type ReadStreamOptions,
  type RecordedEvent,
} from '@leadline/eventstore';
import { toClientPosition, toRecordedEvent } from './codec.js';
import type { StoreContext } from './context.js';
import { toPortError } from './errors.js';

/** The client's read streams: async iterables of resolved events that must be cancelled when left early. */
interface ClientRead extends AsyncIterable<ResolvedEvent> {
  cancel(): Promise<void>;
}

/** Iterates a client read, turning its events into the port's and its errors into typed ones. */
async function* recordedEvents(
  context: StoreContext,
  read: ClientRead,
  streamName?: string,
): AsyncGenerator<RecordedEvent> {
  let finished = false;
  try {
    for await (const resolved of read) {
      const event = toRecordedEvent(resolved, context.names);
      if (event !== null) yield event;
    }
    finished = true;
  } catch (error) {
    finished = true;
    if (error instanceof StreamNotFoundError) return;
    throw toPortError(error, { streamName });
  } finally {
    if (!finished) await read.cancel();
  }
  // A read cut short by dispose() ends quietly in the client; the caller must not take it as complete.
  context.ensureOpen();
}

export async function* readStream(
  context: StoreContext,
  streamName: string,
  options?: ReadStreamOptions,
): AsyncGenerator<RecordedEvent> {
  context.ensureOpen();
  validateStreamName(streamName);
  const { direction, fromRevision, maxCount } = validateReadStreamOptions(options);
  if (maxCount === 0) return;
  const read = context.client.readStream(context.names.toServer(streamName), {
    direction: direction === 'backwards' ? BACKWARDS : FORWARDS,
    fromRevision: fromRevision ?? (direction === 'backwards' ? END : 'start'),
    ...(maxCount === Infinity ? {} : { maxCount }),
  });
  for await (const event of recordedEvents(context, read, streamName)) {
    if (direction === 'forwards') context.knownEventIds.observe(streamName, event.revision, event.eventId);
    yield context.present(event);
  }
}

/** `$all` without system events; the filter is applied here because the client reads `$all` unfiltered. */
export async function* readAll(context: StoreContext, options?: ReadAllOptions): AsyncGenerator<RecordedEvent> {
  context.ensureOpen();
  const { after, maxCount, filter } = validateReadAllOptions(options);
  if (maxCount === 0) return;
  const matches = compileEventFilter(filter);
  const read = context.client.readAll({ fromPosition: toClientPosition(after), direction: FORWARDS });
  let delivered = 0;
  for await (const event of recordedEvents(context, read)) {
    // Reads from a position are inclusive on the server; the port's `after` is exclusive.
    if (event.position <= after || !matches(event)) continue;
    yield context.present(event);
    if (++delivered >= maxCount) return;
  }
}

/** The stream's last event, or null when it does not exist; throws StreamDeletedError for a tombstone. */
export async function lastEventOf(context: StoreContext, streamName: string): Promise<RecordedEvent | null> {
  for await (const event of readStream(context, streamName, { direction: 'backwards', maxCount: 1 })) return event;
  return null;
}

export async function headPosition(context: StoreContext): Promise<bigint> {
  context.ensureOpen();
  const read = context.client.readAll({ fromPosition: END, direction: BACKWARDS });
  for await (const event of recordedEvents(context, read)) return event.position;
  return START;
}
