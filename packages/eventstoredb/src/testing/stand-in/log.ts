// The protocol stand-in's storage: an in-memory transaction log with EventStoreDB's append rules
// (expected versions, idempotency by event id, tombstones) and its positions (commit = prepare = the
// record's log position, never contiguous). Test-only: it lets the real client run without a server.

/** EventStoreDB's revision of a tombstoned stream (`long.MaxValue`). */
export const TOMBSTONE_REVISION = 9_223_372_036_854_775_807n;

export type Expected =
  | { readonly kind: 'any' }
  | { readonly kind: 'no_stream' }
  | { readonly kind: 'stream_exists' }
  | { readonly kind: 'revision'; readonly revision: bigint };

export interface ProposedEvent {
  readonly id: string;
  readonly type: string;
  readonly contentType: string;
  readonly data: Uint8Array;
  readonly customMetadata: Uint8Array;
}

export interface LogRecord extends ProposedEvent {
  readonly streamName: string;
  readonly revision: bigint;
  /** Commit and prepare position: EventStoreDB gives each event of an append its own log position. */
  readonly position: bigint;
  /** .NET ticks, as the server sends them. */
  readonly createdTicks: bigint;
}

export type AppendOutcome =
  | { readonly kind: 'success'; readonly currentRevision: bigint; readonly position: bigint }
  | { readonly kind: 'wrong-expected-version'; readonly currentRevision: bigint | null }
  | { readonly kind: 'stream-deleted' };

interface StreamState {
  readonly records: LogRecord[];
  tombstoned: boolean;
  /** Soft delete: events below this revision are hidden (EventStoreDB's `$tb`). */
  truncateBefore: bigint;
}

const FIRST_LOG_POSITION = 1_024n;
const TICKS_AT_UNIX_EPOCH = 621_355_968_000_000_000n;

export class StandInLog {
  private readonly records: LogRecord[] = [];
  private readonly streams = new Map<string, StreamState>();
  private readonly committedIds = new Map<string, { streamName: string; revision: bigint }>();
  private readonly waiters = new Set<() => void>();
  private nextPosition = FIRST_LOG_POSITION;

  constructor(private readonly now: () => number = Date.now) {
    // A fresh server has written system events before any user event; readers must skip them.
    this.write('$settings', [systemEvent('$settings', { $userStreamAcl: { $r: '$all' } })]);
  }

  /** EventStoreDB's commit check (IndexWriter.CheckCommit), then the write. */
  append(streamName: string, expected: Expected, events: readonly ProposedEvent[]): AppendOutcome {
    const stream = this.streams.get(streamName);
    if (stream?.tombstoned) return { kind: 'stream-deleted' };
    const current = this.currentRevision(streamName);
    const wrong: AppendOutcome = { kind: 'wrong-expected-version', currentRevision: current };
    if (expected.kind === 'stream_exists' && current === null) return wrong;
    if (expected.kind === 'any' || expected.kind === 'stream_exists') {
      const idempotent = this.idempotentByIds(streamName, events);
      if (idempotent === 'corrupted') return wrong;
      if (idempotent) return idempotent;
      return this.write(streamName, events);
    }
    const expectedRevision = expected.kind === 'no_stream' ? -1n : expected.revision;
    const currentOrMinusOne = current ?? -1n;
    if (expectedRevision < currentOrMinusOne) return this.idempotentAt(streamName, expectedRevision, events) ?? wrong;
    if (expectedRevision > currentOrMinusOne) return wrong;
    return this.write(streamName, events);
  }

  /** Hard delete: a `$streamDeleted` record; the stream can never be read or written again. */
  tombstone(streamName: string, expected: Expected): AppendOutcome {
    const check = this.checkDelete(streamName, expected);
    if (check) return check;
    const state = this.stateOf(streamName);
    const record = this.record(streamName, TOMBSTONE_REVISION, systemEvent('$streamDeleted', {}));
    state.tombstoned = true;
    return { kind: 'success', currentRevision: TOMBSTONE_REVISION, position: record.position };
  }

  /** Soft delete: `$metadata` with truncate-before in `$$stream`; reads see no stream, appends recreate it. */
  softDelete(streamName: string, expected: Expected): AppendOutcome {
    const check = this.checkDelete(streamName, expected);
    if (check) return check;
    const state = this.stateOf(streamName);
    state.truncateBefore = (this.currentRevision(streamName) ?? -1n) + 1n;
    const written = this.write(`$$${streamName}`, [systemEvent('$metadata', { $tb: TOMBSTONE_REVISION.toString() })]);
    return written;
  }

  isTombstoned(streamName: string): boolean {
    return this.streams.get(streamName)?.tombstoned ?? false;
  }

  /** The visible events of a stream, or null when it does not exist (never written, or soft-deleted). */
  streamRecords(streamName: string): readonly LogRecord[] | null {
    const state = this.streams.get(streamName);
    if (!state) return null;
    const visible = state.records.filter((record) => record.revision >= state.truncateBefore);
    return visible.length === 0 ? null : visible;
  }

  /** Records with a position greater than or equal to `from`, in log order (includes system records). */
  recordsFrom(from: bigint): readonly LogRecord[] {
    let low = 0;
    let high = this.records.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if ((this.records[middle]?.position ?? 0n) < from) low = middle + 1;
      else high = middle;
    }
    return this.records.slice(low);
  }

  allRecords(): readonly LogRecord[] {
    return this.records;
  }

  /** Resolves on the next write; a live subscription waits here. */
  nextWrite(): Promise<void> {
    return new Promise((resolve) => {
      const wake = (): void => {
        this.waiters.delete(wake);
        resolve();
      };
      this.waiters.add(wake);
    });
  }

  /** Wakes every waiter (used when the stand-in stops, so no subscription pump is left waiting). */
  wakeAll(): void {
    for (const wake of [...this.waiters]) wake();
  }

  private currentRevision(streamName: string): bigint | null {
    const last = this.streams.get(streamName)?.records.at(-1);
    return last ? last.revision : null;
  }

  private checkDelete(streamName: string, expected: Expected): AppendOutcome | null {
    if (this.streams.get(streamName)?.tombstoned) return { kind: 'stream-deleted' };
    const current = this.currentRevision(streamName);
    const matches =
      expected.kind === 'any' ||
      (expected.kind === 'no_stream' && current === null) ||
      (expected.kind === 'stream_exists' && current !== null) ||
      (expected.kind === 'revision' && expected.revision === current);
    return matches ? null : { kind: 'wrong-expected-version', currentRevision: current };
  }

  private idempotentByIds(streamName: string, events: readonly ProposedEvent[]): AppendOutcome | 'corrupted' | null {
    let last: { revision: bigint } | undefined;
    for (const [index, event] of events.entries()) {
      const stored = this.committedIds.get(event.id);
      if (!stored || stored.streamName !== streamName) return index === 0 ? null : 'corrupted';
      last = stored;
    }
    return last ? this.successAt(streamName, last.revision) : null;
  }

  private idempotentAt(
    streamName: string,
    expectedRevision: bigint,
    events: readonly ProposedEvent[],
  ): AppendOutcome | null {
    const records = this.streams.get(streamName)?.records ?? [];
    let revision = expectedRevision;
    for (const event of events) {
      revision += 1n;
      if (records.find((record) => record.revision === revision)?.id !== event.id) return null;
    }
    return events.length === 0 ? null : this.successAt(streamName, revision);
  }

  private successAt(streamName: string, revision: bigint): AppendOutcome {
    const record = this.streams.get(streamName)?.records.find((candidate) => candidate.revision === revision);
    return { kind: 'success', currentRevision: revision, position: record?.position ?? 0n };
  }

  private write(streamName: string, events: readonly ProposedEvent[]): AppendOutcome {
    let revision = this.currentRevision(streamName) ?? -1n;
    let position = 0n;
    for (const event of events) {
      revision += 1n;
      position = this.record(streamName, revision, event).position;
    }
    return { kind: 'success', currentRevision: revision, position };
  }

  private record(streamName: string, revision: bigint, event: ProposedEvent): LogRecord {
    const record: LogRecord = {
      ...event,
      streamName,
      revision,
      position: this.nextPosition,
      createdTicks: BigInt(this.now()) * 10_000n + TICKS_AT_UNIX_EPOCH,
    };
    // Like a transaction file: the next record starts after this one's bytes plus a header.
    this.nextPosition +=
      64n + BigInt(event.data.length + event.customMetadata.length + streamName.length + event.type.length);
    this.records.push(record);
    this.stateOf(streamName).records.push(record);
    this.committedIds.set(event.id, { streamName, revision });
    for (const wake of [...this.waiters]) wake();
    return record;
  }

  private stateOf(streamName: string): StreamState {
    let state = this.streams.get(streamName);
    if (!state) {
      state = { records: [], tombstoned: false, truncateBefore: 0n };
      this.streams.set(streamName, state);
    }
    return state;
  }
}

function systemEvent(type: string, data: unknown): ProposedEvent {
  return {
    id: globalThis.crypto.randomUUID(),
    type,
    contentType: 'application/json',
    data: Buffer.from(JSON.stringify(data)),
    customMetadata: new Uint8Array(),
  };
}
