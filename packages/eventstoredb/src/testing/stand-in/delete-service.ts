// Streams.Delete (soft delete) and Streams.Tombstone (hard delete), unary, errors as trailers.
import type { handleUnaryCall } from '@grpc/grpc-js';
import type { IStreamsServer } from '@eventstore/db-client/generated/streams_grpc_pb.js';
import { DeleteReq, DeleteResp, TombstoneReq, TombstoneResp } from './generated.js';
import type { AppendOutcome, Expected, StandInLog } from './log.js';
import { expectedOf, streamDeletedError, streamNameOf, wrongExpectedVersionError } from './protocol.js';

export function deleteService(log: StandInLog): Pick<IStreamsServer, 'delete' | 'tombstone'> {
  return {
    delete: deletion<DeleteReq, DeleteResp>(
      (streamName, expected) => log.softDelete(streamName, expected),
      (position) =>
        new DeleteResp().setPosition(
          new DeleteResp.Position().setCommitPosition(position).setPreparePosition(position),
        ),
    ),
    tombstone: deletion<TombstoneReq, TombstoneResp>(
      (streamName, expected) => log.tombstone(streamName, expected),
      (position) =>
        new TombstoneResp().setPosition(
          new TombstoneResp.Position().setCommitPosition(position).setPreparePosition(position),
        ),
    ),
  };
}

type DeletionRequest = DeleteReq | TombstoneReq;

function deletion<Request extends DeletionRequest, Response>(
  remove: (streamName: string, expected: Expected) => AppendOutcome,
  respond: (position: string) => Response,
): handleUnaryCall<Request, Response> {
  return (call, callback) => {
    const options = call.request.getOptions();
    const streamName = streamNameOf(options?.getStreamIdentifier());
    const expected: Expected = options ? expectedOf(options, () => options.getRevision()) : { kind: 'any' };
    const outcome = remove(streamName, expected);
    if (outcome.kind === 'success') {
      callback(null, respond(String(outcome.position)));
      return;
    }
    callback(
      outcome.kind === 'stream-deleted'
        ? streamDeletedError(streamName)
        : wrongExpectedVersionError(streamName, expected, outcome.currentRevision),
      null,
    );
  };
}
