// Message helpers for the protocol stand-in: the client package's own generated protobuf classes,
// and the error shapes EventStoreDB puts on the wire (trailers with `exception`, rpc Status details).
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import { Metadata, status, type ServiceError } from '@grpc/grpc-js';
import { Code, Status, StreamDeleted, StreamIdentifier, UUID, WrongExpectedVersion } from './generated.js';
import type { Expected } from './log.js';

/** google.protobuf's Any and Empty from the module instance the generated code uses (not our dependency). */
type AnyMessage = NonNullable<Parameters<Status['setDetails']>[0]>;
type EmptyMessage = NonNullable<Parameters<WrongExpectedVersion['setCurrentNoStream']>[0]>;
const require = createRequire(import.meta.url);
const clientFolder = dirname(require.resolve('@eventstore/db-client/package.json'));
const besideClient = (id: string): unknown => require(require.resolve(id, { paths: [clientFolder] }));
const anyModule = besideClient('google-protobuf/google/protobuf/any_pb') as { Any: new () => AnyMessage };
// WrongExpectedVersion's setters take google.protobuf.Empty, not the client's own Empty message.
const { Empty: ProtobufEmpty } = besideClient('google-protobuf/google/protobuf/empty_pb') as {
  Empty: new () => EmptyMessage;
};

export function streamNameOf(identifier: StreamIdentifier | undefined): string {
  return Buffer.from(identifier?.getStreamName_asU8() ?? new Uint8Array()).toString('utf8');
}

export function streamIdentifier(streamName: string): StreamIdentifier {
  return new StreamIdentifier().setStreamName(Buffer.from(streamName, 'utf8'));
}

export function uuidString(uuid: UUID | undefined): string {
  return uuid?.getString() ?? '';
}

export function uuidMessage(value: string): UUID {
  return new UUID().setString(value);
}

/** Reads the expected-revision oneof every write request carries, whatever its message class. */
export function expectedOf(
  options: {
    hasAny(): boolean;
    hasNoStream(): boolean;
    hasStreamExists(): boolean;
  },
  revision: () => string,
): Expected {
  if (options.hasAny()) return { kind: 'any' };
  if (options.hasNoStream()) return { kind: 'no_stream' };
  if (options.hasStreamExists()) return { kind: 'stream_exists' };
  return { kind: 'revision', revision: BigInt(revision()) };
}

/** EventStoreDB's numeric expected version, as it appears in `expected-version` trailers. */
export function expectedVersionNumber(expected: Expected): string {
  if (expected.kind === 'revision') return expected.revision.toString();
  return { any: '-2', no_stream: '-1', stream_exists: '-4' }[expected.kind];
}

/** A failed call shaped like the server's RpcExceptions: a status code plus `exception` trailers. */
export function serverError(code: status, message: string, trailers: Record<string, string>): Partial<ServiceError> {
  const metadata = new Metadata();
  for (const [key, value] of Object.entries(trailers)) metadata.set(key, value);
  return { code, details: message, metadata };
}

/** What a follower answers a write: the leader's address, which the client reconnects to. */
export function notLeaderError(leader: { readonly host: string; readonly port: number }): Partial<ServiceError> {
  return serverError(status.NOT_FOUND, 'Leader info available', {
    exception: 'not-leader',
    'leader-endpoint-host': leader.host,
    'leader-endpoint-port': String(leader.port),
  });
}

export function streamDeletedError(streamName: string): Partial<ServiceError> {
  return serverError(status.FAILED_PRECONDITION, `Event stream '${streamName}' is deleted.`, {
    exception: 'stream-deleted',
    'stream-name': streamName,
  });
}

export function wrongExpectedVersionError(
  streamName: string,
  expected: Expected,
  current: bigint | null,
): Partial<ServiceError> {
  const trailers: Record<string, string> = {
    exception: 'wrong-expected-version',
    'stream-name': streamName,
    'expected-version': expectedVersionNumber(expected),
  };
  if (current !== null) trailers['actual-version'] = current.toString();
  return serverError(
    status.FAILED_PRECONDITION,
    `Append failed due to WrongExpectedVersion. Stream: ${streamName}`,
    trailers,
  );
}

/** BatchAppend reports failures in-band: a google.rpc.Status whose details pack the typed error. */
export function batchWrongExpectedVersion(expected: Expected, current: bigint | null): Status {
  const details = new WrongExpectedVersion();
  if (current === null) details.setCurrentNoStream(new ProtobufEmpty());
  else details.setCurrentStreamRevision(current.toString());
  if (expected.kind === 'any') details.setExpectedAny(new ProtobufEmpty());
  else if (expected.kind === 'no_stream') details.setExpectedNoStream(new ProtobufEmpty());
  else if (expected.kind === 'stream_exists') details.setExpectedStreamExists(new ProtobufEmpty());
  else details.setExpectedStreamPosition(expected.revision.toString());
  return packedStatus(details.serializeBinary(), 'event_store.client.WrongExpectedVersion', 'WrongExpectedVersion');
}

export function batchStreamDeleted(streamName: string): Status {
  const details = new StreamDeleted().setStreamIdentifier(streamIdentifier(streamName));
  return packedStatus(details.serializeBinary(), 'event_store.client.StreamDeleted', 'StreamDeleted');
}

function packedStatus(serialized: Uint8Array, typeName: string, message: string): Status {
  const any = new anyModule.Any();
  any.pack(serialized, typeName);
  return new Status().setCode(Code.FAILED_PRECONDITION).setMessage(message).setDetails(any);
}
