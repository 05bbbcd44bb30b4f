// The retention policy of an organisation and the job that applies it: every lead lost more than the
// policy's months ago is erased (trigger `retention`). The policy is an organisation event
// (RetentionPolicySet); the job reads lost leads from the read models, a page at a time.
import {
  ErasureTrigger,
  NO_RETENTION_POLICY,
  type Actor,
  type LeadId,
  type OrganisationEvent,
  type RetentionPolicy,
} from '@leadline/domain';
import { lostLeadsBefore, type ReadModelReader } from '@leadline/projections';
import type { CommandOutcome } from '../commands/command-handler.js';
import { InvalidOptionError } from '../commands/errors.js';
import type { Acting, Dispatcher } from '../runtime/dispatcher.js';

export interface RetentionInput {
  /** Months given for this run; the organisation's stored policy when left out. */
  readonly lostLeadsAfterMonths?: number;
}

export interface RetentionResult {
  /** The leads erased (already erased ones included: erasing again is a no-op). */
  readonly leadIds: readonly LeadId[];
  /** How many of them were erased by this run (the others were already). */
  readonly newlyErased: number;
  /** The months applied: given, or the stored policy's. */
  readonly lostLeadsAfterMonths: number;
}

export interface RetentionCommands {
  /** Records the organisation's policy (RetentionPolicySet); null switches retention off. Admin Organisation. */
  setRetentionPolicy(input: RetentionPolicy, acting: Acting): Promise<CommandOutcome<OrganisationEvent>>;
  /** The organisation's policy as it stands (`{ lostLeadsAfterMonths: null }` until one is set). */
  retentionPolicy(actor: Actor): Promise<RetentionPolicy>;
  /**
   * The retention job: erases every lead of the actor's organisation lost more than the months ago (given,
   * else the stored policy; refused when neither). Safe to repeat and in several processes.
   */
  applyRetention(input: RetentionInput, acting: Acting): Promise<RetentionResult>;
}

/** What the scheduled worker calls: the stored policy applied, or null when the organisation has none. */
export type StoredRetention = (acting: Acting) => Promise<RetentionResult | null>;

export interface RetentionRuntime {
  readonly dispatcher: Dispatcher;
  readonly readModels: ReadModelReader | null;
  readonly now: () => Date;
  /** Refuses an actor who may not erase (before anything is looked up). */
  readonly requireAdministrator: (actor: Actor, act: string) => void;
  /** Refuses when personal data is not sealed (erasure could not remove it). */
  readonly requireSealing: () => void;
  readonly eraseLeads: (
    leadIds: readonly LeadId[],
    reason: string,
    trigger: ErasureTrigger,
    acting: Acting,
  ) => Promise<{ readonly newlyErased: number }>;
}

const RETENTION_PAGE = 200;

export function createRetentionCommands(
  runtime: RetentionRuntime,
): RetentionCommands & { readonly applyStoredPolicy: StoredRetention } {
  const policyOf = async (actor: Actor): Promise<RetentionPolicy> => {
    const state = await runtime.dispatcher.organisationState(actor.orgId);
    return state.exists ? state.retention : NO_RETENTION_POLICY;
  };
  const apply = async (months: number, acting: Acting): Promise<RetentionResult> => {
    runtime.requireSealing();
    const readModels = runtime.readModels;
    if (readModels === null) {
      throw new InvalidOptionError('readModels', 'present', 'The retention job reads lost leads from the read models.');
    }
    const lostBefore = monthsBefore(runtime.now(), months);
    const reason = `Retention: lost more than ${months} months ago`;
    const erased: LeadId[] = [];
    let newlyErased = 0;
    for (let after: LeadId | undefined; ;) {
      const page = await lostLeadsBefore(readModels, {
        orgId: acting.actor.orgId,
        lostBefore,
        limit: RETENTION_PAGE,
        ...(after === undefined ? {} : { after }),
      });
      if (page.length === 0) break;
      const result = await runtime.eraseLeads(page, reason, ErasureTrigger.Retention, acting);
      erased.push(...page);
      newlyErased += result.newlyErased;
      after = page[page.length - 1];
    }
    return { leadIds: erased, newlyErased, lostLeadsAfterMonths: months };
  };
  return {
    setRetentionPolicy: (policy, acting) =>
      runtime.dispatcher.organisation({ type: 'SetRetentionPolicy', orgId: acting.actor.orgId, policy }, acting),
    async retentionPolicy(actor) {
      runtime.requireAdministrator(actor, 'read the retention policy');
      return policyOf(actor);
    },
    async applyRetention(input, acting) {
      runtime.requireAdministrator(acting.actor, 'apply a retention policy');
      const months = input.lostLeadsAfterMonths ?? (await policyOf(acting.actor)).lostLeadsAfterMonths;
      if (months === null) {
        throw new InvalidOptionError(
          'lostLeadsAfterMonths',
          'policy-set',
          `Organisation ${acting.actor.orgId} has no retention policy: pass lostLeadsAfterMonths or set one (contacts.setRetentionPolicy).`,
        );
      }
      return apply(months, acting);
    },
    async applyStoredPolicy(acting) {
      runtime.requireAdministrator(acting.actor, 'apply a retention policy');
      const { lostLeadsAfterMonths } = await policyOf(acting.actor);
      return lostLeadsAfterMonths === null ? null : apply(lostLeadsAfterMonths, acting);
    },
  };
}

/** The same instant `months` calendar months earlier (UTC), the day clamped to the month's length. */
export function monthsBefore(now: Date, months: number): Date {
  const target = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - months, 1));
  const lastDay = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  target.setUTCDate(Math.min(now.getUTCDate(), lastDay));
  target.setUTCHours(now.getUTCHours(), now.getUTCMinutes(), now.getUTCSeconds(), now.getUTCMilliseconds());
  return target;
}
