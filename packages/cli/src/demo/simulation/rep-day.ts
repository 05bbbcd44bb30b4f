// One salesperson's working day: the calls due on their own leads, then fresh leads claimed from the
// pool, each called once. A good call keeps the lead (ownership); a dead one goes back, or is simply
// left until the claim lapses.
import type { Actor } from '@leadline/domain';
import { callLead, isClaimHeld, isConnected, type CallContext } from './calls.js';
import { claimHolds, inPool, isWorkable, type SimLead } from './world.js';

const MINUTE = 60 * 1000;

export interface RepTallies {
  claimRaces: number;
}

export async function workDay(context: CallContext, rep: Actor, tallies: RepTallies): Promise<void> {
  const { leadline, world, random } = context;
  const acting = { actor: rep };
  const due = world.leads.filter(
    (lead) =>
      isWorkable(lead) &&
      lead.ownerId === rep.userId &&
      lead.nextCallAt !== null &&
      lead.nextCallAt <= world.now + 10 * 60 * MINUTE,
  );
  for (const lead of due.slice(0, 10)) {
    await callLead(context, lead, rep, true);
    await context.tick(random.int(3, 8) * MINUTE);
  }

  const pool = world.leads
    .filter((lead) => inPool(lead, world.now) && lead.arrivedDay <= world.day)
    .sort((a, b) => b.rating - a.rating || a.arrivedDay - b.arrivedDay);
  for (const lead of pool.slice(0, random.int(2, 4))) {
    await claimAndCall(context, lead, rep);
    await context.tick(random.int(5, 12) * MINUTE);
  }

  // Now and then a rep reaches for a lead a colleague is holding; the domain says no.
  const held = world.leads.find(
    (lead) => isWorkable(lead) && lead.ownerId === null && claimHolds(lead, world.now) && lead.claim?.by !== rep.userId,
  );
  if (held !== undefined && random.chance(0.25)) {
    try {
      await leadline.leads.claim({ leadId: held.leadId }, acting);
    } catch (error) {
      if (!isClaimHeld(error)) throw error;
      tallies.claimRaces += 1;
    }
  }
}

async function claimAndCall(context: CallContext, lead: SimLead, rep: Actor): Promise<void> {
  const { leadline, world, random } = context;
  const acting = { actor: rep };
  const claimed = await leadline.leads.claim({ leadId: lead.leadId }, acting);
  const data = claimed.events.find((candidate) => candidate.type === 'LeadClaimed')?.data;
  lead.claim = {
    by: rep.userId,
    until: data !== undefined && 'expiresAt' in data ? Date.parse(data.expiresAt) : world.now,
  };
  const outcome = await callLead(context, lead, rep, false);
  if (isConnected(outcome)) {
    await leadline.leads.takeOwnership({ leadId: lead.leadId }, acting);
    lead.ownerId = rep.userId;
    lead.claim = null;
    await callLead(context, lead, rep, true);
  } else if (random.chance(0.45)) {
    await leadline.leads.release({ leadId: lead.leadId }, acting);
    lead.claim = null;
  }
  // Otherwise the claim is left to lapse: the claim expiry worker returns the lead to the pool.
}
