// @leadline/eventstore: the event store port and its in-memory implementation.
export * from './port/events';
export * from './port/revision';
export * from './port/errors';
export * from './port/event-store';
export type { Upcaster, EventStoreOptions } from './upcasting/upcaster';
export { createUpcasterChain, type UpcasterChain } from './upcasting/upcaster-chain';
export { createMemoryEventStore, type MemoryEventStoreOptions } from './memory/memory-event-store';
// Building blocks for adapters, so every store checks and decides the same way.
export { validateAppendArguments, validateEvents, validateExpectedRevision, validateStreamName } from './validation/append-arguments';
export {
  validateFilter,
  validateReadAllOptions,
  validateReadStreamOptions,
  validateSubscribeOptions,
  type CheckedReadAllOptions,
  type CheckedReadStreamOptions,
} from './validation/read-arguments';
export { checkExpectedRevision } from './append-rules/expected-revision';
export { classifyBatch, type BatchKind, type StoredEventRef } from './append-rules/retry';
export { compileEventFilter, type EventPredicate } from './filter/event-filter';
// Catch-up subscriptions for stores that read their global log in pages (SQLite, PostgreSQL).
export { ChangeSignal } from './paged-subscription/change-signal';
export { createPagedSubscription, type PagedFeed } from './paged-subscription/paged-subscription';
export { toJsonText } from './validation/json-text';
