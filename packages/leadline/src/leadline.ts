// createLeadline: the typed API an application embeds. Commands, queries, automations and the
// background workers over one event store and one read-model store, with time, ids, timers and
// randomness injected.
import { LEAD_EVENT_UPCASTERS } from '@leadline/domain';
import { createSealingEventStore, withUpcasters, type ContactKeyStore, type EventStore } from '@leadline/eventstore';
import { createContactCommands, type ContactCommands } from './privacy/contacts.js';
import { LEADLINE_PERSONAL_DATA } from './privacy/personal-data-policy.js';
import { validatedContacts } from './boundary/validated-contacts.js';
import {
  type ProjectionLeaseOptions,
  DEFAULT_TAKEOVER_WITHIN_MS,
  defaultLeaseOwner,
  type ProjectionRunner,
  type Projector,
  type ReadModelReader,
  type ReadModelStore,
} from '@leadline/projections';
import { createAutomations, type Automations } from './automations/automations.js';
import { createReadModelReactorState } from './automations/read-model-reactor-state.js';
import { createMemoryReactorState, type ReactorStateStore } from './automations/reactor-state.js';
import { createBulkOperations, type BulkOperations } from './bulk/bulk-operations.js';
import { DEFAULT_RETRY_POLICY, validateRetryPolicy, type RetryPolicy } from './commands/retry.js';
import { createLeadCommands } from './leads/lead-commands.js';
import { createClients, type Clients } from './clients/clients.js';
import { withClientChecks } from './clients/client-links.js';
import { createOrganisationCommands, type OrganisationCommands } from './organisations/organisation-commands.js';
import {
  mathRandom,
  systemClock,
  systemTimers,
  uuidIds,
  type Clock,
  type IdGenerator,
  type RandomSource,
  type Timers,
} from './runtime/clock.js';
import { guardClosed } from './runtime/closed-guard.js';
import { checkedIds } from './runtime/checked-ids.js';
import { validatedIntake } from './boundary/validated-intake.js';
import { validatedLeads } from './boundary/validated-leads.js';
import { validatedOrganisations, validatedWorkflows } from './boundary/validated-admin.js';
import { validatedEmail } from './boundary/validated-email.js';
import { validatedLeadReading, validatedQueries } from './boundary/validated-queries.js';
import { createLeadReading, type LeadReading } from './leads/lead-detail.js';
import { validatedClients } from './boundary/validated-clients.js';
import { createDispatcher, schemaVersionOf } from './runtime/dispatcher.js';
import {
  createIntake,
  createIntakeRuntime,
  type GuardedLeadCommands,
  type Intake,
  type IntakeOptions,
} from './intake/index.js';
import {
  projectionAdministration,
  readHealth,
  type LeadlineHealth,
  type ProjectionAdministration,
} from './health/health.js';
import { DEFAULT_SETTLE_TIMEOUT_MS, validateSettleTimeout } from './health/settle-timeout.js';
import {
  createLeadlineWorkers,
  RETENTION_ACTOR,
  type LeadlineWorkers,
  type OutboxSettings,
} from './workers/leadline-workers.js';
import {
  retentionSettings,
  validateRetentionOptions,
  type RetentionOptions,
} from './workers/retention/retention-options.js';
import { createEmailCommands, type EmailCommands } from './email/email-commands.js';
import type { EmailTransport } from './email/transport.js';
import type { OutboxRetryPolicy } from './workers/email-outbox/outbox-dispatcher.js';
import { InvalidOptionError } from './commands/errors.js';
import { projectionRunnerFor, validateLeaseOptions } from './workers/leases/lease-options.js';
import { createWorkflowCommands, type WorkflowCommands } from './workflows/workflow-commands.js';
import { bindQueries, LEADLINE_PROJECTORS, readModelsOrRefuse, type LeadlineQueries } from './queries/queries.js';
import { validatedViews } from './boundary/validated-views.js';
import { createViewsFacade, type ViewsFacade } from './views/views-facade.js';
import type { LeadListInput, LeadListPage } from './views/lead-list.js';

export interface LeadlineOptions {
  readonly store: EventStore;
  /** Where the read models live; without one, queries are unavailable and no projections run. */
  readonly readModels?: ReadModelStore;
  readonly clock?: Clock;
  readonly ids?: IdGenerator;
  /** Timers of the workers: the claim expiry wake-up, reactor backoff, resubscription (fake ones in tests). */
  readonly timers?: Timers;
  /**
   * Timers of a command's backoff between lost races. Real timers unless given, even when `timers` is
   * fake: a command waits a few milliseconds and must not hang on a test clock nobody advances.
   */
  readonly commandTimers?: Timers;
  /** Jitter of retry backoff. */
  readonly random?: RandomSource;
  /** How hard a command tries when other writers keep changing its stream. */
  readonly retry?: Partial<RetryPolicy>;
  /** Where reactors keep checkpoints and parked events; with the read models unless given (in memory without them). */
  readonly reactorState?: ReactorStateStore;
  /** The projectors to run; all of Leadline's read models by default. */
  readonly projectors?: readonly Projector[];
  /** Stream states kept in memory between commands (per kind of stream). */
  readonly streamCacheSize?: number;
  /** Called with errors of the background workers (they carry on). Defaults to console.error. */
  readonly onWorkerError?: (error: unknown, worker: string) => void;
  /** `close()` also disposes the stores (default true: Leadline owns what it was given). */
  readonly disposeStores?: boolean;
  /** Duplicate-guard settings (docs/intake.md). */
  readonly intake?: IntakeOptions;
  /** How long `workers.settled()` waits before it rejects with SETTLE_TIMEOUT (default 30 s). */
  readonly settleTimeoutMs?: number;
  /** Mass email (docs/email.md): without a transport, emails are queued but no worker sends them. */
  readonly email?: EmailOptions;
  /**
   * Share the projections with the other processes on the same read models: each projection is leased
   * to one process at a time and a dead one's are taken over within `takeoverWithinMs` (docs/operating.md).
   */
  readonly leases?: ProjectionLeaseOptions;
  /**
   * Seal personal data per contact with keys from this store (docs/privacy.md); `contacts.erase` needs
   * it. The keys must be as durable as the events: lose them and the personal data is gone.
   */
  readonly personalData?: { readonly keys: ContactKeyStore };
  /**
   * The retention worker (docs/privacy.md): runs with read models and sealed personal data, applying each
   * organisation's retention policy every `intervalMs` (one hour unless given), one process at a time.
   */
  readonly retention?: RetentionOptions;
}

export interface EmailOptions {
  /** How messages leave: `createSmtpTransport({ url })` (nodemailer) or your own. */
  readonly transport?: EmailTransport;
  /** The From address; required with a transport. */
  readonly from?: string;
  /** The domain of each Message-ID (`<email-ID@domain>`); the From address's domain unless given. */
  readonly messageIdDomain?: string;
  readonly retry?: Partial<OutboxRetryPolicy>;
}

export interface Leadline {
  readonly organisations: OrganisationCommands;
  readonly workflows: WorkflowCommands;
  /** `create` and `update` pass the duplicate guard (docs/intake.md); `get` reads one lead; `list` a page of a view. */
  readonly leads: GuardedLeadCommands &
    BulkOperations &
    LeadReading & {
      /** A page of a view (system or saved, by id or name) or of an ad-hoc definition (docs/api.md). */
      list(input: LeadListInput): Promise<LeadListPage>;
    };
  /** List views (system and saved), their fields, and a view's CSV export. */
  readonly views: Omit<ViewsFacade, 'leadList' | 'leadIdsOf'>;
  /** The customer roster: client records, their CSV import, the roster and a client's leads (docs/api.md). */
  readonly clients: Clients;
  /** Merge and unmerge, CSV import, web forms, assignment rules. */
  readonly intake: Intake;
  readonly queries: LeadlineQueries;
  /**
   * The same queries, with the same visibility, over another read side: read models replayed as of a
   * past instant (`projectAsOf`). The CLI's `--as-of` reads through this.
   */
  queriesOn(reader: ReadModelReader): LeadlineQueries;
  readonly automations: Automations;
  /** Mass email through the outbox. */
  readonly email: EmailCommands;
  readonly workers: LeadlineWorkers;
  /** Erase the person behind a lead, export what is held about them (docs/privacy.md). */
  readonly contacts: ContactCommands;
  /** The event store; with personal data sealed, the sealing store (reads open what they may). */
  readonly store: EventStore;
  readonly readModels: ReadModelStore | null;
  /** Parked projection events: list them and retry them after a fix (docs/operating.md). */
  readonly projections: ProjectionAdministration;
  /** Each projection's checkpoint, lag and parked events, and the events reactors parked. */
  health(): Promise<LeadlineHealth>;
  /** Stops workers and reactors, clears timers and releases the stores. Safe to call twice. */
  close(): Promise<void>;
}

export function createLeadline(options: LeadlineOptions): Leadline {
  const clock = options.clock ?? systemClock;
  const ids = checkedIds(options.ids ?? uuidIds);
  const timers = options.timers ?? systemTimers;
  const random = options.random ?? mathRandom;
  const retry = validateRetryPolicy({ ...DEFAULT_RETRY_POLICY, ...options.retry });
  const onWorkerError =
    options.onWorkerError ?? ((error: unknown, worker: string) => console.error(`leadline ${worker}:`, error));
  let closed = false;

  const sealing =
    options.personalData === undefined
      ? null
      : createSealingEventStore(options.store, { keys: options.personalData.keys, policy: LEADLINE_PERSONAL_DATA });
  // Leadline's own older event versions read in today's shape over any store, whoever opened it.
  const outerStore = withUpcasters(sealing ?? options.store, LEAD_EVENT_UPCASTERS);
  const store = guardClosed(outerStore, () => closed);
  const commandTimers = options.commandTimers ?? systemTimers;
  const commandRuntime = { store, clock, ids, random, timers: commandTimers, retry, schemaVersionOf };
  const dispatcher = createDispatcher(commandRuntime, options.streamCacheSize);
  const leads = createLeadCommands(dispatcher, ids);
  const intake = createIntake(createIntakeRuntime(commandRuntime, dispatcher, leads, options.intake));
  const leases = options.leases === undefined ? undefined : validateLeaseOptions(options.leases);
  const automations = createAutomations({
    store,
    // Beside the read models when there are any (durable in SQLite and PostgreSQL), else in memory.
    state:
      options.reactorState ??
      (options.readModels === undefined
        ? createMemoryReactorState()
        : createReadModelReactorState(options.readModels, clock)),
    clock,
    timers,
    random,
    onError: (error, reactor) => onWorkerError(error, `reactor ${reactor}`),
    ...(leases === undefined || options.readModels === undefined || options.reactorState !== undefined
      ? {}
      : {
          lease: {
            leases: options.readModels.leases,
            owner: leases.owner ?? defaultLeaseOwner(),
            takeoverWithinMs: leases.takeoverWithinMs ?? DEFAULT_TAKEOVER_WITHIN_MS,
          },
        }),
  });
  const readModels = options.readModels ?? null;
  const projectors = options.projectors ?? LEADLINE_PROJECTORS;
  const runner: ProjectionRunner | null =
    readModels === null
      ? null
      : projectionRunnerFor(
          {
            eventStore: store,
            store: readModels,
            projectors,
            onError: (error) => onWorkerError(error, 'projections'),
            onParked: (projector, event, error) =>
              onWorkerError(
                new Error(`projector ${projector.name} parked event ${event.eventId} (${event.type})`, {
                  cause: error,
                }),
                'projections',
              ),
            now: () => clock.now(),
          },
          leases,
        );
  const outbox = outboxSettings(options.email);
  const retentionOptions = validateRetentionOptions(options.retention ?? {});
  const contacts = createContactCommands({
    store,
    sealing,
    dispatcher,
    readModels,
    now: () => clock.now(),
    // The workers are made below; erasure asks for them only once the instance is in use.
    readModelsCurrent: () => workers.readModelsCurrent(),
  });
  const workers = createLeadlineWorkers({
    store,
    clock,
    timers,
    leads,
    runner,
    automations,
    outbox,
    // The retention worker needs lost leads (read models) and erasure (sealing).
    retention:
      readModels === null || sealing === null
        ? null
        : retentionSettings(readModels.leases, leases?.owner ?? defaultLeaseOwner(), retentionOptions, (orgId) =>
            contacts.applyStoredPolicy({ actor: { ...RETENTION_ACTOR, orgId } }),
          ),
    onError: onWorkerError,
    settleTimeoutMs: validateSettleTimeout(options.settleTimeoutMs ?? DEFAULT_SETTLE_TIMEOUT_MS),
  });
  const healthSources = { store, readModels, runner, projectors, automations };
  const viewsFacade = validatedViews(createViewsFacade(() => readModelsOrRefuse(readModels), clock, dispatcher, ids));
  const { leadList, leadIdsOf: _leadIdsOf, ...views } = viewsFacade;

  return {
    // Every public entry parses its input at the boundary (boundary/): refused input reaches nothing.
    organisations: validatedOrganisations(createOrganisationCommands(dispatcher, ids)),
    workflows: validatedWorkflows(createWorkflowCommands(dispatcher, ids)),
    // Converting into, linking to and creating a lead for a client need a recorded client (clients/).
    leads: {
      ...validatedLeads(withClientChecks({ ...intake.leads, ...createBulkOperations(leads, ids) }, dispatcher, clock)),
      ...validatedLeadReading(createLeadReading(readModels, clock, (orgId) => dispatcher.context.organisation(orgId))),
      list: leadList,
    },
    views,
    clients: validatedClients(createClients(dispatcher, ids, clock, () => readModelsOrRefuse(readModels))),
    intake: validatedIntake(intake.intake),
    queries: validatedQueries(bindQueries(readModels, clock, dispatcher)),
    queriesOn: (reader) => validatedQueries(bindQueries(reader, clock, dispatcher)),
    automations,
    email: validatedEmail(
      createEmailCommands(leads, ids, messageIdDomainOf(options.email), (input) => viewsFacade.leadIdsOf(input)),
    ),
    workers,
    contacts: validatedContacts(contacts),
    store: outerStore,
    readModels,
    projections: projectionAdministration(healthSources),
    health: () => readHealth(healthSources),
    async close() {
      if (closed) return;
      closed = true;
      await workers.stopAll();
      await outbox?.transport.close?.();
      if (options.disposeStores !== false) {
        await readModels?.dispose();
        await outerStore.dispose();
      }
    },
  };
}

function outboxSettings(email: EmailOptions | undefined): OutboxSettings | null {
  if (email?.transport === undefined) return null;
  if (email.from === undefined || !/^[^\s@<>]+@[^\s@<>]+$|<[^\s@<>]+@[^\s@<>]+>$/.test(email.from)) {
    throw new InvalidOptionError('email.from', 'address', 'Sending email needs a From address (email.from).');
  }
  return { transport: email.transport, from: email.from, ...(email.retry === undefined ? {} : { retry: email.retry }) };
}

/** The Message-ID domain: given, else the From address's, else a reserved name that routes nowhere. */
function messageIdDomainOf(email: EmailOptions | undefined): string {
  return email?.messageIdDomain ?? /@([^\s@<>]+)>?$/.exec(email?.from ?? '')?.[1] ?? 'leadline.invalid';
}
