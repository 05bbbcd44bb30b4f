// What a rule set would have done: run over the organisation's past leads in creation order, with a
// fresh ledger, reporting who would have got which lead next to who actually got it. Writes nothing.
import type { LeadAssigned, LeadCreated, LeadId, OrgId, UserId } from '@leadline/domain';
import type { IntakeRuntime } from '../intake-runtime.js';
import { createLedgerReplay, chooseOwner } from './ledger.js';
import { validateRules, type AssignmentRule } from './rules.js';

export interface SimulatedLead {
  readonly leadId: LeadId;
  readonly createdAt: string;
  /** The rule that would have fired, and the user it would have given the lead to (null: none). */
  readonly ruleId: string | null;
  readonly ownerId: UserId | null;
  /** Who first owned the lead in fact (at creation or by a later assignment), or null. */
  readonly actualOwnerId: UserId | null;
}

export interface SimulationReport {
  readonly leads: readonly SimulatedLead[];
  readonly byUser: Readonly<Record<string, number>>;
  readonly byRule: Readonly<Record<string, number>>;
  /** Leads no rule would have taken. */
  readonly unassigned: number;
  /** Leads created with an owner, which rules never see. */
  readonly ownedAtCreation: number;
}

export interface SimulationRange {
  /** Only leads created at or after this instant. */
  readonly from?: Date;
  /** Only leads created before this instant. */
  readonly to?: Date;
}

export async function simulateRules(
  intake: IntakeRuntime,
  orgId: OrgId,
  rules: readonly AssignmentRule[],
  range: SimulationRange = {},
): Promise<SimulationReport> {
  const replay = createLedgerReplay(validateRules(rules));
  const leads = new Map<
    LeadId,
    { createdAt: string; ruleId: string | null; ownerId: UserId | null; actualOwnerId: UserId | null }
  >();
  let ownedAtCreation = 0;
  for await (const event of intake.runtime.store.readAll({
    filter: { eventTypes: ['LeadCreated', 'LeadAssigned'], streamPrefixes: ['lead-'] },
  })) {
    if (event.metadata.orgId !== orgId) continue;
    if (event.type === 'LeadAssigned') {
      const data = event.data as LeadAssigned['data'];
      const lead = leads.get(data.leadId);
      if (lead !== undefined && lead.actualOwnerId === null) lead.actualOwnerId = data.ownerId;
      continue;
    }
    const data = event.data as LeadCreated['data'];
    const createdAt = new Date(event.metadata.occurredAt);
    if ((range.from !== undefined && createdAt < range.from) || (range.to !== undefined && createdAt >= range.to))
      continue;
    if (data.ownerId !== null) {
      ownedAtCreation += 1;
      continue;
    }
    const decision = chooseOwner(replay.state, {
      source: data.source,
      company: data.company,
      customFields: data.customFields,
      createdAt,
    });
    if (decision !== null)
      replay.record({
        orgId,
        leadId: data.leadId,
        ruleId: decision.ruleId,
        ownerId: decision.ownerId,
        at: createdAt.toISOString(),
      });
    leads.set(data.leadId, {
      createdAt: createdAt.toISOString(),
      ruleId: decision?.ruleId ?? null,
      ownerId: decision?.ownerId ?? null,
      actualOwnerId: null,
    });
  }
  const byUser: Record<string, number> = {};
  const byRule: Record<string, number> = {};
  let unassigned = 0;
  for (const lead of leads.values()) {
    if (lead.ownerId === null || lead.ruleId === null) unassigned += 1;
    else {
      byUser[lead.ownerId] = (byUser[lead.ownerId] ?? 0) + 1;
      byRule[lead.ruleId] = (byRule[lead.ruleId] ?? 0) + 1;
    }
  }
  return {
    leads: [...leads.entries()].map(([leadId, lead]) => ({ leadId, ...lead })),
    byUser,
    byRule,
    unassigned,
    ownedAtCreation,
  };
}
