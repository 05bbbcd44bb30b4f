// append and deleteStream: the port's rules on top of the server's optimistic concurrency. The server
// checks the expected revision atomically; the adapter adds what the server leaves out (see below).
import { setTimeout as delay } from 'node:timers/promises';
import {
  StreamDeletedError as ClientStreamDeletedError,
  WrongExpectedVersionError,
  type JSONEventData,
} from '@eventstore/db-client';
import {
  ExpectedRevision,
  NO_STREAM_REVISION,
  START,
  StoreUnavailableError,
  WrongExpectedRevisionError,
  checkExpectedRevision,
  classifyBatch,
  validateAppendArguments,
  validateExpectedRevision,
  validateStreamName,
  type AppendOptions,
  type AppendResult,
  type EventToAppend,
  type StoredEventRef,
} from '@leadline/eventstore';
import { toClientEvent } from './codec.js';
import type { StoreContext } from './context.js';
import { actualRevisionOf, toPortError } from './errors.js';
import { lastEventOf, readStream } from './reading.js';

export async function append(
  context: StoreContext,
  streamName: string,
  events: readonly EventToAppend[],
  options?: AppendOptions,
): Promise<AppendResult> {
  context.ensureOpen();
  const checked = validateAppendArguments(streamName, events, options);
  if (checked.events.length === 0) return emptyAppend(context, streamName, checked.expectedRevision);
  const batch = checked.events.map(toClientEvent);
  const ids = batch.map((event) => event.id);
  // The server's own id check covers a retry at the same expected revision only, and writes a batch
  // that repeats a stored id at the stream's current revision. Ids the caller chose may be stored:
  // look them up first. Generated ids are new by construction, and a stream expected not to exist holds
  // none (if it does exist, the server refuses and the refusal is examined below): those skip the read.
  let mayBeStored =
    checked.expectedRevision !== ExpectedRevision.NoStream &&
    checked.events.some((event) => event.eventId !== undefined) &&
    !(
      typeof checked.expectedRevision === 'bigint' &&
      context.knownEventIds.noneStoredThrough(streamName, checked.expectedRevision, ids)
    );
  for (let attempt = 1; ; attempt++) {
    if (mayBeStored) {
      const kind = classifyBatch(streamName, ids.length, await storedRefs(context, streamName, ids));
      if (kind.kind === 'retry') return kind.result;
    }
    try {
      return await appendOnce(context, streamName, batch, checked.expectedRevision);
    } catch (error) {
      // A connection lost mid-append may or may not have written the batch: resend it with the same ids
      // after looking for them, which makes the retry exact (the client's first call after a reconnect
      // fails this way too).
      if (!(error instanceof StoreUnavailableError) || attempt === APPEND_ATTEMPTS) throw error;
      mayBeStored = true;
      await delay(APPEND_RETRY_DELAY_MS * attempt);
    }
  }
}

const APPEND_ATTEMPTS = 3;
const APPEND_RETRY_DELAY_MS = 50;

async function appendOnce(
  context: StoreContext,
  streamName: string,
  batch: JSONEventData[],
  expectedRevision: ExpectedRevision,
): Promise<AppendResult> {
  try {
    const result = await context.client.appendToStream(context.names.toServer(streamName), batch, { expectedRevision });
    rememberWritten(context, streamName, expectedRevision, batch, result.nextExpectedRevision);
    return { nextExpectedRevision: result.nextExpectedRevision, position: result.position?.commit ?? START };
  } catch (error) {
    if (error instanceof ClientStreamDeletedError) context.knownEventIds.forget(streamName);
    if (!(error instanceof WrongExpectedVersionError)) throw toPortError(error, { streamName });
    // A concurrent writer, or a retry of this very batch at another expected revision: look at the stream.
    const ids = batch.map((event) => event.id);
    const kind = classifyBatch(streamName, ids.length, await storedRefs(context, streamName, ids));
    if (kind.kind === 'retry') return kind.result;
    throw new WrongExpectedRevisionError(streamName, expectedRevision, actualRevisionOf(error));
  }
}

/**
 * Remembers the ids of a batch the server just wrote right after the expected revision. An answer that
 * ends elsewhere is the server's idempotent reply to an earlier write, which says nothing new.
 */
function rememberWritten(
  context: StoreContext,
  streamName: string,
  expected: ExpectedRevision,
  batch: readonly JSONEventData[],
  last: bigint,
): void {
  const before = expected === ExpectedRevision.NoStream ? NO_STREAM_REVISION : expected;
  if (typeof before !== 'bigint' || last !== before + BigInt(batch.length)) return;
  batch.forEach((event, index) => context.knownEventIds.observe(streamName, before + 1n + BigInt(index), event.id));
}

/** Tombstones the stream: the server refuses every later read and write of it, retries included. */
export async function deleteStream(context: StoreContext, streamName: string, options?: AppendOptions): Promise<void> {
  context.ensureOpen();
  validateStreamName(streamName);
  const expectedRevision = validateExpectedRevision(options);
  if (expectedRevision === ExpectedRevision.StreamExists) return tombstoneExisting(context, streamName);
  context.knownEventIds.forget(streamName);
  try {
    await context.client.tombstoneStream(context.names.toServer(streamName), { expectedRevision });
  } catch (error) {
    throw toPortError(error, { streamName, expected: expectedRevision });
  }
}

/**
 * The client's typings take no `stream_exists` for a tombstone: tombstone at the stream's current
 * revision instead, and follow a concurrent writer a few times (the stream keeps existing meanwhile).
 */
async function tombstoneExisting(context: StoreContext, streamName: string): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    const last = await lastEventOf(context, streamName);
    if (last === null)
      throw new WrongExpectedRevisionError(streamName, ExpectedRevision.StreamExists, ExpectedRevision.NoStream);
    try {
      await context.client.tombstoneStream(context.names.toServer(streamName), { expectedRevision: last.revision });
      return;
    } catch (error) {
      if (!(error instanceof WrongExpectedVersionError) || attempt === TOMBSTONE_ATTEMPTS) {
        throw toPortError(error, { streamName, expected: ExpectedRevision.StreamExists });
      }
    }
  }
}

const TOMBSTONE_ATTEMPTS = 5;

/** An empty batch writes nothing: check the expectation against the stream and report where it is. */
async function emptyAppend(
  context: StoreContext,
  streamName: string,
  expected: ExpectedRevision,
): Promise<AppendResult> {
  const last = await lastEventOf(context, streamName);
  checkExpectedRevision(streamName, expected, last?.revision ?? ExpectedRevision.NoStream);
  return { nextExpectedRevision: last?.revision ?? NO_STREAM_REVISION, position: last?.position ?? START };
}

/** The events of the stream whose ids are in the batch (the whole stream is read; streams are short). */
async function storedRefs(
  context: StoreContext,
  streamName: string,
  ids: readonly string[],
): Promise<StoredEventRef[]> {
  const wanted = new Set(ids);
  const found: StoredEventRef[] = [];
  for await (const event of readStream(context, streamName)) {
    if (wanted.has(event.eventId))
      found.push({ eventId: event.eventId, streamName, revision: event.revision, position: event.position });
  }
  return found;
}
