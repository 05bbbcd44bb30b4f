// Rules at work: storing a rule set, and assigning a new lead by it. The decision is recorded in the
// ledger at the exact revision it was made against, then written to the lead as LeadAssigned (via
// 'rule', with the rule's id), both keyed so a rerun after a crash finishes with the same owner.
import {
  hasPermission,
  leadStream,
  Permission,
  PermissionDeniedError,
  UserId,
  type Actor,
  type LeadId,
  type OrgId,
} from '@leadline/domain';
import { ExpectedRevision, WrongExpectedRevisionError } from '@leadline/eventstore';
import { ConcurrencyConflictError } from '../../commands/errors.js';
import { derivedEventId } from '../../commands/idempotency.js';
import { childEnvelope, eventMetadata, type CommandEnvelope } from '../../commands/metadata.js';
import type { Acting } from '../../runtime/dispatcher.js';
import { backOff, type IntakeRuntime } from '../intake-runtime.js';
import type { LeadFacts } from './criteria.js';
import { assignmentStream, chooseOwner, type AssignmentEvent, type RuleAssignment } from './ledger.js';
import { validateRules, type AssignmentRule } from './rules.js';

/** Who rule assignments are written as: Leadline's own worker, allowed to assign any lead. */
export const ASSIGNMENT_RULES_ACTOR: Omit<Actor, 'orgId'> = {
  userId: UserId('leadline-assignment-rules'),
  kind: 'system',
  permissions: [Permission.ManageLeads, Permission.ViewLeads, Permission.ViewAllLeads],
};

export async function setRules(intake: IntakeRuntime, rules: readonly AssignmentRule[], acting: Acting): Promise<void> {
  if (!hasPermission(acting.actor, Permission.AdminOrganisation)) {
    throw new PermissionDeniedError({
      field: 'rules',
      rule: 'admin-organisation',
      message: `${acting.actor.userId} may not change assignment rules: it needs Admin Organisation.`,
    });
  }
  const checked = validateRules(rules);
  const envelope = intake.dispatcher.envelope(acting);
  const event: AssignmentEvent = { type: 'AssignmentRulesSet', data: { orgId: acting.actor.orgId, rules: checked } };
  await append(intake, envelope, acting.actor.orgId, event, ExpectedRevision.Any);
}

export async function currentRules(intake: IntakeRuntime, orgId: OrgId): Promise<readonly AssignmentRule[]> {
  return (await intake.ledgers.load(assignmentStream(orgId))).state.rules;
}

/** Assigns an unowned lead by the organisation's rules; null when no rule (or no user with capacity) takes it. */
export async function assignByRules(
  intake: IntakeRuntime,
  leadId: LeadId,
  facts: LeadFacts,
  acting: Acting,
  parent: CommandEnvelope,
): Promise<RuleAssignment | null> {
  const stream = assignmentStream(acting.actor.orgId);
  for (let attempt = 1; ; attempt += 1) {
    const ledger = await intake.ledgers.load(stream);
    if (ledger.state.rules.length === 0) return null;
    const lead = (await intake.leadStates.load(leadStream(leadId))).state;
    if (!lead.exists || lead.ownerId !== null || lead.deleted) return null;
    const earlier = ledger.state.recent.get(leadId);
    const decision = earlier ?? chooseOwner(ledger.state, facts);
    if (decision === null) return null;
    if (earlier === undefined) {
      const event: AssignmentEvent = {
        type: 'RuleAssignmentRecorded',
        data: {
          orgId: acting.actor.orgId,
          leadId,
          ruleId: decision.ruleId,
          ownerId: decision.ownerId,
          at: facts.createdAt.toISOString(),
        },
      };
      try {
        await append(
          intake,
          childEnvelope(parent, 'rule-ledger'),
          acting.actor.orgId,
          event,
          ledger.revision ?? ExpectedRevision.NoStream,
        );
      } catch (error) {
        if (!(error instanceof WrongExpectedRevisionError)) throw error;
        // One ledger per organisation is contended by every concurrent create with rules: a larger budget.
        if (attempt >= intake.runtime.retry.maxAttempts * 4) throw new ConcurrencyConflictError(stream, attempt, error);
        await backOff(intake, attempt);
        continue;
      }
    }
    const asRules: Acting = { ...acting, actor: { ...ASSIGNMENT_RULES_ACTOR, orgId: acting.actor.orgId } };
    await intake.dispatcher.lead(
      { type: 'AssignLead', leadId, ownerId: decision.ownerId, ruleId: decision.ruleId },
      asRules,
      { ...childEnvelope(parent, 'rule-assignment'), actorId: ASSIGNMENT_RULES_ACTOR.userId },
    );
    return decision;
  }
}

async function append(
  intake: IntakeRuntime,
  envelope: CommandEnvelope,
  orgId: OrgId,
  event: AssignmentEvent,
  expectedRevision: ExpectedRevision,
): Promise<void> {
  const stream = assignmentStream(orgId);
  const now = intake.runtime.clock.now();
  const eventId =
    envelope.idempotencyKey === null
      ? intake.runtime.ids.newId()
      : derivedEventId(orgId, envelope.idempotencyKey, `${stream}@${String(expectedRevision)}`, 0);
  // No cache to drop: the next load reads past the cached revision, whoever appended.
  await intake.runtime.store.append(
    stream,
    [{ eventId, type: event.type, data: event.data, metadata: eventMetadata(envelope, now, 1) }],
    { expectedRevision },
  );
}
