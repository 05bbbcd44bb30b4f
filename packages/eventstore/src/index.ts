// @leadline/eventstore: the event store port and its in-memory implementation.
export * from './port/events.js';
export * from './port/revision.js';
export * from './port/errors.js';
export * from './port/event-store.js';
export type { Upcaster, EventStoreOptions } from './upcasting/upcaster.js';
export { createUpcasterChain, type UpcasterChain } from './upcasting/upcaster-chain.js';
export { withUpcasters } from './upcasting/upcasting-event-store.js';
export { createMemoryEventStore, type MemoryEventStoreOptions } from './memory/memory-event-store.js';
// Building blocks for adapters, so every store checks and decides the same way.
export {
  validateAppendArguments,
  validateEvents,
  validateExpectedRevision,
  validateStreamAppends,
  validateStreamName,
  validateStreamNames,
  type CheckedAppend,
} from './validation/append-arguments.js';
export {
  validateFilter,
  validateReadAllOptions,
  validateReadStreamOptions,
  validateSubscribeOptions,
  type CheckedReadAllOptions,
  type CheckedReadStreamOptions,
} from './validation/read-arguments.js';
export { checkExpectedRevision } from './append-rules/expected-revision.js';
export { classifyBatch, type BatchKind, type StoredEventRef } from './append-rules/retry.js';
export { compileEventFilter, type EventPredicate } from './filter/event-filter.js';
// The port around durable engines that read their global log in pages (SQLite, PostgreSQL).
export { ChangeSignal } from './paged-store/change-signal.js';
export {
  DEFAULT_RESUBSCRIBE_POLICY,
  resubscribeDelayMs,
  resubscribePolicy,
  type ResubscribePolicy,
} from './resubscribe/resubscribe-policy.js';
export { createPagedSubscription, type PagedFeed } from './paged-store/paged-subscription.js';
export { PagedSubscriptions } from './paged-store/paged-subscriptions.js';
export { createPagedEventStore, type PagedStoreEngine } from './paged-store/paged-event-store.js';
export { toJsonText } from './validation/json-text.js';
// Personal data sealed per contact (AES-256-GCM), erasable by deleting the contact's keys.
export {
  ERASED_PLACEHOLDER,
  ENVELOPE_PATTERN,
  isEnvelope,
  isSealedField,
  openEnvelope,
  SEALED_PROPERTY,
  sealValue,
  withEnvelopesErased,
  type ContactKey,
} from './sealing/envelope.js';
export { createMemoryKeyStore, newContactKey, type ContactKeyStore, type NewContactKey } from './sealing/key-store.js';
export { appendsWithKeys, type KeyedAppendStore } from './sealing/keyed-append.js';
export {
  compilePolicy,
  mapFields,
  type PersonalDataPolicy,
  type PersonalFields,
} from './sealing/personal-data-policy.js';
export {
  createSealingEventStore,
  storedDataOf,
  type OpenedEvent,
  type SealingEventStore,
  type SealingOptions,
} from './sealing/sealing-event-store.js';
