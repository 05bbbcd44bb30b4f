// Who, when, why: the metadata every event of a command carries (DESIGN.md section 2).
import type { EventMetadata, JsonValue } from '@leadline/eventstore';
import type { IdGenerator } from '../runtime/clock.js';
import { derivedId } from './idempotency.js';

/** What a caller may say about a command besides its input. */
export interface CommandOptions {
  /**
   * Makes a retried command harmless: the first outcome is returned and nothing new is written, also
   * after a restart (the key is stored in the events' metadata and fixes their ids).
   */
  readonly idempotencyKey?: string;
  /** Ties the command to a wider piece of work; defaults to the event it reacts to, else a new id. */
  readonly correlationId?: string;
  /** Why the command was sent; defaults to `causedBy`'s event id, else the command's own id. */
  readonly causationId?: string;
  /** The event this command reacts to (a reactor, a worker): causation = its id, correlation = its correlation. */
  readonly causedBy?: { readonly eventId: string; readonly metadata: { readonly correlationId: string } };
  /** Extra metadata copied to every event (an import file and row, a form id). Reserved keys are ignored. */
  readonly metadata?: Readonly<Record<string, JsonValue>>;
  /**
   * Optimistic concurrency from a caller that read the stream (an HTTP `If-Match`): the command is
   * refused with REVISION_MISMATCH, nothing written, unless the stream is at this revision.
   */
  readonly expectedRevision?: bigint;
}

/** A command's identity and provenance, fixed once and reused on every retry of the decision. */
export interface CommandEnvelope {
  readonly orgId: string;
  readonly actorId: string;
  readonly commandId: string;
  readonly correlationId: string;
  readonly causationId: string;
  readonly idempotencyKey: string | null;
  readonly extra: Readonly<Record<string, JsonValue>>;
  /** The revision the caller read; null: whatever the stream is at. */
  readonly expectedRevision: bigint | null;
}

const NO_EXTRA: Readonly<Record<string, JsonValue>> = Object.freeze({});
const RESERVED = new Set([
  'orgId',
  'actorId',
  'occurredAt',
  'correlationId',
  'causationId',
  'schemaVersion',
  'idempotencyKey',
]);

export function commandEnvelope(
  orgId: string,
  actorId: string,
  options: CommandOptions,
  ids: IdGenerator,
): CommandEnvelope {
  const key = options.idempotencyKey ?? null;
  const commandId = key === null ? ids.newId() : derivedId(orgId, key, 'command');
  // Most commands carry no extra metadata: no entries arrays to build and filter for them.
  const extra = options.metadata === undefined ? NO_EXTRA : withoutReserved(options.metadata);
  return {
    orgId,
    actorId,
    commandId,
    correlationId: options.correlationId ?? options.causedBy?.metadata.correlationId ?? commandId,
    causationId: options.causationId ?? options.causedBy?.eventId ?? commandId,
    idempotencyKey: key,
    extra,
    expectedRevision: options.expectedRevision ?? null,
  };
}

/** A sub-command of a larger one (organisation setup, one lead of a bulk operation): its own key, same story. */
export function childEnvelope(parent: CommandEnvelope, part: string): CommandEnvelope {
  return {
    ...parent,
    idempotencyKey: parent.idempotencyKey === null ? null : `${parent.idempotencyKey}/${part}`,
    // The revision read was of the parent's stream, not of each part's.
    expectedRevision: null,
  };
}

/** `occurredAt` as a Date or already in ISO 8601 (a command formats its clock's time once for all its events). */
export function eventMetadata(
  envelope: CommandEnvelope,
  occurredAt: Date | string,
  schemaVersion: number,
): EventMetadata {
  const { orgId, actorId, correlationId, causationId, idempotencyKey, extra } = envelope;
  const at = typeof occurredAt === 'string' ? occurredAt : occurredAt.toISOString();
  // A literal for the common command (no extra metadata, no key): spreads take V8's slow path per event.
  if (!hasKeys(extra)) {
    return idempotencyKey === null
      ? { orgId, actorId, occurredAt: at, correlationId, causationId, schemaVersion }
      : { orgId, actorId, occurredAt: at, correlationId, causationId, schemaVersion, idempotencyKey };
  }
  // Extra keys first, then the reserved ones, so those always win (commandEnvelope drops them already).
  // Copied key by key: with the literals above, 11% of the import on compiled JS against plain spreads.
  const metadata: Record<string, unknown> = {};
  for (const key in extra) defineField(metadata, key, extra[key]);
  metadata.orgId = orgId;
  metadata.actorId = actorId;
  metadata.occurredAt = at;
  metadata.correlationId = correlationId;
  metadata.causationId = causationId;
  metadata.schemaVersion = schemaVersion;
  if (idempotencyKey !== null) metadata.idempotencyKey = idempotencyKey;
  return metadata as EventMetadata;
}

/** The caller's extra metadata without the reserved names, copied key by key (no entries arrays per command). */
function withoutReserved(metadata: Readonly<Record<string, JsonValue>>): Readonly<Record<string, JsonValue>> {
  const kept: Record<string, unknown> = {};
  for (const name of Object.keys(metadata)) if (!RESERVED.has(name)) defineField(kept, name, metadata[name]);
  return kept as Readonly<Record<string, JsonValue>>;
}

/** An own field even for the name `__proto__`, which a plain assignment would take as the prototype. */
function defineField(record: Record<string, unknown>, key: string, value: unknown): void {
  if (key === '__proto__')
    Object.defineProperty(record, key, { value, enumerable: true, writable: true, configurable: true });
  else record[key] = value;
}

const hasKeys = (record: object): boolean => {
  for (const _key in record) return true;
  return false;
};
