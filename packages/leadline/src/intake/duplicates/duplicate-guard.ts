// The duplicate check over contact reservations: who holds a contact now (verified against the leads'
// own streams, since a holder may have changed, been deleted or merged away), and the appends that
// take or give up a contact at the exact revision the check read.
import {
  canSeeDuplicateDetails,
  leadStream,
  liveClaimant,
  OrgId,
  type Actor,
  type ExistingLeadState,
  type LeadId,
} from '@leadline/domain';
import { ExpectedRevision, WrongExpectedRevisionError, type EventToAppend } from '@leadline/eventstore';
import { derivedEventId } from '../../commands/idempotency.js';
import { eventMetadata, type CommandEnvelope } from '../../commands/metadata.js';
import type { IntakeRuntime } from '../intake-runtime.js';
import { contactStream, hasContact, type Contact, type ContactEvent, type ContactKind } from './contact-streams.js';

/** An existing lead a new or changed lead matches by normalised email or phone. */
export interface DuplicateCandidate {
  readonly leadId: LeadId;
  readonly matchedOn: readonly ContactKind[];
  /** True while the holder's create is still in flight: reserved, not yet written. */
  readonly pending: boolean;
  readonly name: string | null;
  readonly email: string | null;
  readonly phone: string | null;
  readonly company: string | null;
  readonly ownerId: string | null;
  /**
   * True when the asking actor may not see the matching lead: it is named by id only (to keep both or
   * ask someone who sees it), and name, email, phone, company and owner are null.
   */
  readonly detailsHidden: boolean;
}

export interface ContactCheck {
  readonly contact: Contact;
  readonly streamName: string;
  /** The revision read; the reservation is appended expecting exactly this. */
  readonly revision: bigint | null;
  readonly heldBySelf: boolean;
}

export interface DuplicateInspection {
  readonly checks: readonly ContactCheck[];
  readonly candidates: readonly DuplicateCandidate[];
}

export async function inspectContacts(
  intake: IntakeRuntime,
  actor: Actor,
  self: LeadId,
  contacts: readonly Contact[],
  now: Date,
): Promise<DuplicateInspection> {
  const orgId = actor.orgId;
  const checks: ContactCheck[] = [];
  const found = new Map<LeadId, DuplicateCandidate>();
  for (const contact of contacts) {
    const streamName = contactStream(orgId, contact);
    const snapshot = await intake.contacts.load(streamName);
    checks.push({
      contact,
      streamName,
      revision: snapshot.revision,
      heldBySelf: snapshot.state.holders.some((holder) => holder.leadId === self),
    });
    for (const holder of snapshot.state.holders) {
      if (holder.leadId === self) continue;
      const candidate = await verifyHolder(intake, actor, holder.leadId, holder.reservedAt, contact, now);
      if (candidate === null || candidate.leadId === self) continue;
      const earlier = found.get(candidate.leadId);
      found.set(
        candidate.leadId,
        earlier === undefined
          ? candidate
          : { ...earlier, matchedOn: [...new Set([...earlier.matchedOn, contact.kind])] },
      );
    }
  }
  return { checks, candidates: [...found.values()] };
}

/**
 * The lead a holder stands for today, or null when its hold is stale. A hold younger than the grace
 * period whose lead does not show the contact (yet) is a create or a change in flight: it counts.
 */
async function verifyHolder(
  intake: IntakeRuntime,
  actor: Actor,
  leadId: LeadId,
  reservedAt: string,
  contact: Contact,
  now: Date,
): Promise<DuplicateCandidate | null> {
  const { state } = await intake.leadStates.load(leadStream(leadId));
  const inFlight = now.getTime() - Date.parse(reservedAt) < intake.reservationGraceMs;
  if (!state.exists) {
    return inFlight ? hiddenCandidate(leadId, contact.kind, true) : null;
  }
  if (state.deleted) return null;
  if (!hasContact(state.details, contact))
    return inFlight ? { ...candidateOf(state, contact.kind, actor, now), pending: true } : null;
  if (state.mergedInto === null) return candidateOf(state, contact.kind, actor, now);
  // An absorbed lead's contact now belongs to the lead it was merged into.
  const survivor = (await intake.leadStates.load(leadStream(state.mergedInto.survivorId))).state;
  return survivor.exists && !survivor.deleted ? candidateOf(survivor, contact.kind, actor, now) : null;
}

const candidateOf = (state: ExistingLeadState, kind: ContactKind, actor: Actor, now: Date): DuplicateCandidate =>
  canSeeDuplicateDetails(actor, { ownerId: state.ownerId, claimedBy: liveClaimant(state, now) })
    ? {
        leadId: state.leadId,
        matchedOn: [kind],
        pending: false,
        name: state.details.name,
        email: state.details.email,
        phone: state.details.phone,
        company: state.details.company,
        ownerId: state.ownerId,
        detailsHidden: false,
      }
    : hiddenCandidate(state.leadId, kind, false);

/** A match named by id only: its lead is still in flight, or the actor may not see it. */
const hiddenCandidate = (leadId: LeadId, kind: ContactKind, pending: boolean): DuplicateCandidate => ({
  leadId,
  matchedOn: [kind],
  pending,
  name: null,
  email: null,
  phone: null,
  company: null,
  ownerId: null,
  detailsHidden: true,
});

export type ReserveResult = 'reserved' | 'conflict';

/** The lead takes the contact at `now`, beside the holders the caller chose to keep. */
export const reservation = (
  envelope: CommandEnvelope,
  leadId: LeadId,
  contact: Contact,
  now: Date,
  keptDespite: readonly LeadId[],
): ContactEvent => ({
  type: 'ContactReserved',
  data: {
    orgId: OrgId(envelope.orgId),
    kind: contact.kind,
    value: contact.value,
    leadId,
    reservedAt: now.toISOString(),
    keptDespite: [...keptDespite],
  },
});

/** Takes every contact not yet held by the lead, each at the revision the check read; stops at the first lost race. */
export async function reserveContacts(
  intake: IntakeRuntime,
  envelope: CommandEnvelope,
  leadId: LeadId,
  checks: readonly ContactCheck[],
  keptDespite: readonly LeadId[],
): Promise<ReserveResult> {
  const now = intake.runtime.clock.now();
  for (const check of checks) {
    if (check.heldBySelf) continue;
    const event = reservation(envelope, leadId, check.contact, now, keptDespite);
    try {
      const expectedRevision = check.revision ?? ExpectedRevision.NoStream;
      // No cache to drop: the next load reads past the cached revision, whoever appended.
      await intake.runtime.store.append(
        check.streamName,
        [contactEventToAppend(intake, envelope, check.streamName, event, expectedRevision, now)],
        { expectedRevision },
      );
    } catch (error) {
      if (!(error instanceof WrongExpectedRevisionError)) throw error;
      return 'conflict';
    }
  }
  return 'reserved';
}

/** Gives contacts up; only what the lead still holds is released, so it is safe to call twice. */
export async function releaseContacts(
  intake: IntakeRuntime,
  envelope: CommandEnvelope,
  leadId: LeadId,
  contacts: readonly Contact[],
  reason: 'abandoned' | 'changed',
): Promise<void> {
  const now = intake.runtime.clock.now();
  for (const contact of contacts) {
    const streamName = contactStream(OrgId(envelope.orgId), contact);
    const snapshot = await intake.contacts.load(streamName);
    if (!snapshot.state.holders.some((holder) => holder.leadId === leadId)) continue;
    const event: ContactEvent = {
      type: 'ContactReleased',
      data: { orgId: OrgId(envelope.orgId), kind: contact.kind, value: contact.value, leadId, reason },
    };
    // Order does not matter for a release: whoever checks next simply no longer sees this holder.
    await intake.runtime.store.append(streamName, [
      contactEventToAppend(intake, envelope, streamName, event, ExpectedRevision.Any, now, false),
    ]);
  }
}

/** A contact event as the store takes it, appended at `expectedRevision`. */
export function contactEventToAppend(
  intake: IntakeRuntime,
  envelope: CommandEnvelope,
  streamName: string,
  event: ContactEvent,
  expectedRevision: ExpectedRevision,
  now: Date,
  keyed = true,
): EventToAppend & { readonly eventId: string } {
  // The revision is part of the derived id: a retry of this very append is recognised by the store,
  // while a later reservation by the same keyed command (after a release) is a new event.
  const eventId =
    keyed && envelope.idempotencyKey !== null
      ? derivedEventId(envelope.orgId, envelope.idempotencyKey, `${streamName}@${String(expectedRevision)}`, 0)
      : intake.runtime.ids.newId();
  return { eventId, type: event.type, data: event.data, metadata: eventMetadata(envelope, now, 1) };
}
