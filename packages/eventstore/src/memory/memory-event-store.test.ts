import { describe, expect, it } from '@jest/globals';
import { InvalidArgumentError } from '../port/errors';
import { anEvent, collect, describeEventStoreConformance } from '../testing';
import { createMemoryEventStore } from './memory-event-store';

describeEventStoreConformance('the memory store', {
  create: (options) => Promise.resolve(createMemoryEventStore(options)),
});

describe('the memory store keeps events out of reach', () => {
  it('freezes the data and metadata it is given, deeply, and hands out frozen events', async () => {
    const store = createMemoryEventStore();
    const event = anEvent('LeadCreated', { name: 'Ada', emails: ['ada@example.com'] });
    await store.append('lead-1', [event]);
    const [read] = await collect(store.readStream('lead-1'));
    expect(Object.isFrozen(event.data) && Object.isFrozen((event.data as { emails: string[] }).emails) && Object.isFrozen(event.metadata)).toBe(true);
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
