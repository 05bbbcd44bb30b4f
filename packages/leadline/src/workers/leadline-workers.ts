// The background work of one Leadline instance: the projections runner, the claim expiry worker and
// the reactors. Each runs on its own feed and checkpoint, so one failing never stops another.
import {
  ALL_PERMISSIONS,
  ClaimId,
  DomainErrorCode,
  LeadId,
  OrgId,
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

/** The actor Leadline's own workers act as; events they write carry this actor id. */
export const CLAIM_EXPIRY_ACTOR: Actor = {
  userId: UserId('system:claim-expiry'),
  kind: 'system',
  permissions: ALL_PERMISSIONS,
};

export interface WorkerSelection {
  readonly projections?: boolean;
  readonly claimExpiry?: boolean;
  readonly automations?: boolean;
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
  readonly claimExpiry: ClaimExpiryWorker;
  readonly projections: ProjectionRunner | null;
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
          actor: CLAIM_EXPIRY_ACTOR,
          orgId: OrgId(claim.orgId),
          causedBy: { eventId: claim.claimedEventId, metadata: { correlationId: claim.correlationId } },
        },
      );
    } catch (error) {
      // A deleted or merged lead has no claim left to expire; a claim that still holds (clocks apart) is tried later.
      if (isDomainError(error) && error.code !== DomainErrorCode.ClaimHeld) return;
      throw error;
    }
  };
  let claimExpiry = newClaimExpiry();
  const running = { projections: false, claimExpiry: false, automations: false };

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
    if (running.automations) stopping.push(automations.stop());
    running.projections = running.claimExpiry = running.automations = false;
    await Promise.all(stopping);
    claimExpiry = newClaimExpiry();
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
      if (selection.automations !== false && !running.automations) {
        running.automations = true;
        starting.push(automations.start());
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
            running.automations ? automations.settled() : undefined,
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
    projections: runner,
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
