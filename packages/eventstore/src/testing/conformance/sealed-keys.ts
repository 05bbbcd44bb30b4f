// What every contact key store keeps (find, adopt, batch look-up, erasure of every key of a contact), and,
// for an event store that appends with keys, that a new contact's key is stored in the append's own
// transaction: with the events, never without them.
import { describe, expect, it } from '@jest/globals';
import { createSealingEventStore } from '../../sealing/sealing-event-store.js';
import { appendsWithKeys } from '../../sealing/keyed-append.js';
import { newContactKey, type ContactKeyStore } from '../../sealing/key-store.js';
import type { PersonalDataPolicy } from '../../sealing/personal-data-policy.js';
import type { EventStore } from '../../port/event-store.js';
import { ExpectedRevision } from '../../port/revision.js';
import { anEvent, collect } from '../helpers.js';

/** An event store and a key store over the same database (the same SQLite file, the same schema). */
export interface KeyedStores {
  readonly events: EventStore;
  readonly keys: ContactKeyStore;
  dispose(): Promise<void>;
}

export interface KeyedStoresFactory {
  open(): Promise<KeyedStores>;
  /** Whether `events` stores new contacts' keys in its appends (a durable store over the key table). */
  readonly keyedAppend: boolean;
}

const policy: PersonalDataPolicy = {
  Joined: { contactOf: (_data, streamName) => streamName, fields: ['name'], startsContact: true },
  Renamed: { contactOf: (_data, streamName) => streamName, fields: ['name'] },
};

const using = async (factory: KeyedStoresFactory, test: (stores: KeyedStores) => Promise<void>): Promise<void> => {
  const stores = await factory.open();
  try {
    await test(stores);
  } finally {
    await stores.dispose();
  }
};

/** Counts the key store's calls to `keyFor`, which writes a key row of its own. */
const countingKeyFor = (keys: ContactKeyStore): { keys: ContactKeyStore; made: () => number } => {
  let made = 0;
  return {
    keys: {
      ...keys,
      keyFor: (contactId) => {
        made += 1;
        return keys.keyFor(contactId);
      },
    },
    made: () => made,
  };
};

export function describeKeyedSealing(name: string, factory: KeyedStoresFactory): void {
  describe(`${name}: the contact key store`, () => {
    it('finds nothing for a new contact, then the key keyFor made, and keyFor gives the same key again', () =>
      using(factory, async ({ keys }) => {
        expect(await keys.find('contact-1')).toBeNull();
        const made = await keys.keyFor('contact-1');
        const found = await keys.find('contact-1');
        expect(found?.keyId).toBe(made.keyId);
        expect(Buffer.from(found?.key ?? [])).toEqual(Buffer.from(made.key));
        expect((await keys.keyFor('contact-1')).keyId).toBe(made.keyId);
        expect(Buffer.from((await keys.keyById(made.keyId)) ?? [])).toEqual(Buffer.from(made.key));
      }));

    it('adopts a key made elsewhere once, looks up several ids in one call, and erases every key of a contact', () =>
      using(factory, async ({ keys }) => {
        const first = await keys.keyFor('contact-1');
        const adopted = { ...newContactKey(), contactId: 'contact-1' };
        const other = { ...newContactKey(), contactId: 'contact-2' };
        expect(await keys.adopt(adopted)).toBe(true);
        expect(await keys.adopt(adopted)).toBe(false);
        expect(await keys.adopt(other)).toBe(true);
        const unknown = newContactKey().keyId;
        const found = await keys.keysById([first.keyId, adopted.keyId, unknown, other.keyId]);
        expect([...found.keys()].sort()).toEqual([first.keyId, adopted.keyId, unknown, other.keyId].sort());
        expect(Buffer.from(found.get(adopted.keyId) ?? [])).toEqual(Buffer.from(adopted.key));
        expect(found.get(unknown)).toBeNull();
        expect(await keys.count()).toBe(3);
        expect(await keys.erase('contact-1')).toBe(2);
        expect(await keys.keysById([first.keyId, adopted.keyId])).toEqual(
          new Map([
            [first.keyId, null],
            [adopted.keyId, null],
          ]),
        );
        expect(await keys.find('contact-1')).toBeNull();
        expect(await keys.count()).toBe(1);
        expect(await keys.erase('contact-1')).toBe(0);
      }));
  });

  describe(`${name}: sealing with keys stored by the append`, () => {
    it(`${factory.keyedAppend ? 'can' : 'cannot'} append with keys`, () =>
      using(factory, ({ events }) => {
        expect(appendsWithKeys(events)).toBe(factory.keyedAppend);
        return Promise.resolve();
      }));

    if (factory.keyedAppend) {
      it('refuses a malformed key naming the field and the rule, writing neither the events nor the key', () =>
        using(factory, async ({ events, keys }) => {
          if (!appendsWithKeys(events)) throw new Error('expected a store that appends with keys');
          const good = { contactId: 'person-1', keyId: newContactKey().keyId, key: new Uint8Array(32) };
          const malformed: readonly [unknown, string, string][] = [
            [{ ...good, key: new Uint8Array(16) }, 'keys[0].key', '32 bytes'],
            [{ ...good, key: 'not bytes' }, 'keys[0].key', '32 bytes'],
            [{ ...good, contactId: '' }, 'keys[0].contactId', 'non-empty string'],
            [{ ...good, keyId: 42 }, 'keys[0].keyId', 'non-empty string'],
            [null, 'keys[0].contactId', 'non-empty string'],
          ];
          for (const [key, field, rule] of malformed) {
            const written = [anEvent('Joined', { name: 'x' })];
            await expect(events.appendWithKeys('person-1', written, [key as never])).rejects.toMatchObject({
              name: 'InvalidArgumentError',
              field,
              rule,
            });
            await expect(
              events.appendToStreamsWithKeys([{ streamName: 'person-2', events: written }], [key as never]),
            ).rejects.toMatchObject({ field, rule });
          }
          await expect(
            events.appendWithKeys('person-1', [anEvent('Joined', { name: 'x' })], 'nope' as never),
          ).rejects.toMatchObject({
            field: 'keys',
            rule: 'array',
          });
          expect(await collect(events.readAll())).toEqual([]);
          expect(await keys.count()).toBe(0);
        }));
    }

    it('stores a new contact key the key store can read, and the events read back opened', () =>
      using(factory, async ({ events, keys }) => {
        const counting = countingKeyFor(keys);
        const sealed = createSealingEventStore(events, { keys: counting.keys, policy });
        await sealed.append('person-1', [anEvent('Joined', { name: 'Grace' }), anEvent('Renamed', { name: 'Ada' })]);
        await sealed.append('person-1', [anEvent('Renamed', { name: 'Mary' })]);
        await sealed.append('person-2', [anEvent('Renamed', { name: 'Alan' })]);
        expect(await keys.count()).toBe(2);
        // Through the append: no key is made on its own (a transaction of its own) but where it cannot.
        expect(counting.made()).toBe(factory.keyedAppend ? 0 : 2);
        const reader = createSealingEventStore(events, { keys, policy });
        expect((await collect(reader.readAll())).map((event) => (event.data as { name: string }).name)).toEqual([
          'Grace',
          'Ada',
          'Mary',
          'Alan',
        ]);
        const stored = await collect(events.readAll());
        expect(stored.map((event) => (event.data as { name: string }).name).some((value) => value === 'Grace')).toBe(
          false,
        );
      }));

    it('stores no key when the append fails, and the contact gets one key when it is retried', () =>
      using(factory, async ({ events, keys }) => {
        const sealed = createSealingEventStore(events, { keys, policy });
        await events.append('person-1', [anEvent('Other', {})]);
        await expect(
          sealed.append('person-1', [anEvent('Joined', { name: 'Grace' })], {
            expectedRevision: ExpectedRevision.NoStream,
          }),
        ).rejects.toThrow();
        // A store that cannot append with keys has its key store make the key before the append.
        expect(await keys.count()).toBe(factory.keyedAppend ? 0 : 1);
        await sealed.append('person-1', [anEvent('Joined', { name: 'Grace' })], { expectedRevision: 0n });
        expect(await keys.count()).toBe(1);
        const [, joined] = await collect(sealed.readStream('person-1'));
        expect(joined?.data).toEqual({ name: 'Grace' });
      }));

    it('stores the new contacts’ keys of a write over several streams with it, and none when a part is refused', () =>
      using(factory, async ({ events, keys }) => {
        const sealed = createSealingEventStore(events, { keys, policy });
        await events.append('person-3', [anEvent('Other', {})]);
        await expect(
          sealed.appendToStreams([
            { streamName: 'person-1', events: [anEvent('Joined', { name: 'Grace' })] },
            {
              streamName: 'person-3',
              events: [anEvent('Joined', { name: 'Alan' })],
              expectedRevision: ExpectedRevision.NoStream,
            },
          ]),
        ).rejects.toThrow();
        expect(await keys.count()).toBe(factory.keyedAppend ? 0 : 2);
        await sealed.appendToStreams([
          { streamName: 'person-1', events: [anEvent('Joined', { name: 'Grace' })] },
          { streamName: 'person-2', events: [anEvent('Joined', { name: 'Ada' })] },
        ]);
        // Where the key store makes the keys, the refused write's were made before it (person-3's too).
        expect(await keys.count()).toBe(factory.keyedAppend ? 2 : 3);
        const read = await collect(createSealingEventStore(events, { keys, policy }).readAll());
        expect(read.map((event) => event.data)).toEqual([{}, { name: 'Grace' }, { name: 'Ada' }]);
      }));

    it('stores no second key for an exact retry of a stored batch, which still reads opened', () =>
      using(factory, async ({ events, keys }) => {
        const joined = { ...anEvent('Joined', { name: 'Grace' }), eventId: '0f8b3c5e-2f0a-4d8e-9a47-5c1e2b7d9a10' };
        await createSealingEventStore(events, { keys, policy }).append('person-1', [joined]);
        // Another process (a cold cache) retries the same batch: the store answers with the first result.
        await createSealingEventStore(events, { keys, policy }).append('person-1', [joined]);
        expect(await keys.count()).toBe(1);
        const read = await collect(createSealingEventStore(events, { keys, policy }).readStream('person-1'));
        expect(read.map((event) => event.data)).toEqual([{ name: 'Grace' }]);
      }));

    it('erases a contact whose key the append stored: every read shows the placeholder', () =>
      using(factory, async ({ events, keys }) => {
        const sealed = createSealingEventStore(events, { keys, policy });
        await sealed.append('person-1', [anEvent('Joined', { name: 'Grace' })]);
        expect(await sealed.eraseContact('person-1')).toBe(1);
        const read = await collect(createSealingEventStore(events, { keys, policy }).readAll());
        expect(read.map((event) => event.data)).toEqual([{ name: '[erased]' }]);
      }));
  });
}
