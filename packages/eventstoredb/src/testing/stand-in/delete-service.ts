// Streams.Delete (soft delete) and Streams.Tombstone (hard delete), unary, errors as trailers.
import type { IStreamsServer } from '@eventstore/db-client/generated/streams_grpc_pb';
import { DeleteResp, TombstoneResp } from '@eventstore/db-client/generated/streams_pb';
import type { AppendOutcome, Expected, StandInLog } from './log';
import { expectedOf, streamDeletedError, streamNameOf, wrongExpectedVersionError } from './protocol';

export function deleteService(log: StandInLog): Pick<IStreamsServer, 'delete' | 'tombstone'> {
  return {
    delete(call, callback) {
      const options = call.request.getOptions();
      const streamName = streamNameOf(options?.getStreamIdentifier());
      const expected: Expected = options ? expectedOf(options, () => options.getRevision()) : { kind: 'any' };
      const outcome = log.softDelete(streamName, expected);
      if (outcome.kind !== 'success') return callback(failure(streamName, expected, outcome), null);
      const position = new DeleteResp.Position().setCommitPosition(String(outcome.position)).setPreparePosition(String(outcome.position));
      callback(null, new DeleteResp().setPosition(position));
    },
    tombstone(call, callback) {
      const options = call.request.getOptions();
      const streamName = streamNameOf(options?.getStreamIdentifier());
      const expected: Expected = options ? expectedOf(options, () => options.getRevision()) : { kind: 'any' };
      const outcome = log.tombstone(streamName, expected);
      if (outcome.kind !== 'success') return callback(failure(streamName, expected, outcome), null);
      const position = new TombstoneResp.Position().setCommitPosition(String(outcome.position)).setPreparePosition(String(outcome.position));
      callback(null, new TombstoneResp().setPosition(position));
    },
  };
}

function failure(streamName: string, expected: Expected, outcome: Exclude<AppendOutcome, { kind: 'success' }>) {
  return outcome.kind === 'stream-deleted'
    ? streamDeletedError(streamName)
    : wrongExpectedVersionError(streamName, expected, outcome.currentRevision);
}
