// Streams.Append (client streaming: options, then one message per event) and Streams.BatchAppend
// (bidirectional: chunks correlated by id, answered in-band) over the stand-in's log.
import type { IStreamsServer } from '@eventstore/db-client/generated/streams_grpc_pb.js';
import { AllStreamPosition, AppendReq, AppendResp, BatchAppendReq, BatchAppendResp, Empty } from './generated.js';
import type { AppendOutcome, Expected, ProposedEvent, StandInLog } from './log.js';
import {
  batchStreamDeleted,
  batchWrongExpectedVersion,
  expectedOf,
  notLeaderError,
  streamDeletedError,
  streamIdentifier,
  streamNameOf,
  uuidString,
} from './protocol.js';

type AppendServer = Pick<IStreamsServer, 'append' | 'batchAppend'>;

interface Proposed {
  getId(): { getString(): string } | undefined;
  getMetadataMap(): { get(key: string): string | undefined };
  getData_asU8(): Uint8Array;
  getCustomMetadata_asU8(): Uint8Array;
}

function proposedEvent(message: Proposed): ProposedEvent {
  return {
    id: message.getId()?.getString() ?? '',
    type: message.getMetadataMap().get('type') ?? '',
    contentType: message.getMetadataMap().get('content-type') ?? 'application/octet-stream',
    data: message.getData_asU8(),
    customMetadata: message.getCustomMetadata_asU8(),
  };
}

/** `leader`: set when the stand-in plays a follower, which refuses writes and names the leader. */
export function appendService(
  log: StandInLog,
  leader?: { readonly host: string; readonly port: number },
): AppendServer {
  return {
    append(call, callback) {
      if (leader) return void call.on('end', () => callback(notLeaderError(leader), null)).resume();
      let streamName = '';
      let expected: Expected = { kind: 'any' };
      const events: ProposedEvent[] = [];
      call.on('data', (request: AppendReq) => {
        const options = request.getOptions();
        if (options) {
          streamName = streamNameOf(options.getStreamIdentifier());
          expected = expectedOf(options, () => options.getRevision());
        }
        const message = request.getProposedMessage();
        if (message) events.push(proposedEvent(message));
      });
      call.on('end', () => {
        const outcome = log.append(streamName, expected, events);
        if (outcome.kind === 'stream-deleted') {
          callback(streamDeletedError(streamName), null);
          return;
        }
        callback(null, appendResponse(outcome, expected));
      });
    },

    batchAppend(call) {
      if (leader) return void call.emit('error', notLeaderError(leader));
      const pending = new Map<string, { streamName: string; expected: Expected; events: ProposedEvent[] }>();
      call.on('data', (request: BatchAppendReq) => {
        const correlationId = uuidString(request.getCorrelationId());
        const options = request.getOptions();
        const batch = pending.get(correlationId) ?? { streamName: '', expected: { kind: 'any' }, events: [] };
        if (options) {
          batch.streamName = streamNameOf(options.getStreamIdentifier());
          batch.expected = expectedOf(options, () => options.getStreamPosition());
        }
        batch.events.push(...request.getProposedMessagesList().map(proposedEvent));
        pending.set(correlationId, batch);
        if (!request.getIsFinal()) return;
        pending.delete(correlationId);
        const outcome = log.append(batch.streamName, batch.expected, batch.events);
        call.write(batchResponse(request, batch.streamName, batch.expected, outcome));
      });
      call.on('end', () => call.end());
    },
  };
}

function appendResponse(outcome: Exclude<AppendOutcome, { kind: 'stream-deleted' }>, expected: Expected): AppendResp {
  if (outcome.kind === 'success') {
    const position = new AppendResp.Position()
      .setCommitPosition(outcome.position.toString())
      .setPreparePosition(outcome.position.toString());
    return new AppendResp().setSuccess(
      new AppendResp.Success().setCurrentRevision(outcome.currentRevision.toString()).setPosition(position),
    );
  }
  const wrong = new AppendResp.WrongExpectedVersion();
  if (outcome.currentRevision === null) wrong.setCurrentNoStream(new Empty());
  else wrong.setCurrentRevision(outcome.currentRevision.toString());
  if (expected.kind === 'any') wrong.setExpectedAny(new Empty());
  else if (expected.kind === 'no_stream') wrong.setExpectedNoStream(new Empty());
  else if (expected.kind === 'stream_exists') wrong.setExpectedStreamExists(new Empty());
  else wrong.setExpectedRevision(expected.revision.toString());
  return new AppendResp().setWrongExpectedVersion(wrong);
}

function batchResponse(
  request: BatchAppendReq,
  streamName: string,
  expected: Expected,
  outcome: AppendOutcome,
): BatchAppendResp {
  const response = new BatchAppendResp()
    .setCorrelationId(request.getCorrelationId())
    .setStreamIdentifier(streamIdentifier(streamName));
  if (expected.kind === 'revision') response.setStreamPosition(expected.revision.toString());
  if (outcome.kind === 'stream-deleted') return response.setError(batchStreamDeleted(streamName));
  if (outcome.kind === 'wrong-expected-version')
    return response.setError(batchWrongExpectedVersion(expected, outcome.currentRevision));
  const position = new AllStreamPosition()
    .setCommitPosition(outcome.position.toString())
    .setPreparePosition(outcome.position.toString());
  return response.setSuccess(
    new BatchAppendResp.Success().setCurrentRevision(outcome.currentRevision.toString()).setPosition(position),
  );
}
