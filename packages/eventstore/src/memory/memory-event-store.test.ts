import { describe, expect, it } from '@jest/globals';
import { InvalidArgumentError } from '../port/errors.js';
import { anEvent, collect, describeEventStoreConformance } from '../testing/index.js';
import { createMemoryEventStore } from './memory-event-store.js';

describeEventStoreConformance('the memory store', {
  create: (options) => Promise.resolve(createMemoryEventStore(options)),
});

describe('the memory store keeps events out of reach', () => {
  it('freezes the data and metadata it is given, deeply, and hands out frozen events', async () => {
    const store = createMemoryEventStore();
    const event = anEvent('LeadCreated', { name: 'Ada', emails: ['ada@example.com'] });
    await store.append('lead-1', [event]);
    const [read] = await collect(store.readStream('lead-1'));
    expect(
      Object.isFrozen(event.data) &&
        Object.isFrozen((event.data as { emails: string[] }).emails) &&
        Object.isFrozen(event.metadata),
    ).toBe(true);
    expect(Object.isFrozen(read)).toBe(true);
    expect(() => (read?.data as { emails: string[] }).emails.push('x')).toThrow(TypeError);
  });

  it('refuses data JSON cannot carry, as a durable store would lose it, and writes nothing', async () => {
    const store = createMemoryEventStore();
    await expect(store.append('lead-1', [anEvent('A'), anEvent('B', { at: new Date(0) })])).rejects.toThrow(
      expect.objectContaining({ constructor: InvalidArgumentError, field: 'events[1].data.at', rule: 'JSON' }),
    );
    expect(await store.headPosition()).toBe(0n);
  });
});

describe('the memory store checks event ids character by character', () => {
  const valid = '0f8FAD5b-d9cb-469f-a165-70867728950e';
  const spoiled = (at: number, character: string): string => `${valid.slice(0, at)}${character}${valid.slice(at + 1)}`;

  it('takes a uuid in upper or lower case', async () => {
    const store = createMemoryEventStore();
    await store.append('lead-1', [anEvent('A', {}, { eventId: valid })]);
    expect((await collect(store.readStream('lead-1')))[0]?.eventId).toBe(valid);
  });

  it.each([
    ['a letter past f', spoiled(3, 'g')],
    ['a character beyond ASCII', spoiled(20, 'é')],
    ['a digit where a dash belongs', spoiled(13, '0')],
    ['a dash where a digit belongs', spoiled(0, '-')],
    ['one character short', valid.slice(1)],
  ])('refuses an id with %s and writes nothing', async (_case, eventId) => {
    const store = createMemoryEventStore();
    await expect(store.append('lead-1', [anEvent('A', {}, { eventId })])).rejects.toThrow(
      expect.objectContaining({ constructor: InvalidArgumentError, field: 'events[0].eventId', rule: 'uuid' }),
    );
    expect(await store.headPosition()).toBe(0n);
  });
});
