// leadline: the facade applications embed. createLeadline({ store, readModels, clock, ids }) gives the
// commands, the queries, the automations and the background workers; openLeadline opens stores by URL.
export { createLeadline, type Leadline, type LeadlineOptions } from './leadline';
export type { Acting, Dispatcher } from './runtime/dispatcher';
export type { LeadCommands, LeadCommandResult, CommandInput } from './leads/lead-commands';
export type { OrganisationCommands, OrganisationCreatedResult } from './organisations/organisation-commands';
export type { WorkflowCommands, WorkflowCommandResult } from './workflows/workflow-commands';
export type { BulkOperations, BulkOutcome, BulkLeadResult, TransferTarget } from './bulk/bulk-operations';
export type { LeadlineQueries } from './queries/queries';
export { LEADLINE_PROJECTORS } from './queries/queries';
export { CLAIM_EXPIRY_ACTOR, type LeadlineWorkers, type WorkerSelection } from './workers/leadline-workers';
export {
  createClaimExpiryWorker,
  CLAIM_EVENT_TYPES,
  type ClaimExpiryWorker,
  type ClaimExpiryWorkerOptions,
} from './workers/claim-expiry/claim-expiry-worker';
export type { OpenClaim } from './workers/claim-expiry/expiry-schedule';
export type { Automations, ReactorHandle, ReplayedParkedEvent } from './automations/automations';
export type { ReactorEvent, ReactorHandler, ReactorOptions, ReactorDelivery } from './automations/reactor';
export { createMemoryReactorState, type ReactorStateStore, type ParkedEvent } from './automations/reactor-state';
export { createReadModelReactorState } from './automations/read-model-reactor-state';
export {
  handleCommand,
  type CommandOutcome,
  type CommandRuntime,
  type StreamCommand,
} from './commands/command-handler';
export type { Decider, DomainEvent } from './commands/decider';
export {
  createStreamStateLoader,
  type CommittedEvent,
  type StreamSnapshot,
  type StreamStateLoader,
} from './commands/stream-state';
export {
  commandEnvelope,
  childEnvelope,
  eventMetadata,
  type CommandEnvelope,
  type CommandOptions,
} from './commands/metadata';
export { derivedId, derivedEventId, LEADLINE_ID_NAMESPACE } from './commands/idempotency';
export { DEFAULT_RETRY_POLICY, backoffDelay, type RetryPolicy } from './commands/retry';
export {
  RuntimeError,
  RuntimeErrorCode,
  ConcurrencyConflictError,
  LeadlineClosedError,
  InvalidOptionError,
} from './commands/errors';
export {
  systemClock,
  systemTimers,
  uuidIds,
  mathRandom,
  type Clock,
  type IdGenerator,
  type RandomSource,
  type Timers,
  type TimerHandle,
} from './runtime/clock';
export * from './intake';
export { openLeadline, type OpenLeadlineOptions } from './store-url/open-leadline';
export {
  openEventStore,
  openReadModelStore,
  defaultReadModelsUrl,
  AdapterMissingError,
  type AdapterLoaders,
  type OpenStoreOptions,
} from './store-url/open-stores';
export { parseStoreUrl, InvalidStoreUrlError, STORE_URL_FORMS, type StoreLocation } from './store-url/store-url';
