// The background work of one Leadline instance: the projections runner, the claim expiry worker, the
// stage-removal worker and the reactors. Each runs on its own feed and checkpoint, so one failing never stops another.
import {
  ALL_PERMISSIONS,
  ClaimId,
  DomainErrorCode,
  EmailId,
  LeadId,
  OrgId,
  StageId,
  UserId,
  isDomainError,
  type Actor,
} from '@leadline/domain';
import type { EventStore } from '@leadline/eventstore';
import type { ProjectionRunner } from '@leadline/projections';
import type { AutomationsControl } from '../automations/automations.js';
import type { LeadCommands } from '../leads/lead-commands.js';
import { SettleTimeoutError } from '../commands/errors.js';
import { validateSettleTimeout } from '../health/settle-timeout.js';
import { systemTimers, type Clock, type Timers } from '../runtime/clock.js';
import { createClaimExpiryWorker, type ClaimExpiryWorker } from './claim-expiry/claim-expiry-worker.js';
import type { OpenClaim } from './claim-expiry/expiry-schedule.js';
import {
  createOutboxDispatcher,
  type OutboxDispatcher,
  type OutboxEmail,
  type OutboxRecorder,
  type OutboxRetryPolicy,
} from './email-outbox/outbox-dispatcher.js';
import type { EmailTransport } from '../email/transport.js';
import { createRetentionWorker, type RetentionWorker } from './retention/retention-worker.js';
import type { LeaseStore } from '@leadline/projections';
import {
  createStageRemovalWorker,
  type Relocation,
  type StageRemovalWorker,
} from './stage-removal/stage-removal-worker.js';

/** The actor Leadline's own workers act as; events they write carry this actor id. */
export const CLAIM_EXPIRY_ACTOR: Omit<Actor, 'orgId'> = {
  userId: UserId('system:claim-expiry'),
  kind: 'system',
  permissions: ALL_PERMISSIONS,
};

/** The actor the stage-removal worker acts as. */
export const STAGE_REMOVAL_ACTOR: Omit<Actor, 'orgId'> = {
  userId: UserId('system:stage-removal'),
  kind: 'system',
  permissions: ALL_PERMISSIONS,
};

/** The actor the outbox dispatcher records attempts and outcomes as. */
export const EMAIL_OUTBOX_ACTOR: Omit<Actor, 'orgId'> = {
  userId: UserId('system:email-outbox'),
  kind: 'system',
  permissions: ALL_PERMISSIONS,
};

/** The actor the retention worker erases as (trigger `retention`). */
export const RETENTION_ACTOR: Omit<Actor, 'orgId'> = {
  userId: UserId('system:retention'),
  kind: 'system',
  permissions: ALL_PERMISSIONS,
};

/** What the retention worker needs; without read models or sealing there is none. */
export interface RetentionSettings {
  readonly leases: LeaseStore;
  readonly owner: string;
  readonly intervalMs: number;
  readonly leaseTtlMs?: number;
  /** Applies the organisation's stored policy as the retention actor. */
  readonly apply: (orgId: OrgId) => Promise<void>;
}

/** What the outbox dispatcher needs; without a transport no email is sent (they stay queued). */
export interface OutboxSettings {
  readonly transport: EmailTransport;
  readonly from: string;
  readonly retry?: Partial<OutboxRetryPolicy>;
}

/** The idempotency key of the expiry of one claim: a second expiry of it (another worker) replays the first. */
export const claimExpiryKey = (claim: Pick<OpenClaim, 'leadId' | 'claimId'>): string =>
  `claim-expiry/${claim.leadId}/${claim.claimId}`;

/** Refusals that mean the lead left the board meanwhile (deleted, merged away): nothing to move. */
const GONE = new Set<string>([DomainErrorCode.NotFound, DomainErrorCode.LeadDeleted, DomainErrorCode.LeadMerged]);

export interface WorkerSelection {
  readonly projections?: boolean;
  readonly claimExpiry?: boolean;
  readonly stageRemoval?: boolean;
  /** Runs only when Leadline was given an email transport. */
  readonly emailOutbox?: boolean;
  readonly automations?: boolean;
  /** Runs only with read models and sealed personal data: each organisation's retention policy, on an interval. */
  readonly retention?: boolean;
}

export interface LeadlineWorkers {
  /** Starts the selected workers (all by default); resolves once each has caught up with the store. */
  start(selection?: WorkerSelection): Promise<void>;
  /** Stops every worker; `start()` resumes from checkpoints. */
  stop(): Promise<void>;
  /**
   * Resolves when every running worker has handled everything stored now (read-your-writes in tests).
   * Rejects with SETTLE_TIMEOUT after `timeoutMs` (the instance's `settleTimeoutMs` unless given), and
   * with PROJECTIONS_STOPPED when the projections stopped on a failure: it never hangs.
   */
  settled(options?: { readonly timeoutMs?: number }): Promise<void>;
  /**
   * Brings the read models up to everything stored now: waits for the running projections, or catches
   * them up here when they do not run (nothing without read models).
   */
  readModelsCurrent(): Promise<void>;
  readonly claimExpiry: ClaimExpiryWorker;
  readonly projections: ProjectionRunner | null;
  /** The retention worker (null without read models or sealed personal data). */
  readonly retention: RetentionWorker | null;
}

export interface LeadlineWorkersControl extends LeadlineWorkers {
  stopAll(): Promise<void>;
}

export interface WorkerDependencies {
  readonly store: EventStore;
  readonly clock: Clock;
  readonly timers: Timers;
  readonly leads: LeadCommands;
  readonly runner: ProjectionRunner | null;
  readonly automations: AutomationsControl;
  readonly outbox: OutboxSettings | null;
  readonly retention: RetentionSettings | null;
  readonly onError: (error: unknown, worker: string) => void;
  /** The bound of `settled()`, in milliseconds of real time (a fake clock never ends a wait). */
  readonly settleTimeoutMs: number;
}

export function createLeadlineWorkers(dependencies: WorkerDependencies): LeadlineWorkersControl {
  const { store, runner, automations } = dependencies;
  const expire = async (claim: OpenClaim): Promise<void> => {
    try {
      await dependencies.leads.expireClaim(
        { leadId: LeadId(claim.leadId), claimId: ClaimId(claim.claimId) },
        {
          actor: { ...CLAIM_EXPIRY_ACTOR, orgId: OrgId(claim.orgId) },
          causedBy: { eventId: claim.claimedEventId, metadata: { correlationId: claim.correlationId } },
          // Ids derived from the claim, not drawn from the generator: lanes expire claims in whatever order
          // their appends finish, so drawn ids would differ between runs and engines (the demo's digest).
          idempotencyKey: claimExpiryKey(claim),
        },
      );
    } catch (error) {
      // A deleted or merged lead has no claim left to expire; a claim that still holds (clocks apart) is tried later.
      if (isDomainError(error) && error.code !== DomainErrorCode.ClaimHeld) return;
      throw error;
    }
  };
  const relocate = async (relocation: Relocation): Promise<void> => {
    try {
      await dependencies.leads.execute(
        {
          type: 'MoveOutOfRemovedStage',
          leadId: LeadId(relocation.leadId),
          stageId: StageId(relocation.stageId),
          fallbackStageId: StageId(relocation.fallbackStageId),
        },
        {
          actor: { ...STAGE_REMOVAL_ACTOR, orgId: OrgId(relocation.orgId) },
          causedBy: {
            eventId: relocation.causedBy.eventId,
            metadata: { correlationId: relocation.causedBy.correlationId },
          },
        },
      );
    } catch (error) {
      if (isDomainError(error) && GONE.has(error.code)) return;
      throw error;
    }
  };
  let claimExpiry = newClaimExpiry();
  let stageRemoval = newStageRemoval();
  let outbox = newOutbox();
  let retention = newRetention();
  const running = {
    projections: false,
    claimExpiry: false,
    stageRemoval: false,
    outbox: false,
    automations: false,
    retention: false,
  };

  function newRetention(): RetentionWorker | null {
    const settings = dependencies.retention;
    if (settings === null) return null;
    return createRetentionWorker({
      store,
      timers: dependencies.timers,
      leases: settings.leases,
      owner: settings.owner,
      intervalMs: settings.intervalMs,
      ...(settings.leaseTtlMs === undefined ? {} : { leaseTtlMs: settings.leaseTtlMs }),
      apply: (orgId) => settings.apply(OrgId(orgId)),
      onError: (error, orgId) =>
        dependencies.onError(
          orgId === null ? error : new Error(`retention of ${orgId}`, { cause: error }),
          'retention',
        ),
    });
  }

  function newOutbox(): OutboxDispatcher | null {
    const settings = dependencies.outbox;
    if (settings === null) return null;
    return createOutboxDispatcher({
      store,
      clock: dependencies.clock,
      timers: dependencies.timers,
      transport: settings.transport,
      from: settings.from,
      record: outboxRecorder(dependencies.leads),
      ...(settings.retry === undefined ? {} : { retry: settings.retry }),
      onError: (error) => dependencies.onError(error, 'email outbox'),
    });
  }

  function newStageRemoval(): StageRemovalWorker {
    return createStageRemovalWorker({
      store,
      timers: dependencies.timers,
      relocate,
      onError: (error) => dependencies.onError(error, 'stage removal'),
    });
  }

  function newClaimExpiry(): ClaimExpiryWorker {
    return createClaimExpiryWorker({
      store,
      clock: dependencies.clock,
      timers: dependencies.timers,
      expire,
      onError: (error) => dependencies.onError(error, 'claim expiry'),
    });
  }

  const stop = async (): Promise<void> => {
    const stopping: Promise<void>[] = [];
    if (running.projections && runner !== null) stopping.push(runner.stop());
    if (running.claimExpiry) stopping.push(claimExpiry.stop());
    if (running.stageRemoval) stopping.push(stageRemoval.stop());
    if (running.outbox && outbox !== null) stopping.push(outbox.stop());
    if (running.automations) stopping.push(automations.stop());
    if (running.retention && retention !== null) stopping.push(retention.stop());
    for (const worker of Object.keys(running) as (keyof typeof running)[]) running[worker] = false;
    await Promise.all(stopping);
    claimExpiry = newClaimExpiry();
    stageRemoval = newStageRemoval();
    outbox = newOutbox();
    retention = newRetention();
  };

  return {
    async start(selection = {}) {
      const starting: Promise<void>[] = [];
      if (selection.projections !== false && runner !== null && !running.projections) {
        running.projections = true;
        starting.push(runner.start());
      }
      if (selection.claimExpiry !== false && !running.claimExpiry) {
        running.claimExpiry = true;
        starting.push(claimExpiry.start());
      }
      if (selection.stageRemoval !== false && !running.stageRemoval) {
        running.stageRemoval = true;
        starting.push(stageRemoval.start());
      }
      if (selection.emailOutbox !== false && outbox !== null && !running.outbox) {
        running.outbox = true;
        starting.push(outbox.start());
      }
      if (selection.automations !== false && !running.automations) {
        running.automations = true;
        starting.push(automations.start());
      }
      if (selection.retention !== false && retention !== null && !running.retention) {
        running.retention = true;
        starting.push(retention.start());
      }
      await Promise.all(starting);
    },
    stop,
    stopAll: stop,
    async settled(options = {}) {
      const settle = async (): Promise<void> => {
        // Workers write too (ClaimExpired, a reactor's commands): settle again until nothing new lands.
        for (let head = await store.headPosition(); ;) {
          await Promise.all([
            running.projections && runner !== null ? runner.waitForPosition(head) : undefined,
            running.claimExpiry ? claimExpiry.settled() : undefined,
            running.stageRemoval ? stageRemoval.settled() : undefined,
            running.outbox ? outbox?.settled() : undefined,
            running.automations ? automations.settled() : undefined,
            running.retention ? retention?.settled() : undefined,
          ]);
          const now = await store.headPosition();
          if (now === head) return;
          head = now;
        }
      };
      return withTimeout(settle(), validateSettleTimeout(options.timeoutMs ?? dependencies.settleTimeoutMs));
    },
    get claimExpiry() {
      return claimExpiry;
    },
    get retention() {
      return retention;
    },
    async readModelsCurrent() {
      if (runner === null) return;
      if (running.projections) await runner.waitForPosition(await store.headPosition());
      else await runner.catchUp();
    },
    projections: runner,
  };
}

/** The outbox's records as lead commands of the outbox actor, caused by the EmailQueued event. */
function outboxRecorder(leads: LeadCommands): OutboxRecorder {
  const acting = (email: OutboxEmail) => ({
    actor: { ...EMAIL_OUTBOX_ACTOR, orgId: OrgId(email.orgId) },
    causedBy: { eventId: email.causedBy.eventId, metadata: { correlationId: email.causedBy.correlationId } },
  });
  const ids = (email: OutboxEmail) => ({ leadId: LeadId(email.leadId), emailId: EmailId(email.emailId) });
  return {
    async attempt(email, attempt) {
      const { events } = await leads.execute({ type: 'RecordEmailAttempt', ...ids(email), attempt }, acting(email));
      return events.length > 0;
    },
    async sent(email, attempt) {
      await leads.execute({ type: 'RecordEmailSent', ...ids(email), attempt }, acting(email));
    },
    async failed(email, attempt, error, retryAt) {
      await leads.execute({ type: 'RecordEmailFailure', ...ids(email), attempt, error, retryAt }, acting(email));
    },
  };
}

/** The work, or SETTLE_TIMEOUT once `timeoutMs` of real time have passed. */
function withTimeout(work: Promise<void>, timeoutMs: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = systemTimers.setTimeout(() => reject(new SettleTimeoutError(timeoutMs)), timeoutMs);
    work.then(
      () => {
        systemTimers.clearTimeout(timer);
        resolve();
      },
      (error: unknown) => {
        systemTimers.clearTimeout(timer);
        reject(error instanceof Error ? error : new Error(String(error)));
      },
    );
  });
}
