// Typed journey queries: a lead's steps in order, and verification of their hash chain.
import type { LeadId, OrgId, UserId } from '@leadline/domain';
import type { ReadModelReader } from '../../store/port.js';
import { eq } from '../../store/query.js';
import type { Row } from '../../store/schema.js';
import { integer, text } from '../shared/rows.js';
import { GENESIS_HASH, stepHash } from './hash.js';
import { journeyProjector } from './projector.js';
import { journeySteps } from './tables.js';

export interface JourneyStep {
  readonly leadId: LeadId;
  readonly seq: number;
  readonly eventId: string;
  readonly position: number;
  readonly occurredAt: string;
  readonly actorId: UserId;
  readonly kind: string;
  readonly summary: string;
  readonly prevHash: string;
  readonly hash: string;
}

const stepOf = (row: Row): JourneyStep => ({
  leadId: text(row, 'lead_id') as LeadId,
  seq: integer(row, 'seq'),
  eventId: text(row, 'event_id'),
  position: integer(row, 'event_position'),
  occurredAt: text(row, 'occurred_at'),
  actorId: text(row, 'actor_id') as UserId,
  kind: text(row, 'kind'),
  summary: text(row, 'summary'),
  prevHash: text(row, 'prev_hash'),
  hash: text(row, 'hash'),
});

/** Every step of one lead in order, deleted and merged leads included; empty for an unknown lead. */
export async function journeyTimeline(
  reader: ReadModelReader,
  query: { readonly orgId: OrgId; readonly leadId: LeadId },
): Promise<JourneyStep[]> {
  const rows = await reader.select({ name: journeyProjector.name }, journeySteps.name, {
    where: [eq('org_id', query.orgId), eq('lead_id', query.leadId)],
    orderBy: [{ column: 'seq' }],
  });
  return rows.map(stepOf);
}

export type JourneyBreak = 'sequence' | 'prev-hash' | 'hash';

export type JourneyVerification =
  | { readonly ok: true; readonly steps: number }
  | {
      readonly ok: false;
      readonly steps: number;
      /** The first step whose link is broken. */
      readonly brokenAt: number;
      /** sequence: a step is missing or out of place; prev-hash: it does not chain on the step before; hash: its content was changed. */
      readonly reason: JourneyBreak;
    };

/** Recomputes the chain: reports the first step that is missing, does not link, or was altered. */
export function verifyJourneySteps(steps: readonly JourneyStep[]): JourneyVerification {
  let previous = GENESIS_HASH;
  for (const [index, step] of steps.entries()) {
    const broken = (reason: JourneyBreak): JourneyVerification => ({
      ok: false,
      steps: steps.length,
      brokenAt: step.seq,
      reason,
    });
    if (step.seq !== index + 1) return broken('sequence');
    if (step.prevHash !== previous) return broken('prev-hash');
    if (stepHash(previous, step) !== step.hash) return broken('hash');
    previous = step.hash;
  }
  return { ok: true, steps: steps.length };
}

export async function verifyJourney(
  reader: ReadModelReader,
  query: { readonly orgId: OrgId; readonly leadId: LeadId },
): Promise<JourneyVerification> {
  return verifyJourneySteps(await journeyTimeline(reader, query));
}

export interface JourneyAudit {
  readonly leads: number;
  readonly steps: number;
  /** Every lead whose chain is broken, with where and why. */
  readonly broken: readonly (Extract<JourneyVerification, { ok: false }> & { readonly leadId: LeadId })[];
}

/** Verifies the journey of every lead of one organisation (the audit's `--verify`). */
export async function verifyJourneys(reader: ReadModelReader, query: { readonly orgId: OrgId }): Promise<JourneyAudit> {
  const rows = await reader.select({ name: journeyProjector.name }, journeySteps.name, {
    where: [eq('org_id', query.orgId)],
    orderBy: [{ column: 'lead_id' }, { column: 'seq' }],
  });
  const byLead = new Map<string, JourneyStep[]>();
  for (const row of rows) {
    const step = stepOf(row);
    byLead.set(step.leadId, [...(byLead.get(step.leadId) ?? []), step]);
  }
  const broken: JourneyAudit['broken'][number][] = [];
  for (const [leadId, steps] of byLead) {
    const result = verifyJourneySteps(steps);
    if (!result.ok) broken.push({ ...result, leadId: leadId as LeadId });
  }
  return { leads: byLead.size, steps: rows.length, broken };
}
