// Creating a lead behind the duplicate guard: decide purely first (a refused create writes nothing),
// reserve its email and phone at the revisions the check read, then write the lead. A match returns
// the candidates and writes nothing until the caller chooses: keep both (recorded) or merge into one.
import {
  leadDecider,
  leadStream,
  LeadId,
  type CommandContext,
  type CreateLead,
  type LeadCreated,
  type LeadEvent,
} from '@leadline/domain';
import { derivedId } from '../../commands/idempotency.js';
import type { CommandEnvelope } from '../../commands/metadata.js';
import { assignByRules } from '../assignment/assign.js';
import type { RuleAssignment } from '../assignment/ledger.js';
import type { CommandInput, LeadCommandResult } from '../../leads/lead-commands.js';
import type { Acting } from '../../runtime/dispatcher.js';
import { backOff, type IntakeRuntime } from '../intake-runtime.js';
import { contactsOf } from './contact-streams.js';
import { inspectContacts, releaseContacts, reserveContacts, type DuplicateCandidate } from './duplicate-guard.js';
import { mergeLeads, type MergeOutcome } from './merge.js';
import { ReservationExpiredError } from './merge-errors.js';

export type CreateLeadInput = CommandInput<CreateLead, 'leadId'> & {
  /** The caller's choice after a `duplicates` result: merge the new lead into this candidate. */
  readonly mergeInto?: LeadId;
};

export type CreateLeadResult =
  /**
   * Written. `keptDespite`: the candidates the caller chose to keep beside it (empty: there were none).
   * `assignment`: the rule that gave a lead created without an owner to a user, if one did.
   */
  | (LeadCommandResult & {
      readonly outcome: 'created';
      readonly keptDespite: readonly LeadId[];
      readonly assignment: RuleAssignment | null;
    })
  /** Nothing written: choose `keepDespiteDuplicates` (all of them) or `mergeInto` (one of them) and send again. */
  | (LeadCommandResult & { readonly outcome: 'duplicates'; readonly candidates: readonly DuplicateCandidate[] })
  /** Written, then merged into `merge.survivorId` as the caller chose. */
  | (LeadCommandResult & { readonly outcome: 'merged'; readonly merge: MergeOutcome });

/** The same lead id the plain create would use, so guarded and unguarded retries agree. */
export const leadIdFor = (intake: IntakeRuntime, given: LeadId | undefined, acting: Acting): LeadId =>
  given ??
  LeadId(
    acting.idempotencyKey === undefined
      ? intake.runtime.ids.newId()
      : derivedId(acting.actor.orgId, acting.idempotencyKey, 'lead'),
  );

export async function createGuardedLead(
  intake: IntakeRuntime,
  input: CreateLeadInput,
  acting: Acting,
): Promise<CreateLeadResult> {
  const leadId = leadIdFor(intake, input.leadId, acting);
  const { mergeInto, ...createInput } = input;
  const command: CreateLead = { ...createInput, type: 'CreateLead', leadId };
  const envelope = intake.dispatcher.envelope(acting);
  // An earlier run with this key wrote the lead already: the plain create replays its outcome, and a
  // merge the caller chose is finished.
  if ((await intake.leadStates.load(leadStream(leadId))).state.exists) {
    const replayed = await intake.dispatcher.lead(command, acting, envelope);
    return mergeInto === undefined
      ? created(intake, command, replayed, [], acting, envelope)
      : mergedInto(intake, replayed, leadId, mergeInto, acting);
  }

  const decision = await decideCreate(intake, command, acting);
  const contacts = contactsOf(decision.created.data);
  for (let attempt = 1; ; attempt += 1) {
    const startedAt = intake.runtime.clock.now();
    const inspection = await inspectContacts(intake, acting.actor, leadId, contacts, startedAt);
    const candidates = inspection.candidates;
    const kept = input.keepDespiteDuplicates ?? [];
    const merging =
      mergeInto !== undefined && candidates.some((candidate) => candidate.leadId === mergeInto && !candidate.pending);
    const covered = candidates.every((candidate) => kept.includes(candidate.leadId));
    if (candidates.length > 0 && !merging && !covered) {
      await releaseContacts(
        intake,
        envelope,
        leadId,
        inspection.checks.filter((check) => check.heldBySelf).map((check) => check.contact),
        'abandoned',
      );
      return {
        streamName: leadStream(leadId),
        events: [],
        revision: null,
        position: null,
        replayed: false,
        attempts: attempt,
        leadId,
        outcome: 'duplicates',
        candidates,
      };
    }
    const keptDespite = merging ? [] : candidates.map((candidate) => candidate.leadId);
    if ((await reserveContacts(intake, envelope, leadId, inspection.checks, keptDespite)) === 'conflict') {
      if (attempt >= intake.runtime.retry.maxAttempts) throw new ReservationExpiredError(leadId);
      await backOff(intake, attempt);
      continue;
    }
    try {
      // A reservation older than half the grace period might already be treated as abandoned by others.
      if (intake.runtime.clock.now().getTime() - startedAt.getTime() > intake.reservationGraceMs / 2)
        throw new ReservationExpiredError(leadId);
      const withDecision: CreateLead =
        keptDespite.length > 0 ? { ...command, keepDespiteDuplicates: keptDespite } : command;
      // Reserved at the first try and no choice added to the command: the pure decision taken above stands
      // (not deciding twice saves 7.5% of the command path on compiled JS).
      const earlier =
        attempt === 1 && withDecision === command
          ? { revision: null, now: decision.now, events: decision.events }
          : undefined;
      const outcome = await intake.dispatcher.lead(withDecision, acting, envelope, earlier);
      return merging
        ? await mergedInto(intake, outcome, leadId, mergeInto, acting)
        : await created(intake, command, outcome, keptDespite, acting, envelope);
    } catch (error) {
      if (!(await intake.leadStates.load(leadStream(leadId))).state.exists)
        await releaseContacts(intake, envelope, leadId, contacts, 'abandoned');
      throw error;
    }
  }
}

/** The lead as written, then given to a user by the assignment rules when it was created without an owner. */
async function created(
  intake: IntakeRuntime,
  command: CreateLead,
  outcome: Omit<LeadCommandResult, 'leadId'>,
  keptDespite: readonly LeadId[],
  acting: Acting,
  envelope: CommandEnvelope,
): Promise<CreateLeadResult> {
  const event = outcome.events.find((recorded) => recorded.type === 'LeadCreated');
  const data = event?.data as LeadCreated['data'] | undefined;
  const assignment =
    data === undefined
      ? null
      : await assignUnowned(
          intake,
          command.leadId,
          data,
          new Date(event?.metadata.occurredAt ?? intake.runtime.clock.now().toISOString()),
          acting,
          envelope,
        );
  return { ...outcome, leadId: command.leadId, outcome: 'created', keptDespite, assignment };
}

/** A lead just created without an owner goes to a user by the organisation's assignment rules. */
export const assignUnowned = (
  intake: IntakeRuntime,
  leadId: LeadId,
  data: LeadCreated['data'],
  createdAt: Date,
  acting: Acting,
  envelope: CommandEnvelope,
): Promise<RuleAssignment | null> =>
  data.ownerId !== null
    ? Promise.resolve(null)
    : assignByRules(intake, leadId, { ...data, createdAt }, acting, envelope);

/** Folds the new lead into the chosen candidate; keyed by the create's key, so a rerun finishes it. */
async function mergedInto(
  intake: IntakeRuntime,
  outcome: Omit<LeadCommandResult, 'leadId'>,
  leadId: LeadId,
  survivorId: LeadId,
  acting: Acting,
): Promise<CreateLeadResult> {
  const keyed = acting.idempotencyKey === undefined ? {} : { idempotencyKey: `${acting.idempotencyKey}/merge` };
  const merge = await mergeLeads(intake, { survivorId, absorbedIds: [leadId] }, { ...acting, ...keyed });
  return { ...outcome, leadId, outcome: 'merged', merge };
}

/** The LeadCreated the domain would write, decided without writing: refusals surface before any reservation. */
export async function decidePurely(intake: IntakeRuntime, command: CreateLead, acting: Acting): Promise<LeadCreated> {
  return (await decideCreate(intake, command, acting)).created;
}

export interface CreateDecision {
  readonly now: Date;
  readonly events: readonly LeadEvent[];
  readonly created: LeadCreated;
}

async function decideCreate(intake: IntakeRuntime, command: CreateLead, acting: Acting): Promise<CreateDecision> {
  const now = intake.runtime.clock.now();
  const context = await intake.dispatcher.context.build(acting.actor.orgId, acting.actor, now, [command.workflowId]);
  return decideCreateIn(command, context, now);
}

/** The domain's decision on a create in a context built at `now` (an import builds one per batch). */
export function decideCreateIn(command: CreateLead, context: CommandContext, now: Date): CreateDecision {
  const events: LeadEvent[] = leadDecider.decide(command, leadDecider.initialState, context);
  const created = events.find((candidate): candidate is LeadCreated => candidate.type === 'LeadCreated');
  if (created === undefined) throw new Error(`The domain decided no LeadCreated for lead ${command.leadId}.`);
  return { now, events, created };
}
