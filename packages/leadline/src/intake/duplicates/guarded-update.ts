// Changing a lead's email or phone passes the same duplicate guard as a create: the new value is
// reserved before the change is written, the old one released after.
import {
  leadDecider,
  leadStream,
  type LeadDetailsUpdated,
  type LeadId,
  type UpdateLeadDetails,
} from '@leadline/domain';
import type { CommandInput, LeadCommandResult } from '../../leads/lead-commands.js';
import type { Acting } from '../../runtime/dispatcher.js';
import { backOff, type IntakeRuntime } from '../intake-runtime.js';
import { contactsOf, type Contact } from './contact-streams.js';
import { inspectContacts, releaseContacts, reserveContacts, type DuplicateCandidate } from './duplicate-guard.js';
import { mergeLeads, type MergeOutcome } from './merge.js';
import { ReservationExpiredError } from './merge-errors.js';

export type UpdateLeadInput = CommandInput<UpdateLeadDetails> & {
  /** The candidates the caller was shown and chose to keep beside this lead. */
  readonly keepDespiteDuplicates?: readonly LeadId[];
  /** The caller's choice after a `duplicates` result: merge this lead into that candidate once changed. */
  readonly mergeInto?: LeadId;
};

export type UpdateLeadResult =
  | (LeadCommandResult & { readonly outcome: 'updated'; readonly keptDespite: readonly LeadId[] })
  | (LeadCommandResult & { readonly outcome: 'duplicates'; readonly candidates: readonly DuplicateCandidate[] })
  | (LeadCommandResult & { readonly outcome: 'merged'; readonly merge: MergeOutcome });

export async function updateGuardedLead(
  intake: IntakeRuntime,
  input: UpdateLeadInput,
  acting: Acting,
): Promise<UpdateLeadResult> {
  const { keepDespiteDuplicates: kept = [], mergeInto, ...changes } = input;
  const command: UpdateLeadDetails = { ...changes, type: 'UpdateLeadDetails' };
  const envelope = intake.dispatcher.envelope(acting);
  const plain = async (keptDespite: readonly LeadId[]): Promise<UpdateLeadResult> => ({
    ...(await intake.dispatcher.lead(command, acting, envelope)),
    leadId: input.leadId,
    outcome: 'updated',
    keptDespite,
  });
  const { state } = await intake.leadStates.load(leadStream(input.leadId));
  if (!state.exists) return plain([]);
  const context = await intake.dispatcher.context.build(acting.actor.orgId, acting.actor, intake.runtime.clock.now(), [
    state.workflowId,
  ]);
  const decided = leadDecider
    .decide(command, state, context)
    .find((event): event is LeadDetailsUpdated => event.type === 'LeadDetailsUpdated');
  const added = contactsOf({ email: decided?.data.changes.email ?? null, phone: decided?.data.changes.phone ?? null });
  if (decided === undefined || added.length === 0) return plain([]);
  const given: Contact[] = contactsOf(state.details).filter((old) => decided.data.changes[old.kind] !== undefined);

  for (let attempt = 1; ; attempt += 1) {
    const startedAt = intake.runtime.clock.now();
    const inspection = await inspectContacts(intake, acting.actor, input.leadId, added, startedAt);
    const candidates = inspection.candidates;
    const merging =
      mergeInto !== undefined && candidates.some((candidate) => candidate.leadId === mergeInto && !candidate.pending);
    if (candidates.length > 0 && !merging && !candidates.every((candidate) => kept.includes(candidate.leadId))) {
      await releaseContacts(
        intake,
        envelope,
        input.leadId,
        inspection.checks.filter((check) => check.heldBySelf).map((check) => check.contact),
        'abandoned',
      );
      return {
        streamName: leadStream(input.leadId),
        events: [],
        revision: null,
        position: null,
        replayed: false,
        attempts: attempt,
        leadId: input.leadId,
        outcome: 'duplicates',
        candidates,
      };
    }
    const keptDespite = merging ? [] : candidates.map((candidate) => candidate.leadId);
    if ((await reserveContacts(intake, envelope, input.leadId, inspection.checks, keptDespite)) === 'conflict') {
      if (attempt >= intake.runtime.retry.maxAttempts) throw new ReservationExpiredError(input.leadId);
      await backOff(intake, attempt);
      continue;
    }
    let updated: UpdateLeadResult;
    try {
      // Past half the grace period, others may already take this reservation for an abandoned one.
      if (intake.runtime.clock.now().getTime() - startedAt.getTime() > intake.reservationGraceMs / 2)
        throw new ReservationExpiredError(input.leadId);
      updated = await plain(keptDespite);
    } catch (error) {
      await releaseContacts(intake, envelope, input.leadId, added, 'abandoned');
      throw error;
    }
    await releaseContacts(intake, envelope, input.leadId, given, 'changed');
    if (!merging) return updated;
    const keyed = acting.idempotencyKey === undefined ? {} : { idempotencyKey: `${acting.idempotencyKey}/merge` };
    return {
      ...updated,
      outcome: 'merged',
      merge: await mergeLeads(intake, { survivorId: mergeInto, absorbedIds: [input.leadId] }, { ...acting, ...keyed }),
    };
  }
}
