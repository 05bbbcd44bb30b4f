import { describeEventStoreConformance } from '../testing';
import { createMemoryEventStore } from './memory-event-store';

describeEventStoreConformance('the memory store', {
  create: (options) => Promise.resolve(createMemoryEventStore(options)),
});
