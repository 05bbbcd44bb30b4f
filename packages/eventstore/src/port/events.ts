// The shapes that cross the event store port. The store knows nothing about leads: data is opaque JSON.

/** Metadata every event carries (see DESIGN.md section 2); adapters store it verbatim. */
export interface EventMetadata {
  readonly orgId: string;
  readonly actorId: string;
  /** ISO 8601, from the injected clock. */
  readonly occurredAt: string;
  readonly correlationId: string;
  readonly causationId: string;
  readonly schemaVersion: number;
  /** Anything else (an idempotency key, a rule id, a source file and row). */
  readonly [key: string]: unknown;
}

export type JsonValue = string | number | boolean | null | readonly JsonValue[] | { readonly [key: string]: JsonValue };

export interface EventToAppend<Type extends string = string, Data = unknown> {
  /** A uuid; generated when absent. Appending an id the stream already holds is an idempotent retry. */
  readonly eventId?: string;
  readonly type: Type;
  readonly data: Data;
  readonly metadata: EventMetadata;
}

export interface RecordedEvent<Type extends string = string, Data = unknown> {
  readonly eventId: string;
  readonly type: Type;
  readonly data: Data;
  readonly metadata: EventMetadata;
  readonly streamName: string;
  /** Zero-based position of the event in its stream. */
  readonly revision: bigint;
  /** Position in the global order of the whole store; strictly increasing, first event > 0n. */
  readonly position: bigint;
}

/** The global position before the first event: read or subscribe `after: START` to get everything. */
export const START = 0n;
