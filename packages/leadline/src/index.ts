// leadline: the facade applications embed. createLeadline({ store, readModels, clock, ids }) gives the
// commands, the queries, the automations and the background workers; openLeadline opens stores by URL.
export { createLeadline, type EmailOptions, type Leadline, type LeadlineOptions } from './leadline.js';
export type { RetentionOptions } from './workers/retention/retention-options.js';
export { RETENTION_LEASE, type RetentionWorker } from './workers/retention/retention-worker.js';
export type { LeadlineHealth, ProjectionAdministration } from './health/health.js';
export { DEFAULT_SETTLE_TIMEOUT_MS } from './health/settle-timeout.js';
export type { Acting, Dispatcher } from './runtime/dispatcher.js';
export type { LeadCommands, LeadCommandResult, CommandInput } from './leads/lead-commands.js';
export type { LeadDetailRequest, LeadPage, LeadReading } from './leads/lead-detail.js';
export type { LaidOutField, LaidOutSection } from './leads/field-layout.js';
export type { OrganisationCommands, OrganisationCreatedResult } from './organisations/organisation-commands.js';
export type { WorkflowCommands, WorkflowCommandResult } from './workflows/workflow-commands.js';
export type { BulkOperations, BulkOutcome, BulkLeadResult, TransferTarget } from './bulk/bulk-operations.js';
export type { LeadlineQueries } from './queries/queries.js';
export type { ListView, ListViews, CreateListViewInput, ListViewCreatedResult } from './views/list-views.js';
export type { AdHocView, LeadListInput, LeadListPage } from './views/lead-list.js';
export type { ExportViewInput } from './export/view-csv.js';
export { csvLine, neutraliseCell, toCsv, type CsvValue } from './export/csv.js';
export type { Clients, ClientCommandResult } from './clients/clients.js';
export type { ClientImportOptions, ClientImportReport } from './clients/client-import.js';
export type { BoardLead, ClientSummary, ClientListQuery, Page } from '@leadline/projections';
export { LEADLINE_PROJECTORS } from './queries/queries.js';
export {
  CLAIM_EXPIRY_ACTOR,
  EMAIL_OUTBOX_ACTOR,
  STAGE_REMOVAL_ACTOR,
  RETENTION_ACTOR,
  type LeadlineWorkers,
  type WorkerSelection,
} from './workers/leadline-workers.js';
export {
  createStageRemovalWorker,
  STAGE_REMOVAL_EVENT_TYPES,
  type Relocation,
  type StageRemovalWorker,
  type StageRemovalWorkerOptions,
} from './workers/stage-removal/stage-removal-worker.js';
export {
  createOutboxDispatcher,
  DEFAULT_OUTBOX_RETRY,
  IN_DOUBT_ERROR,
  OUTBOX_EVENT_TYPES,
  type OutboxDispatcher,
  type OutboxDispatcherOptions,
  type OutboxEmail,
  type OutboxRecorder,
  type OutboxRetryPolicy,
} from './workers/email-outbox/outbox-dispatcher.js';
export type {
  EmailCommands,
  QueuedEmail,
  SendEmailInput,
  SendEmailResult,
  SkippedLead,
} from './email/email-commands.js';
export { messageIdOf } from './email/email-commands.js';
export type { EmailTransport, OutgoingEmail } from './email/transport.js';
export { createSmtpTransport, type SmtpTransportOptions } from './email/smtp-transport.js';
export {
  createClaimExpiryWorker,
  CLAIM_EVENT_TYPES,
  type ClaimExpiryWorker,
  type ClaimExpiryWorkerOptions,
} from './workers/claim-expiry/claim-expiry-worker.js';
export type { OpenClaim } from './workers/claim-expiry/expiry-schedule.js';
export type { Automations, ReactorHandle, ReplayedParkedEvent } from './automations/automations.js';
export type { ReactorEvent, ReactorHandler, ReactorOptions, ReactorDelivery } from './automations/reactor.js';
export { createMemoryReactorState, type ReactorStateStore, type ParkedEvent } from './automations/reactor-state.js';
export { createReadModelReactorState } from './automations/read-model-reactor-state.js';
export {
  handleCommand,
  type CommandOutcome,
  type CommandRuntime,
  type StreamCommand,
} from './commands/command-handler.js';
export type { Decider, DomainEvent } from './commands/decider.js';
export {
  createStreamStateLoader,
  type CommittedEvent,
  type StreamSnapshot,
  type StreamStateLoader,
} from './commands/stream-state.js';
export {
  commandEnvelope,
  childEnvelope,
  eventMetadata,
  type CommandEnvelope,
  type CommandOptions,
} from './commands/metadata.js';
export { derivedId, derivedEventId, LEADLINE_ID_NAMESPACE } from './commands/idempotency.js';
export { DEFAULT_RETRY_POLICY, backoffDelay, type RetryPolicy } from './commands/retry.js';
export {
  RuntimeError,
  RuntimeErrorCode,
  ConcurrencyConflictError,
  RevisionMismatchError,
  LeadlineClosedError,
  InvalidOptionError,
  SettleTimeoutError,
} from './commands/errors.js';
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
} from './runtime/clock.js';
export * from './intake/index.js';
export { openLeadline, type OpenLeadlineOptions } from './store-url/open-leadline.js';
export {
  openEventStore,
  openReadModelStore,
  defaultReadModelsUrl,
  AdapterMissingError,
  loadOptionalPackage,
  type AdapterLoaders,
  type OpenStoreOptions,
} from './store-url/open-stores.js';
export { parseStoreUrl, InvalidStoreUrlError, STORE_URL_FORMS, type StoreLocation } from './store-url/store-url.js';
export * from './boundary/index.js';
export * from './toolkit.js';
export { LEADLINE_PERSONAL_DATA } from './privacy/personal-data-policy.js';
export type {
  ContactCommands,
  ClientExport,
  ContactExport,
  ContactSelector,
  EraseContactInput,
  ErasureCommands,
  ErasureResult,
} from './privacy/contacts.js';
export type { RetentionCommands, RetentionInput, RetentionResult } from './privacy/retention.js';
export {
  encryptPersonalData,
  migrateToSealedStore,
  verifySealedCopy,
  type EncryptPersonalDataOptions,
  type SealMigrationOptions,
  type SealMigrationProgress,
  type SealMigrationReport,
  type SealMigrationVerification,
} from './privacy/seal-migration.js';
