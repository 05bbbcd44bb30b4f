import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { createMemoryEventStore } from '../memory/memory-event-store.js';
import { anEvent, collect, describeEventStoreConformance } from '../testing/index.js';
import { ERASED_PLACEHOLDER, isEnvelope, openEnvelope, sealValue, withEnvelopesErased } from './envelope.js';
import { createMemoryKeyStore, newContactKey } from './key-store.js';
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
    };
    expect([isEnvelope(data.name), isEnvelope(data.contact.email), isEnvelope(data.tags as string)]).toEqual([
      true,
      true,
      true,
    ]);
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
    expect(stored.map((event) => isEnvelope((event.data as { name: string }).name))).toEqual([true, true]);
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
    expect(isEnvelope(answers['nickname'] as string)).toBe(true);
    expect(isEnvelope(answers['languages'] as string)).toBe(true);
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
