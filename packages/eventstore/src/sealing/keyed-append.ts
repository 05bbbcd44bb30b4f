// An event store that writes new contacts' keys in the append's own transaction: the key table lives in
// the same database as the events (SQLite file, PostgreSQL schema), so a new contact costs one more row
// in a transaction that commits anyway, not a transaction (and a disk flush) of its own. The keys and the
// events that need them are durable together or not at all.
import type { AppendOptions, AppendResult, EventStore, StreamAppend } from '../port/event-store.js';
import type { EventToAppend } from '../port/events.js';
import { InvalidArgumentError } from '../port/errors.js';
import { KEY_BYTES } from './envelope.js';
import type { NewContactKey } from './key-store.js';

export interface KeyedAppendStore extends EventStore {
  /**
   * `append`, storing these keys in the store's key table in the same transaction when the events are
   * written (not when the append fails, nor when it is a retry of a batch already stored).
   */
  appendWithKeys(
    streamName: string,
    events: readonly EventToAppend[],
    keys: readonly NewContactKey[],
    options?: AppendOptions,
  ): Promise<AppendResult>;
  /** `appendToStreams`, storing these keys in the same transaction when it writes. */
  appendToStreamsWithKeys(
    appends: readonly StreamAppend[],
    keys: readonly NewContactKey[],
  ): Promise<readonly AppendResult[]>;
  /** Whether the store's own key table holds a key of this id (to check a key store reads that table). */
  holdsKey(keyId: string): Promise<boolean>;
}

export const appendsWithKeys = (store: EventStore): store is KeyedAppendStore =>
  typeof (store as Partial<KeyedAppendStore>).appendWithKeys === 'function' &&
  typeof (store as Partial<KeyedAppendStore>).appendToStreamsWithKeys === 'function' &&
  typeof (store as Partial<KeyedAppendStore>).holdsKey === 'function';

/** The keys as given, checked: a contact, a key id and 32 bytes of key material each. */
export function validateNewKeys(keys: unknown): readonly NewContactKey[] {
  if (!Array.isArray(keys))
    throw new InvalidArgumentError('keys', 'array', 'keys must be an array of new contact keys.');
  return keys.map((key: unknown, index) => {
    const { contactId, keyId, key: material } = (key ?? {}) as Partial<NewContactKey>;
    if (typeof contactId !== 'string' || contactId.length === 0)
      throw new InvalidArgumentError(`keys[${index}].contactId`, 'non-empty string', 'a key names its contact.');
    if (typeof keyId !== 'string' || keyId.length === 0)
      throw new InvalidArgumentError(`keys[${index}].keyId`, 'non-empty string', 'a key has an id.');
    if (!(material instanceof Uint8Array) || material.length !== KEY_BYTES)
      throw new InvalidArgumentError(`keys[${index}].key`, `${KEY_BYTES} bytes`, `a key is ${KEY_BYTES} bytes.`);
    return { contactId, keyId, key: material };
  });
}
