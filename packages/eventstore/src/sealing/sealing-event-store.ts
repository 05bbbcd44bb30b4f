// An event store decorator that seals personal data on the way in and opens it on the way out, with a
// key per contact. The wrapped store only ever holds ciphertext where the policy names personal fields;
// once a contact's keys are erased, every read (a command's load, a projection, a rebuild, an export)
// shows the placeholder instead. Events written before sealing, or of types the policy leaves out, pass
// through as they are.
import type { EventStore, StreamAppend, Subscription, SubscriptionMessage } from '../port/event-store.js';
import type { EventToAppend, RecordedEvent } from '../port/events.js';
import { validateEvents, validateStreamAppends, validateStreamName } from '../validation/append-arguments.js';
import { isEnvelope, openParts, parseEnvelope, sealValue, type ContactKey } from './envelope.js';
import type { ContactKeyStore } from './key-store.js';
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
type KeysLoaded = ReadonlyMap<string, Uint8Array | null>;
const NO_KEYS: KeysLoaded = new Map();

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
  const keyFor = async (contactId: string): Promise<ContactKey> =>
    sealingKeys.get(contactId) ?? remember(sealingKeys, contactId, await keys.keyFor(contactId));
  const keyById = async (keyId: string): Promise<Uint8Array | null> => {
    const cached = openingKeys.get(keyId);
    return cached !== undefined ? cached : remember(openingKeys, keyId, await keys.keyById(keyId));
  };

  async function seal(streamName: string, event: EventToAppend): Promise<EventToAppend> {
    const personal = policy.get(event.type);
    const contactId = personal?.contactOf(event.data, streamName) ?? null;
    if (personal === undefined || contactId === null) return event;
    const key = await keyFor(contactId);
    const data = mapFields(event.data, personal, (value) =>
      typeof value === 'string' && isEnvelope(value) ? value : sealValue(key, value),
    );
    return data === event.data ? event : { ...event, data };
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

  /** The event with its envelopes opened; synchronous when every key it needs is cached (the common case). */
  function openCached<Event extends RecordedEvent>(event: Event): Event | Promise<Event> {
    if (!policy.has(event.type)) return event;
    const missing: string[] = [];
    const data = openIn(event.data, missing, NO_KEYS);
    if (missing.length > 0) return loadKeys(missing).then((loaded) => withData(event, openIn(event.data, [], loaded)));
    return withData(event, data);
  }

  const withData = <Event extends RecordedEvent>(event: Event, data: unknown): Event =>
    data === event.data ? event : { ...event, data, storedData: event.data };

  /** The keys, loaded and cached; returned too, as a full cache may drop them again before they are used. */
  async function loadKeys(keyIds: readonly string[]): Promise<KeysLoaded> {
    const loaded = new Map<string, Uint8Array | null>();
    for (const keyId of new Set(keyIds)) loaded.set(keyId, await keyById(keyId));
    return loaded;
  }

  const open = async <Event extends RecordedEvent>(event: Event): Promise<Event> => openCached(event);

  async function* opening(events: AsyncIterable<RecordedEvent>): AsyncIterable<RecordedEvent> {
    for await (const event of events) {
      const next = openCached(event);
      yield next instanceof Promise ? await next : next;
    }
  }

  return {
    keys,
    async append(streamName, events, appendOptions) {
      const name = validateStreamName(streamName);
      const sealed: EventToAppend[] = [];
      for (const event of validateEvents(events)) sealed.push(await seal(name, event));
      return store.append(streamName, sealed, appendOptions);
    },
    async appendToStreams(appends) {
      const sealed: StreamAppend[] = [];
      for (const part of validateStreamAppends(appends)) {
        const events: EventToAppend[] = [];
        for (const event of part.events) events.push(await seal(part.streamName, event));
        sealed.push({ ...part, events });
      }
      return store.appendToStreams(sealed);
    },
    streamRevisions: (streamNames) => store.streamRevisions(streamNames),
    readStream: (streamName, readOptions) => opening(store.readStream(streamName, readOptions)),
    readAll: (readOptions) => opening(store.readAll(readOptions)),
    subscribe(subscribeOptions) {
      const inner = store.subscribe(subscribeOptions);
      async function* messages(): AsyncGenerator<SubscriptionMessage> {
        for await (const message of inner) {
          yield message.kind === 'event' ? { kind: 'event', event: await open(message.event) } : message;
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
