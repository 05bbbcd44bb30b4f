import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { createMemoryEventStore } from '../memory/memory-event-store.js';
import { anEvent, collect, describeEventStoreConformance, describeKeyedSealing } from '../testing/index.js';
import {
  ERASED_PLACEHOLDER,
  isEnvelope,
  isSealedField,
  markerIndex,
  openEnvelope,
  openValues,
  parseEventEnvelope,
  sealValue,
  sealValues,
  withEnvelopesErased,
} from './envelope.js';
import { createMemoryKeyStore, newContactKey, type ContactKeyStore } from './key-store.js';
import { validateNewKeys, type KeyedAppendStore } from './keyed-append.js';
import type { PersonalDataPolicy } from './personal-data-policy.js';
import { createSealingEventStore, storedDataOf } from './sealing-event-store.js';

const policy: PersonalDataPolicy = {
  Registered: { contactOf: (_data, streamName) => streamName, fields: ['name', 'contact.email', 'tags'] },
  Anonymous: { contactOf: () => null, fields: ['name'] },
  Profiled: { contactOf: (_data, streamName) => streamName, fields: ['name'], textFields: ['answers.*'] },
};

const sealedStore = () => {
  const raw = createMemoryEventStore();
  const keys = createMemoryKeyStore();
  return { raw, keys, store: createSealingEventStore(raw, { keys, policy }) };
};

describeEventStoreConformance('the sealing decorator over the memory store', {
  create: (options) =>
    Promise.resolve(createSealingEventStore(createMemoryEventStore(options), { keys: createMemoryKeyStore(), policy })),
});

describe('an envelope', () => {
  it('opens to the value it sealed, for any JSON value, with a fresh IV each time', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        const key = newContactKey();
        const sealed = sealValue(key, value);
        expect(isEnvelope(sealed)).toBe(true);
        expect(sealValue(key, value)).not.toBe(sealed);
        expect(openEnvelope(sealed, key.key)).toEqual(JSON.parse(JSON.stringify(value)));
      }),
    );
  });

  it('reads as the placeholder without its key, with another key, or altered', () => {
    const key = newContactKey();
    const sealed = sealValue(key, 'Grace Hopper');
    expect(openEnvelope(sealed, null)).toBe(ERASED_PLACEHOLDER);
    expect(openEnvelope(sealed, newContactKey().key)).toBe(ERASED_PLACEHOLDER);
    const altered = `${sealed.slice(0, -2)}${sealed.endsWith('AA') ? 'BB' : 'AA'}`;
    expect(openEnvelope(altered, key.key)).toBe(ERASED_PLACEHOLDER);
    expect(openEnvelope('not an envelope', key.key)).toBe(ERASED_PLACEHOLDER);
  });

  it('is replaced by the placeholder wherever it stands in a text', () => {
    const key = newContactKey();
    expect(withEnvelopesErased(`Created "${sealValue(key, 'Ada')}" from ${sealValue(key, 'x')}.`)).toBe(
      `Created "${ERASED_PLACEHOLDER}" from ${ERASED_PLACEHOLDER}.`,
    );
  });
});

describe('the sealing decorator', () => {
  const registered = anEvent('Registered', {
    name: 'Grace Hopper',
    contact: { email: 'grace@navy.example', phone: null },
    tags: ['vip'],
    source: 'Referral',
  });

  it('stores the policy fields sealed and the rest plain, and reads them back opened', async () => {
    const { raw, store } = sealedStore();
    await store.append('person-1', [registered]);
    const [stored] = await collect(raw.readStream('person-1'));
    const data = stored?.data as {
      name: string;
      contact: { email: string; phone: null };
      tags: unknown;
      source: string;
      $sealed: string;
    };
    // One envelope for the event; each sealed field holds its value's place in it.
    expect([data.name, data.contact.email, data.tags]).toEqual(['llenc2#0', 'llenc2#1', 'llenc2#2']);
    expect(data.$sealed).toMatch(/^llenc2\.[0-9a-f-]+\.[\w-]+\.[\w-]+$/);
    expect(data.contact.phone).toBeNull();
    expect(data.source).toBe('Referral');
    expect(JSON.stringify(stored)).not.toMatch(/Grace|grace@|vip/);
    const [read] = await collect(store.readStream('person-1'));
    expect(read?.data).toEqual(registered.data);
    expect(storedDataOf(read ?? (stored as never))).toEqual(stored?.data);
    const [all] = await collect(store.readAll());
    expect(all?.data).toEqual(registered.data);
  });

  it('seals every part of a multi-stream append as it seals one append', async () => {
    const { raw, store } = sealedStore();
    await store.appendToStreams([
      { streamName: 'person-1', events: [registered] },
      { streamName: 'person-2', events: [registered] },
    ]);
    const stored = await collect(raw.readAll());
    expect(stored.map((event) => (event.data as { name: string }).name)).toEqual(['llenc2#0', 'llenc2#0']);
    expect(JSON.stringify(stored)).not.toMatch(/Grace|grace@|vip/);
    expect((await collect(store.readAll())).map((event) => event.data)).toEqual([registered.data, registered.data]);
  });

  it('shows the placeholder in every read once the contact is erased, and erasing again is a no-op', async () => {
    const { store, keys } = sealedStore();
    await store.append('person-1', [registered]);
    await store.append('person-2', [{ ...registered, eventId: undefined }]);
    await collect(store.readAll()); // warms the key cache: erasure must drop it
    expect(await store.eraseContact('person-1')).toBe(1);
    expect(await store.eraseContact('person-1')).toBe(0);
    expect(await keys.count()).toBe(1);
    const [erased, kept] = await collect(store.readAll());
    expect(erased?.data).toEqual({
      name: ERASED_PLACEHOLDER,
      contact: { email: ERASED_PLACEHOLDER, phone: null },
      tags: ERASED_PLACEHOLDER,
      source: 'Referral',
    });
    expect(kept?.data).toEqual(registered.data);
    const subscription = store.subscribe();
    const messages = [];
    for await (const message of subscription) {
      messages.push(message);
      if (message.kind === 'caught-up') break;
    }
    await subscription.stop();
    expect(messages[0]).toMatchObject({ kind: 'event', event: { data: { name: ERASED_PLACEHOLDER } } });
  });

  it('passes plain events through: types outside the policy, no contact, and histories written before sealing', async () => {
    const { raw, store } = sealedStore();
    await raw.append('person-1', [registered]);
    await store.append('other-1', [anEvent('Other', { name: 'Ada' }), anEvent('Anonymous', { name: 'Bob' })]);
    const read = await collect(store.readAll());
    expect(read.map((event) => event.data)).toEqual([registered.data, { name: 'Ada' }, { name: 'Bob' }]);
    expect(storedDataOf(read[0] ?? (undefined as never))).toBe(read[0]?.data);
  });

  it('opens every value with a key cache of one, where each read evicts the key the last one loaded', async () => {
    const raw = createMemoryEventStore();
    const store = createSealingEventStore(raw, { keys: createMemoryKeyStore(), policy, cacheSize: 1 });
    for (const person of ['person-1', 'person-2', 'person-3'])
      await store.append(person, [{ ...registered, eventId: undefined }]);
    const read = await collect(store.readAll());
    expect(read.map((event) => event.data)).toEqual([registered.data, registered.data, registered.data]);
  });

  it('seals every key under a `*` path; text-only paths seal strings and lists, never numbers or booleans', async () => {
    const { raw, store } = sealedStore();
    const profiled = anEvent('Profiled', {
      name: 'Grace',
      answers: { nickname: 'Amazing Grace', languages: ['COBOL', 'FLOW-MATIC'], age: 85, admiral: true, none: null },
    });
    await store.append('person-1', [profiled]);
    const [stored] = await collect(raw.readStream('person-1'));
    const answers = (stored?.data as { answers: Record<string, unknown> }).answers;
    expect([answers['nickname'], answers['languages']]).toEqual(['llenc2#1', 'llenc2#2']);
    expect([answers['age'], answers['admiral'], answers['none']]).toEqual([85, true, null]);
    expect(JSON.stringify(stored?.data)).not.toMatch(/Grace|COBOL/);
    const [read] = await collect(store.readStream('person-1'));
    expect(read?.data).toEqual(profiled.data);
  });

  it('refuses bad arguments as the wrapped store does, writing nothing', async () => {
    const { store } = sealedStore();
    await expect(store.append('person-1', 'nope' as never)).rejects.toMatchObject({ field: 'events', rule: 'array' });
    await expect(store.append('', [registered])).rejects.toMatchObject({ field: 'streamName' });
    expect(await store.headPosition()).toBe(0n);
  });
});

/**
 * The memory store with an append that stores keys into `table`, as a durable store writes its own key
 * table: `table` is the key store when they share it, another one when the key store is elsewhere.
 */
const keyedMemoryStore = (table: ContactKeyStore): KeyedAppendStore & { readonly keysGiven: number[] } => {
  const raw = createMemoryEventStore();
  const keysGiven: number[] = [];
  return {
    ...raw,
    keysGiven,
    async appendWithKeys(streamName, events, keys, options) {
      validateNewKeys(keys);
      keysGiven.push(keys.length);
      const head = await raw.headPosition();
      const result = await raw.append(streamName, events, options);
      // Stored only when the events were written (not for a retry of a stored batch).
      if (result.position > head) for (const key of keys) await table.adopt(key);
      return result;
    },
    async appendToStreamsWithKeys(appends, keys) {
      validateNewKeys(keys);
      keysGiven.push(keys.length);
      const head = await raw.headPosition();
      const results = await raw.appendToStreams(appends);
      if ((await raw.headPosition()) > head) for (const key of keys) await table.adopt(key);
      return results;
    },
    holdsKey: async (keyId) => (await table.keyById(keyId)) !== null,
  };
};

describeKeyedSealing('the memory store (keys made by the key store)', {
  keyedAppend: false,
  open: () => {
    const events = createMemoryEventStore();
    return Promise.resolve({ events, keys: createMemoryKeyStore(), dispose: () => events.dispose() });
  },
});

describeKeyedSealing('a store that appends with keys into the key store’s table', {
  keyedAppend: true,
  open: () => {
    const keys = createMemoryKeyStore();
    const events = keyedMemoryStore(keys);
    return Promise.resolve({ events, keys, dispose: () => events.dispose() });
  },
});

describe('the sealing decorator and where keys are stored', () => {
  const joined = (name: string) => anEvent('Registered', { name, contact: { email: `${name}@example.com` } });

  it('gives a key store elsewhere than the store’s key table the keys of its first append, then makes every key there', async () => {
    const elsewhere = createMemoryKeyStore();
    const keys = createMemoryKeyStore();
    const events = keyedMemoryStore(elsewhere);
    const store = createSealingEventStore(events, { keys, policy });
    await store.append('person-1', [joined('grace')]);
    await store.append('person-2', [joined('alan')]);
    expect(events.keysGiven).toEqual([1]);
    expect(await keys.count()).toBe(2);
    const read = await collect(createSealingEventStore(events, { keys, policy }).readAll());
    expect(read.map((event) => (event.data as { name: string }).name)).toEqual(['grace', 'alan']);
  });

  it('looks up the keys a read needs in one call per 256 events, none of them one by one', async () => {
    const keys = createMemoryKeyStore();
    const raw = createMemoryEventStore();
    const writer = createSealingEventStore(raw, { keys, policy });
    for (let person = 0; person < 600; person++) await writer.append(`person-${person}`, [joined(`p${person}`)]);
    const calls = { byId: 0, batches: [] as number[] };
    const counting: ContactKeyStore = {
      ...keys,
      keyById: (keyId) => {
        calls.byId += 1;
        return keys.keyById(keyId);
      },
      keysById: (keyIds) => {
        calls.batches.push(keyIds.length);
        return keys.keysById(keyIds);
      },
    };
    const read = await collect(createSealingEventStore(raw, { keys: counting, policy }).readAll());
    expect(read.map((event) => (event.data as { name: string }).name)).toEqual(
      Array.from({ length: 600 }, (_, person) => `p${person}`),
    );
    expect(calls).toEqual({ byId: 0, batches: [256, 256, 88] });
  });
});

describe('one envelope per event (llenc2) beside envelopes per value (llenc1)', () => {
  it('opens an event envelope to the values it sealed, in order, and to nothing without its key', () => {
    fc.assert(
      fc.property(fc.array(fc.jsonValue(), { minLength: 1, maxLength: 8 }), (values) => {
        const key = newContactKey();
        const parts = parseEventEnvelope(sealValues(key, values));
        expect(parts).not.toBeNull();
        if (parts === null) return;
        expect(openValues(parts, key.key)).toEqual(JSON.parse(JSON.stringify(values)));
        expect(openValues(parts, null)).toBeNull();
        expect(openValues(parts, newContactKey().key)).toBeNull();
      }),
    );
  });

  it('reads markers only as whole texts, and erases them wherever they stand in a text', () => {
    expect([
      markerIndex('llenc2#0'),
      markerIndex('llenc2#12'),
      markerIndex('llenc2#'),
      markerIndex('x llenc2#1'),
    ]).toEqual([0, 12, null, null]);
    expect(isSealedField('llenc2#3')).toBe(true);
    expect(isSealedField(sealValue(newContactKey(), 'Ada'))).toBe(true);
    expect(isSealedField('Ada')).toBe(false);
    expect(withEnvelopesErased(`Renamed llenc2#0 to llenc2#1`)).toBe(
      `Renamed ${ERASED_PLACEHOLDER} to ${ERASED_PLACEHOLDER}`,
    );
  });

  it('opens a history sealed value by value (llenc1) as before, beside events sealed whole', async () => {
    const { raw, keys, store } = sealedStore();
    const key = await keys.keyFor('person-1');
    await raw.append('person-1', [anEvent('Registered', { name: sealValue(key, 'Grace'), source: 'Referral' })]);
    await store.append('person-1', [anEvent('Registered', { name: 'Ada', source: 'Web' })]);
    const read = await collect(store.readStream('person-1'));
    expect(read.map((event) => event.data)).toEqual([
      { name: 'Grace', source: 'Referral' },
      { name: 'Ada', source: 'Web' },
    ]);
    await store.eraseContact('person-1');
    const erased = await collect(store.readStream('person-1'));
    expect(erased.map((event) => event.data)).toEqual([
      { name: ERASED_PLACEHOLDER, source: 'Referral' },
      { name: ERASED_PLACEHOLDER, source: 'Web' },
    ]);
  });

  it('keeps text that looks like a marker as the person typed it: sealed in a sealed field, plain elsewhere', async () => {
    const { raw, store } = sealedStore();
    await store.append('person-1', [anEvent('Registered', { name: 'llenc2#1', tags: ['a'], source: 'llenc2#0' })]);
    const [stored] = await collect(raw.readStream('person-1'));
    expect(stored?.data).toMatchObject({ name: 'llenc2#0', tags: 'llenc2#1', source: 'llenc2#0' });
    const [read] = await collect(store.readStream('person-1'));
    expect(read?.data).toEqual({ name: 'llenc2#1', tags: ['a'], source: 'llenc2#0' });
  });
});
