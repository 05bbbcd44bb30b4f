// A deliberately naive model of the append rules, to check a store against in property tests.
import { ExpectedRevision, type ExpectedRevision as Expected } from '../../port/revision.js';

export interface ModelStream {
  readonly eventIds: string[];
  deleted: boolean;
}

/** Where each stored event id lives: its stream and revision. */
export interface ModelState {
  readonly streams: Map<string, ModelStream>;
  readonly locations: Map<string, { streamName: string; revision: number }>;
  /** Every event id in the order the store must deliver them globally. */
  readonly log: string[];
}

export type Prediction =
  | { readonly outcome: 'appended'; readonly nextExpectedRevision: bigint }
  | { readonly outcome: 'retry'; readonly lastEventId: string; readonly nextExpectedRevision: bigint }
  | { readonly outcome: 'unchanged'; readonly nextExpectedRevision: bigint }
  | { readonly outcome: 'error'; readonly code: string };

export function emptyModel(): ModelState {
  return { streams: new Map(), locations: new Map(), log: [] };
}

function actual(stream: ModelStream | undefined): bigint | 'no_stream' {
  return stream === undefined || stream.eventIds.length === 0
    ? ExpectedRevision.NoStream
    : BigInt(stream.eventIds.length - 1);
}

function satisfies(expected: Expected, at: bigint | 'no_stream'): boolean {
  if (expected === ExpectedRevision.Any) return true;
  if (expected === ExpectedRevision.NoStream) return at === ExpectedRevision.NoStream;
  if (expected === ExpectedRevision.StreamExists) return at !== ExpectedRevision.NoStream;
  return expected === at;
}

/** Predicts an append and applies it to the model when it writes. */
export function modelAppend(
  model: ModelState,
  streamName: string,
  eventIds: readonly string[],
  expected: Expected,
): Prediction {
  const stream = model.streams.get(streamName);
  if (stream?.deleted === true) return { outcome: 'error', code: 'STREAM_DELETED' };
  const stored = eventIds.map((id) => model.locations.get(id)).filter((location) => location !== undefined);
  if (stored.length > 0) {
    if (stored.length !== eventIds.length || stored.some((location) => location.streamName !== streamName))
      return { outcome: 'error', code: 'EVENT_ID_CONFLICT' };
    const last = Math.max(...stored.map((location) => location.revision));
    return { outcome: 'retry', lastEventId: stream?.eventIds[last] ?? '', nextExpectedRevision: BigInt(last) };
  }
  const at = actual(stream);
  if (!satisfies(expected, at)) return { outcome: 'error', code: 'WRONG_EXPECTED_REVISION' };
  if (eventIds.length === 0)
    return { outcome: 'unchanged', nextExpectedRevision: at === ExpectedRevision.NoStream ? -1n : at };
  const target = stream ?? { eventIds: [], deleted: false };
  model.streams.set(streamName, target);
  for (const id of eventIds) {
    model.locations.set(id, { streamName, revision: target.eventIds.length });
    target.eventIds.push(id);
    model.log.push(id);
  }
  return { outcome: 'appended', nextExpectedRevision: BigInt(target.eventIds.length - 1) };
}

/** Predicts a delete and applies it to the model when it succeeds; returns the error code or null. */
export function modelDelete(model: ModelState, streamName: string, expected: Expected): string | null {
  const stream = model.streams.get(streamName);
  if (stream?.deleted === true) return 'STREAM_DELETED';
  if (!satisfies(expected, actual(stream))) return 'WRONG_EXPECTED_REVISION';
  if (stream === undefined) model.streams.set(streamName, { eventIds: [], deleted: true });
  else stream.deleted = true;
  return null;
}

/** The expected revision a generated choice means for the stream as the model has it. */
export function chooseExpected(model: ModelState, streamName: string, choice: ExpectedChoice): Expected {
  if (choice.kind !== 'exact') return choice.kind;
  const length = model.streams.get(streamName)?.eventIds.length ?? 0;
  return BigInt(Math.max(0, length - 1 + choice.offset));
}

export type ExpectedChoice =
  | {
      readonly kind:
        typeof ExpectedRevision.Any | typeof ExpectedRevision.NoStream | typeof ExpectedRevision.StreamExists;
    }
  | { readonly kind: 'exact'; readonly offset: number };
