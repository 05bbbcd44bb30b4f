// An event store decorator that seals personal data on the way in and opens it on the way out, with a
// key per contact. The wrapped store only ever holds ciphertext where the policy names personal fields;
// once a contact's keys are erased, every read (a command's load, a projection, a rebuild, an export)
// shows the placeholder instead. Events written before sealing, or of types the policy leaves out, pass
// through as they are.
import type { EventStore, Subscription, SubscriptionMessage } from '../port/event-store.js';
import type { EventToAppend, RecordedEvent } from '../port/events.js';
import { validateEvents, validateStreamName } from '../validation/append-arguments.js';
import { isEnvelope, keyIdOf, openEnvelope, sealValue, type ContactKey } from './envelope.js';
import type { ContactKeyStore } from './key-store.js';
import { collectStrings, mapFields, replaceStrings, type PersonalDataPolicy } from './personal-data-policy.js';

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
const NO_KEYS: ReadonlyMap<string, Uint8Array | null> = new Map();

export function createSealingEventStore(store: EventStore, options: SealingOptions): SealingEventStore {
  const { keys, policy } = options;
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
    const personal = policy[event.type];
    const contactId = personal?.contactOf(event.data, streamName) ?? null;
    if (personal === undefined || contactId === null) return event;
    const key = await keyFor(contactId);
    const data = mapFields(event.data, personal.fields, (value) =>
      typeof value === 'string' && isEnvelope(value) ? value : sealValue(key, value),
    );
    return data === event.data ? event : { ...event, data };
  }

  /** The event with its envelopes opened; synchronous when every key it needs is cached (the common case). */
  function openCached<Event extends RecordedEvent>(event: Event): Event | Promise<Event> {
    if (policy[event.type] === undefined) return event;
    const envelopes = collectStrings(event.data, isEnvelope);
    if (envelopes.length === 0) return event;
    const missing = envelopes.map(keyIdOf).filter((keyId) => keyId !== null && !openingKeys.has(keyId));
    if (missing.length > 0) return loadKeys(missing).then((loaded) => opened(event, envelopes, loaded));
    return opened(event, envelopes, NO_KEYS);
  }

  /** The keys, loaded and cached; returned too, as a full cache may drop them again before they are used. */
  async function loadKeys(keyIds: readonly (string | null)[]): Promise<ReadonlyMap<string, Uint8Array | null>> {
    const loaded = new Map<string, Uint8Array | null>();
    for (const keyId of new Set(keyIds)) if (keyId !== null) loaded.set(keyId, await keyById(keyId));
    return loaded;
  }

  function opened<Event extends RecordedEvent>(
    event: Event,
    envelopes: readonly string[],
    loaded: ReadonlyMap<string, Uint8Array | null>,
  ): Event {
    const values = new Map<string, unknown>();
    for (const envelope of envelopes) {
      const keyId = keyIdOf(envelope);
      const key = keyId === null ? null : (loaded.get(keyId) ?? openingKeys.get(keyId) ?? null);
      values.set(envelope, openEnvelope(envelope, key));
    }
    return { ...event, data: replaceStrings(event.data, values), storedData: event.data };
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
