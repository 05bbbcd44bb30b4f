// Streams.Read: reads of one stream (forwards, backwards, not found, deleted), reads of `$all`, and
// catch-up subscriptions to `$all` (confirmation, filtered history with checkpoints, caught-up, live).
import type { ServerWritableStream } from '@grpc/grpc-js';
import type { IStreamsServer } from '@eventstore/db-client/generated/streams_grpc_pb.js';
import { ReadReq, ReadResp } from './generated.js';
import { callWriter } from './call-writer.js';
import type { LogRecord, StandInLog } from './log.js';
import { streamDeletedError, streamIdentifier, streamNameOf } from './protocol.js';
import { eventResponse, recordFilter } from './record-messages.js';
import { pumpSubscription } from './subscription-pump.js';

const BACKWARDS = ReadReq.Options.ReadDirection.BACKWARDS;

export function readService(log: StandInLog): Pick<IStreamsServer, 'read'> {
  return {
    read(call) {
      const options = call.request.getOptions();
      if (!options) {
        call.end();
        return;
      }
      if (options.hasSubscription()) {
        void pumpSubscription(log, options, call);
        return;
      }
      if (options.hasAll()) {
        void sendAndEnd(call, readAll(log, options));
        return;
      }
      const streamName = streamNameOf(options.getStream()?.getStreamIdentifier());
      if (log.isTombstoned(streamName)) {
        call.emit('error', streamDeletedError(streamName));
        return;
      }
      const records = log.streamRecords(streamName);
      if (!records) {
        call.write(
          new ReadResp().setStreamNotFound(
            new ReadResp.StreamNotFound().setStreamIdentifier(streamIdentifier(streamName)),
          ),
        );
        call.end();
        return;
      }
      void sendAndEnd(call, readStream(records, options));
    },
  };
}

/** Streams the records with flow control, as the server pages them, then ends the call. */
async function sendAndEnd(call: ServerWritableStream<ReadReq, ReadResp>, records: readonly LogRecord[]): Promise<void> {
  const { send, isClosed } = callWriter(call);
  for (const record of records) {
    if (isClosed()) return;
    await send(eventResponse(record));
  }
  if (!isClosed()) call.end();
}

function readStream(records: readonly LogRecord[], options: ReadReq.Options): readonly LogRecord[] {
  const stream = options.getStream();
  const count = Number(options.getCount());
  if (options.getReadDirection() === BACKWARDS) {
    const from = stream?.hasRevision() ? BigInt(stream.getRevision()) : null;
    return records
      .filter((record) => from === null || record.revision <= from)
      .reverse()
      .slice(0, count);
  }
  const from = stream?.hasRevision() ? BigInt(stream.getRevision()) : 0n;
  return records.filter((record) => record.revision >= from).slice(0, count);
}

/** `$all` positions: forwards from a position is inclusive, backwards from a position is exclusive. */
function readAll(log: StandInLog, options: ReadReq.Options): readonly LogRecord[] {
  const all = options.getAll();
  const count = Number(options.getCount());
  const position = all?.hasPosition() ? BigInt(all.getPosition()?.getCommitPosition() ?? '0') : null;
  const matches = recordFilter(options);
  if (options.getReadDirection() === BACKWARDS) {
    const before = position ?? BigInt(Number.MAX_SAFE_INTEGER) ** 2n;
    return log
      .allRecords()
      .filter((record) => record.position < before && matches(record))
      .reverse()
      .slice(0, count);
  }
  const from = all?.hasEnd() ? BigInt(Number.MAX_SAFE_INTEGER) ** 2n : (position ?? 0n);
  return log.recordsFrom(from).filter(matches).slice(0, count);
}
