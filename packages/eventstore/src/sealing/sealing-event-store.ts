// An event store decorator that seals personal data on the way in and opens it on the way out, with a
// key per contact. The wrapped store only ever holds ciphertext where the policy names personal fields;
// once a contact's keys are erased, every read (a command's load, a projection, a rebuild, an export)
// shows the placeholder instead. Events written before sealing, or of types the policy leaves out, pass
// through as they are.
import type { EventStore, StreamAppend, Subscription, SubscriptionMessage } from '../port/event-store.js';
import type { EventToAppend, RecordedEvent } from '../port/events.js';
import { validateEvents, validateStreamAppends, validateStreamName } from '../validation/append-arguments.js';
import {
  ERASED_PLACEHOLDER,
  isEnvelope,
  markerIndex,
  openParts,
  openValues,
  parseEnvelope,
  parseEventEnvelope,
  SEALED_PROPERTY,
  sealedMarker,
  sealValues,
  type ContactKey,
} from './envelope.js';
import { newContactKey, type ContactKeyStore, type NewContactKey } from './key-store.js';
import { appendsWithKeys, type KeyedAppendStore } from './keyed-append.js';
import { compilePolicy, mapFields, type PersonalDataPolicy } from './personal-data-policy.js';

export interface SealingOptions {
  readonly keys: ContactKeyStore;
  readonly policy: PersonalDataPolicy;
  /** Keys kept in memory between reads (default 10,000); the cache is dropped whenever a contact is erased. */
  readonly cacheSize?: number;
}

export interface SealingEventStore extends EventStore {
  readonly keys: ContactKeyStore;
  /** Deletes the contact's keys (here and in this process's cache): what it held becomes the placeholder. */
  eraseContact(contactId: string): Promise<number>;
}

/** A recorded event whose data was opened: `storedData` is what the store holds (the sealed form). */
export type OpenedEvent = RecordedEvent & { readonly storedData: unknown };

/** The data as the store holds it: the sealed form of an opened event, else its data. */
export const storedDataOf = (event: RecordedEvent): unknown => ('storedData' in event ? event.storedData : event.data);

const DEFAULT_CACHE_SIZE = 10_000;
const NOT_OPENED: unique symbol = Symbol('not opened');

/** The event envelope a sealed event's data holds, if any. */
const sealedEnvelopeOf = (data: unknown): string | undefined => {
  if (typeof data !== 'object' || data === null || !(SEALED_PROPERTY in data)) return undefined;
  const envelope: unknown = (data as Readonly<Record<string, unknown>>)[SEALED_PROPERTY];
  return typeof envelope === 'string' ? envelope : undefined;
};
type KeysLoaded = ReadonlyMap<string, Uint8Array | null>;
const NO_KEYS: KeysLoaded = new Map();

/** How many events are read ahead to look up the keys they need in one query. */
const OPEN_CHUNK = 256;

export function createSealingEventStore(store: EventStore, options: SealingOptions): SealingEventStore {
  const { keys } = options;
  const policy = compilePolicy(options.policy);
  const cacheSize = options.cacheSize ?? DEFAULT_CACHE_SIZE;
  const sealingKeys = new Map<string, ContactKey>();
  const openingKeys = new Map<string, Uint8Array | null>();
  const remember = <V>(cache: Map<string, V>, id: string, value: V): V => {
    if (cache.size >= cacheSize) cache.clear();
    cache.set(id, value);
    return value;
  };
  /**
   * Whether new contacts' keys go into the event store's append (one transaction with the events): only
   * when the store can, and once the first such append shows the key store reads the table it writes.
   */
  let keyedAppend: 'unchecked' | 'yes' | 'no' = appendsWithKeys(store) ? 'unchecked' : 'no';

  /** The contact's key: cached, made by this append, held by the key store, or made new (into `fresh`). */
  async function keyFor(contactId: string, starts: boolean, fresh: Map<string, NewContactKey>): Promise<ContactKey> {
    const known = sealingKeys.get(contactId) ?? fresh.get(contactId);
    if (known !== undefined) return known;
    if (keyedAppend === 'no') return remember(sealingKeys, contactId, await keys.keyFor(contactId));
    const held = starts ? null : await keys.find(contactId);
    if (held !== null) return remember(sealingKeys, contactId, held);
    const made = { ...newContactKey(), contactId };
    fresh.set(contactId, made);
    return made;
  }

  async function seal(
    streamName: string,
    event: EventToAppend,
    fresh: Map<string, NewContactKey>,
  ): Promise<EventToAppend> {
    const personal = policy.get(event.type);
    const contactId = personal?.contactOf(event.data, streamName) ?? null;
    if (personal === undefined || contactId === null || sealedEnvelopeOf(event.data) !== undefined) return event;
    // Every value the policy names goes into one envelope; its field keeps a marker of its place there.
    const values: unknown[] = [];
    const data = mapFields(event.data, personal, (value) => {
      if (typeof value === 'string' && isEnvelope(value)) return value;
      values.push(value);
      return sealedMarker(values.length - 1);
    });
    if (values.length === 0) return event;
    const key = await keyFor(contactId, personal.startsContact, fresh);
    return { ...event, data: { ...(data as object), [SEALED_PROPERTY]: sealValues(key, values) } };
  }

  /**
   * After an append that stored these new keys with its events: the first time, checks the key store
   * sees them; then remembers them for the appends to come.
   */
  async function keysStored(keyed: KeyedAppendStore, fresh: readonly NewContactKey[]): Promise<void> {
    if (keyedAppend !== 'yes') {
      // A key store elsewhere than the events (another file, another schema) would never see these keys:
      // it takes them now, and from then on it makes every key itself. A key neither holds was not
      // written at all (the append was a retry of a stored batch): that tells nothing either way.
      const seen = await keys.keysById(fresh.map((key) => key.keyId));
      let apart = false;
      for (const key of fresh) {
        if ((seen.get(key.keyId) ?? null) !== null) continue;
        if (!(await keyed.holdsKey(key.keyId))) continue;
        await keys.adopt(key);
        apart = true;
      }
      if (apart) keyedAppend = 'no';
      else if (keyedAppend === 'unchecked' && fresh.some((key) => (seen.get(key.keyId) ?? null) !== null))
        keyedAppend = 'yes';
    }
    for (const key of fresh) remember(sealingKeys, key.contactId, key);
  }

  /**
   * The data with every envelope in it opened, in one walk; key ids not cached (nor in `loaded`) are
   * pushed to `missing` and their envelopes left as they are.
   */
  function openIn(data: unknown, missing: string[], loaded: KeysLoaded): unknown {
    if (typeof data === 'string') {
      const parts = parseEnvelope(data);
      if (parts === null) return data;
      const key = loaded.has(parts.keyId) ? loaded.get(parts.keyId) : openingKeys.get(parts.keyId);
      if (key !== undefined) return openParts(parts, key);
      missing.push(parts.keyId);
      return data;
    }
    if (typeof data !== 'object' || data === null) return data;
    if (Array.isArray(data)) {
      const items = data.map((item: unknown) => openIn(item, missing, loaded));
      return items.some((item, index) => item !== data[index]) ? items : data;
    }
    const object = data as Readonly<Record<string, unknown>>;
    let copy: Record<string, unknown> | null = null;
    for (const name in object) {
      const value = object[name];
      const next = openIn(value, missing, loaded);
      if (next !== value) {
        copy ??= { ...object };
        copy[name] = next;
      }
    }
    return copy ?? data;
  }

  /**
   * The event's data opened with the keys cached (or in `loaded`), or NOT_OPENED when it needs keys
   * neither holds (their ids pushed to `missing`).
   */
  function openData(event: RecordedEvent, missing: string[], loaded: KeysLoaded): unknown {
    const before = missing.length;
    let data = event.data;
    const envelope = sealedEnvelopeOf(data);
    if (envelope !== undefined) {
      const parts = parseEventEnvelope(envelope);
      const key =
        parts === null ? null : loaded.has(parts.keyId) ? loaded.get(parts.keyId) : openingKeys.get(parts.keyId);
      if (key === undefined && parts !== null) {
        missing.push(parts.keyId);
        return NOT_OPENED;
      }
      const values = parts === null ? null : openValues(parts, key ?? null);
      const { [SEALED_PROPERTY]: _sealed, ...rest } = data as Readonly<Record<string, unknown>>;
      const personal = policy.get(event.type);
      data =
        personal === undefined
          ? rest
          : mapFields(rest, personal, (value) => {
              const index = typeof value === 'string' ? markerIndex(value) : null;
              return index === null ? value : (values?.[index] ?? ERASED_PLACEHOLDER);
            });
    }
    // Values sealed one by one (llenc1, as older histories hold them).
    const opened = openIn(data, missing, loaded);
    return missing.length > before ? NOT_OPENED : opened;
  }

  /** The event opened with cached keys, or null when it needs keys not cached (pushed to `missing`). */
  function openCached<Event extends RecordedEvent>(event: Event, missing: string[]): Event | null {
    if (!policy.has(event.type) && sealedEnvelopeOf(event.data) === undefined) return event;
    const data = openData(event, missing, NO_KEYS);
    return data === NOT_OPENED ? null : withData(event, data);
  }

  const withData = <Event extends RecordedEvent>(event: Event, data: unknown): Event =>
    data === event.data ? event : { ...event, data, storedData: event.data };

  /** The keys, loaded in one look and cached; returned too, as a full cache may drop them again before they are used. */
  async function loadKeys(keyIds: readonly string[]): Promise<KeysLoaded> {
    const loaded = await keys.keysById([...new Set(keyIds)]);
    for (const [keyId, key] of loaded) remember(openingKeys, keyId, key);
    return loaded;
  }

  /** The events opened, the keys none of them had cached looked up together. */
  async function openAll<Event extends RecordedEvent>(events: readonly Event[]): Promise<Event[]> {
    const missing: string[] = [];
    const opened = events.map((event) => openCached(event, missing));
    if (missing.length === 0) return opened as Event[];
    const loaded = await loadKeys(missing);
    return events.map((event, index) => opened[index] ?? withData(event, openData(event, [], loaded)));
  }

  async function* opening(events: AsyncIterable<RecordedEvent>): AsyncIterable<RecordedEvent> {
    let chunk: RecordedEvent[] = [];
    for await (const event of events) {
      chunk.push(event);
      if (chunk.length < OPEN_CHUNK) continue;
      yield* await openAll(chunk);
      chunk = [];
    }
    yield* await openAll(chunk);
  }

  return {
    keys,
    async append(streamName, events, appendOptions) {
      const name = validateStreamName(streamName);
      const fresh = new Map<string, NewContactKey>();
      const sealed: EventToAppend[] = [];
      for (const event of validateEvents(events)) sealed.push(await seal(name, event, fresh));
      if (fresh.size === 0 || !appendsWithKeys(store)) return store.append(streamName, sealed, appendOptions);
      const result = await store.appendWithKeys(streamName, sealed, [...fresh.values()], appendOptions);
      await keysStored(store, [...fresh.values()]);
      return result;
    },
    async appendToStreams(appends) {
      const fresh = new Map<string, NewContactKey>();
      const sealed: StreamAppend[] = [];
      for (const part of validateStreamAppends(appends)) {
        const events: EventToAppend[] = [];
        for (const event of part.events) events.push(await seal(part.streamName, event, fresh));
        sealed.push({ ...part, events });
      }
      if (fresh.size === 0 || !appendsWithKeys(store)) return store.appendToStreams(sealed);
      const results = await store.appendToStreamsWithKeys(sealed, [...fresh.values()]);
      await keysStored(store, [...fresh.values()]);
      return results;
    },
    streamRevisions: (streamNames) => store.streamRevisions(streamNames),
    readStream: (streamName, readOptions) => opening(store.readStream(streamName, readOptions)),
    readAll: (readOptions) => opening(store.readAll(readOptions)),
    subscribe(subscribeOptions) {
      const inner = store.subscribe(subscribeOptions);
      async function* messages(): AsyncGenerator<SubscriptionMessage> {
        for await (const message of inner) {
          if (message.kind !== 'event') yield message;
          else yield { kind: 'event', event: (await openAll([message.event]))[0] as RecordedEvent };
        }
      }
      const subscription: Subscription = { stop: () => inner.stop(), [Symbol.asyncIterator]: () => messages() };
      return subscription;
    },
    streamRevision: (streamName) => store.streamRevision(streamName),
    headPosition: () => store.headPosition(),
    deleteStream: (streamName, deleteOptions) => store.deleteStream(streamName, deleteOptions),
    dispose: () => store.dispose(),
    async eraseContact(contactId) {
      const erased = await keys.erase(contactId);
      sealingKeys.clear();
      openingKeys.clear();
      return erased;
    },
  };
}
