// The manager's part: new leads entered as they arrive (duplicates caught and merged), stale pool leads
// handed to the least busy salesperson on Mondays, lost leads worth another try reopened on Fridays.
import { ratingOfScore, StageId, type Actor, type LeadId } from '@leadline/domain';
import type { DuplicateCandidate } from 'leadline';
import { MANAGER, PARTNERS_WORKFLOW, REPS, isPartnerLead } from '../cast.js';
import type { CallContext } from './calls.js';
import type { Arrival } from './arrivals.js';
import { inPool, type SimLead, type World } from './world.js';

const MINUTE = 60 * 1000;
const acting = { actor: MANAGER };

export async function enterArrivals(
  context: CallContext,
  arrivals: readonly Arrival[],
  defaultWorkflow: SimLead['workflowId'],
): Promise<void> {
  const { leadline, world, random } = context;
  for (const { lead } of arrivals) {
    const workflowId = isPartnerLead(lead.notes) ? PARTNERS_WORKFLOW : defaultWorkflow;
    const value =
      lead.estimatedValue === ''
        ? null
        : { amountMinor: Math.round(Number(lead.estimatedValue) * 100), currency: lead.currency || 'EUR' };
    const input = {
      fields: {
        name: lead.name,
        email: lead.email || null,
        phone: lead.phone || null,
        company: lead.company || null,
        source: lead.source,
        notes: lead.notes || null,
        rating: lead.rating === '' ? null : ratingOfScore(Number(lead.rating)),
        estimatedValue: value,
      },
      workflowId,
    };
    const keyed = {
      ...acting,
      idempotencyKey: `demo-row-${lead.row}`,
      metadata: { importFile: 'leads.csv', importRow: lead.row },
    };
    const first = await leadline.leads.create(input, keyed);
    // The duplicate guard stops a lead that matches others: the same email is the same person (merge
    // into the earlier lead); a shared phone may be a switchboard (keep both, recorded as a choice).
    const result =
      first.outcome !== 'duplicates'
        ? first
        : await leadline.leads.create(duplicateChoice(input, first.candidates), keyed);
    if (result.outcome === 'merged') {
      await context.tick(random.int(1, 4) * MINUTE);
      continue;
    }
    world.leads.push({
      leadId: result.leadId,
      workflowId,
      name: lead.name,
      source: lead.source,
      rating: lead.rating === '' ? 2 : Number(lead.rating),
      arrivedDay: world.day,
      stage: 0,
      status: 'open',
      ownerId: null,
      claim: null,
      nextCallAt: null,
      attempts: 0,
      lostOnDay: null,
    });
    await context.tick(random.int(1, 4) * MINUTE);
  }
}

function duplicateChoice<I extends object>(
  input: I,
  candidates: readonly DuplicateCandidate[],
): I & ({ mergeInto: LeadId } | { keepDespiteDuplicates: LeadId[] }) {
  const sameEmail = candidates.find((candidate) => candidate.matchedOn.includes('email'));
  return sameEmail === undefined
    ? { ...input, keepDespiteDuplicates: candidates.map((candidate) => candidate.leadId) }
    : { ...input, mergeInto: sameEmail.leadId };
}

/** Mondays: pool leads waiting three days or more go to whoever owns the fewest open leads. */
export async function assignStaleLeads(context: CallContext): Promise<void> {
  const { leadline, world } = context;
  const stale = world.leads.filter((lead) => inPool(lead, world.now) && world.day - lead.arrivedDay >= 3).slice(0, 4);
  for (const lead of stale) {
    const rep = leastBusy(world);
    await leadline.leads.assign({ leadId: lead.leadId, ownerId: rep.userId }, acting);
    lead.ownerId = rep.userId;
    lead.nextCallAt = world.now;
    await context.tick(2 * MINUTE);
  }
}

/** Fridays: a lost lead or two gets another chance, back in the first open stage. */
export async function reopenLostLeads(context: CallContext, leadlineReasons: readonly string[]): Promise<void> {
  const { leadline, world, random } = context;
  const lost = world.leads.filter(
    (lead) => lead.status === 'lost' && lead.lostOnDay !== null && world.day - lead.lostOnDay >= 4,
  );
  for (const lead of lost.slice(0, 2)) {
    if (!random.chance(0.5)) continue;
    const stages = world.workflows.get(lead.workflowId);
    await leadline.leads.reopen(
      {
        leadId: lead.leadId,
        reason: random.pick(leadlineReasons),
        ...(stages === undefined ? {} : { stageId: stages.open[0] ?? StageId('') }),
      },
      acting,
    );
    lead.status = 'open';
    lead.stage = 0;
    lead.attempts = 0;
    lead.lostOnDay = null;
    lead.nextCallAt = lead.ownerId === null ? null : world.now + 24 * 60 * MINUTE;
    await context.tick(3 * MINUTE);
  }
}

function leastBusy(world: World): Actor {
  const load = (rep: Actor): number =>
    world.leads.filter((lead) => lead.ownerId === rep.userId && lead.status === 'open').length;
  return [...REPS].sort((a, b) => load(a) - load(b))[0] ?? MANAGER;
}
