// @leadline/eventstore: the event store port and its in-memory implementation.
export * from './port/events';
export * from './port/revision';
export * from './port/errors';
export * from './port/event-store';
export type { Upcaster, EventStoreOptions } from './upcasting/upcaster';
export { createUpcasterChain, type UpcasterChain } from './upcasting/upcaster-chain';
export { createMemoryEventStore, type MemoryEventStoreOptions } from './memory/memory-event-store';
// Building blocks for adapters, so every store checks and decides the same way.
export {
  validateAppendArguments,
  validateEvents,
  validateExpectedRevision,
  validateStreamName,
} from './validation/append-arguments';
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
// The port around durable engines that read their global log in pages (SQLite, PostgreSQL).
export { ChangeSignal } from './paged-store/change-signal';
export {
  DEFAULT_RESUBSCRIBE_POLICY,
  resubscribeDelayMs,
  resubscribePolicy,
  type ResubscribePolicy,
} from './resubscribe/resubscribe-policy';
export { createPagedSubscription, type PagedFeed } from './paged-store/paged-subscription';
export { PagedSubscriptions } from './paged-store/paged-subscriptions';
export { createPagedEventStore, type PagedStoreEngine } from './paged-store/paged-event-store';
export { toJsonText } from './validation/json-text';
