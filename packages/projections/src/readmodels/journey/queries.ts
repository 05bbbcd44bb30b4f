// Typed journey queries: a lead's steps in order, and verification of their hash chain.
import type { OrgId } from '@leadline/domain';
import { LeadId, UserId } from '@leadline/domain';
import type { ReadModelReader } from '../../store/port.js';
import type { ReadModelDatabase } from '../database.js';
import { readModelDb } from '../database.js';
import { GENESIS_HASH, readsAsSealed, stepHash } from './hash.js';

export interface JourneyStep {
  readonly leadId: LeadId;
  readonly seq: number;
  readonly eventId: string;
  readonly position: number;
  readonly occurredAt: string;
  readonly actorId: UserId;
  readonly kind: string;
  readonly summary: string;
  /** The summary as stored, personal values sealed; null when nothing in it is sealed. The hash covers it. */
  readonly sealedSummary: string | null;
  readonly prevHash: string;
  readonly hash: string;
}

const stepOf = (row: ReadModelDatabase['journey_steps']): JourneyStep => ({
  leadId: LeadId(row.lead_id),
  seq: row.seq,
  eventId: row.event_id,
  position: row.event_position,
  occurredAt: row.occurred_at,
  actorId: UserId(row.actor_id),
  kind: row.kind,
  summary: row.summary,
  sealedSummary: row.sealed_summary,
  prevHash: row.prev_hash,
  hash: row.hash,
});

/** Every step of one lead in order, deleted and merged leads included; empty for an unknown lead. */
export async function journeyTimeline(
  reader: ReadModelReader,
  query: { readonly orgId: OrgId; readonly leadId: LeadId },
): Promise<JourneyStep[]> {
  const rows = await readModelDb(reader)
    .selectFrom('journey_steps')
    .selectAll()
    .where('lead_id', '=', query.leadId)
    .where('org_id', '=', query.orgId)
    .orderBy('seq')
    .execute();
  return Array.from(rows, stepOf);
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
    const hashed = step.sealedSummary ?? step.summary;
    if (stepHash(previous, { ...step, summary: hashed }) !== step.hash) return broken('hash');
    if (step.sealedSummary !== null && !readsAsSealed(step.summary, step.sealedSummary)) return broken('hash');
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

/** Leads whose steps one audit round reads at a time, so memory stays bounded at any size. */
const AUDIT_LEADS_PER_ROUND = 500;

/** Verifies the journey of every lead of one organisation (the audit's `--verify`), lead by lead in id order. */
export async function verifyJourneys(reader: ReadModelReader, query: { readonly orgId: OrgId }): Promise<JourneyAudit> {
  const db = readModelDb(reader);
  const broken: JourneyAudit['broken'][number][] = [];
  let leads = 0;
  let steps = 0;
  let after: string | null = null;
  for (;;) {
    let heads = db.selectFrom('journey_heads').select('lead_id').where('org_id', '=', query.orgId);
    if (after !== null) heads = heads.where('lead_id', '>', after);
    const round = await heads.orderBy('lead_id').limit(AUDIT_LEADS_PER_ROUND).execute();
    const last = round[round.length - 1];
    if (last === undefined) break;
    const rows = await db
      .selectFrom('journey_steps')
      .selectAll()
      .where('org_id', '=', query.orgId)
      .where(
        'lead_id',
        'in',
        round.map((head) => head.lead_id),
      )
      .orderBy('lead_id')
      .orderBy('seq')
      .execute();
    const byLead = new Map<string, JourneyStep[]>();
    for (const row of rows) {
      const leadSteps = byLead.get(row.lead_id) ?? [];
      leadSteps.push(stepOf(row));
      byLead.set(row.lead_id, leadSteps);
    }
    for (const [leadId, leadSteps] of byLead) {
      const result = verifyJourneySteps(leadSteps);
      if (!result.ok) broken.push({ ...result, leadId: LeadId(leadId) });
    }
    leads += byLead.size;
    steps += rows.length;
    after = last.lead_id;
  }
  return { leads, steps, broken };
}
