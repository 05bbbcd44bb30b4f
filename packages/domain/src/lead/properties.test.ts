// Properties over random command sequences from random actors with random clock steps: the lead's
// invariants hold after every accepted command, refusals are typed and emit nothing, decide is pure.
import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import type { CommandContext } from '../shared/context.js';
import { DomainErrorCode, isDomainError } from '../shared/errors.js';
import { ClaimId, ClientId, JourneyStepId, LeadId, MergeId, NoteId, StageId, UserId } from '../shared/ids.js';
import { Permission } from '../shared/permissions.js';
import { ROLE_ORDER, type Role } from '../shared/values.js';
import {
  aContext,
  aCreateLead,
  aLeadCreated,
  aManager,
  anActor,
  aSystemActor,
  ALICE,
  BOB,
  HOUR_MS,
  LEAD,
  NOW,
  OTHER_ORG,
  STAGE,
} from '../testing/index.js';
import type { LeadCommand } from './commands.js';
import { decideLead } from './decide.js';
import type { LeadEvent } from './events.js';
import { evolveLead } from './evolve.js';
import { initialLeadState, liveClaim, type LeadState } from './state.js';

const ACTORS: readonly { readonly name: string; readonly context: (now: Date) => CommandContext }[] = [
  { name: 'alice (rep)', context: (now) => aContext({ now, actor: anActor(ALICE) }) },
  { name: 'bob (rep)', context: (now) => aContext({ now, actor: anActor(BOB) }) },
  { name: 'manager', context: (now) => aContext({ now, actor: aManager() }) },
  { name: 'viewer', context: (now) => aContext({ now, actor: anActor(UserId('vic'), [Permission.ViewLeads]) }) },
  { name: 'expiry worker', context: (now) => aContext({ now, actor: aSystemActor() }) },
  { name: 'outsider', context: (now) => aContext({ now, actor: aManager(UserId('eve')), orgId: OTHER_ORG }) },
];
const OUTSIDER = ACTORS.length - 1;

const claimId = fc.constantFrom(ClaimId('c1'), ClaimId('c2'), ClaimId('c3'));
const stageId = fc.constantFrom(...Object.values(STAGE), StageId('NOWHERE'));
const reason = fc.constantFrom<string | null>(null, '', 'Budget', 'x'.repeat(1001));
const mergeId = fc.constantFrom(MergeId('m1'), MergeId('m2'));
const DUPLICATE = { leadId: LeadId('lead-dup'), details: { ...aLeadCreated().data, company: 'Dup Ltd', notes: 'dup' } };

const detailChanges = fc.record({
  name: fc.constantFrom('Ada', ' ', 'x'.repeat(201)),
  email: fc.constantFrom(null, 'a@b.co', 'bad'),
  phone: fc.constant(null),
});

// Commands that end a lead's working life (delete, absorb) are rarer, so sequences reach deep states.
const command: fc.Arbitrary<LeadCommand> = fc.oneof(
  { weight: 1, arbitrary: fc.constant(aCreateLead()) },
  {
    weight: 4,
    arbitrary: detailChanges.map((changes): LeadCommand => ({
      type: 'UpdateLeadDetails',
      leadId: LEAD,
      fields: changes,
    })),
  },
  {
    weight: 4,
    arbitrary: fc.record({ stageId, reason }).map((c): LeadCommand => ({ type: 'ChangeStage', leadId: LEAD, ...c })),
  },
  { weight: 4, arbitrary: reason.map((r): LeadCommand => ({ type: 'MarkLeadLost', leadId: LEAD, reason: r ?? '' })) },
  { weight: 4, arbitrary: reason.map((r): LeadCommand => ({ type: 'ReopenLead', leadId: LEAD, reason: r ?? '' })) },
  {
    weight: 4,
    arbitrary: fc
      .constantFrom<string | null>(null, '2026-03-01T00:00:00Z', '2027-01-01T00:00:00Z')
      .map((at): LeadCommand => ({ type: 'ScheduleNextCall', leadId: LEAD, at })),
  },
  {
    weight: 4,
    arbitrary: fc.constant<LeadCommand>({
      type: 'LogNote',
      leadId: LEAD,
      noteId: NoteId('n'),
      text: 'Called',
      outcome: 'CONNECTED',
    }),
  },
  {
    weight: 4,
    arbitrary: fc.constant<LeadCommand>({
      type: 'RecordJourneyStep',
      leadId: LEAD,
      stepId: JourneyStepId('s'),
      label: 'Demo',
    }),
  },
  { weight: 4, arbitrary: claimId.map((id): LeadCommand => ({ type: 'ClaimLead', leadId: LEAD, claimId: id })) },
  { weight: 4, arbitrary: fc.constant<LeadCommand>({ type: 'ReleaseClaim', leadId: LEAD }) },
  { weight: 4, arbitrary: claimId.map((id): LeadCommand => ({ type: 'ExpireClaim', leadId: LEAD, claimId: id })) },
  { weight: 4, arbitrary: fc.constant<LeadCommand>({ type: 'TakeOwnership', leadId: LEAD }) },
  {
    weight: 4,
    arbitrary: fc
      .constantFrom(ALICE, BOB)
      .map((ownerId): LeadCommand => ({ type: 'AssignLead', leadId: LEAD, ownerId })),
  },
  { weight: 4, arbitrary: fc.constant<LeadCommand>({ type: 'UnassignLead', leadId: LEAD }) },
  {
    weight: 4,
    arbitrary: fc
      .constantFrom<Role>(...ROLE_ORDER)
      .map((to): LeadCommand => ({ type: 'PromoteRole', leadId: LEAD, to })),
  },
  {
    weight: 4,
    arbitrary: fc
      .constantFrom('new' as const, 'merged' as const)
      .map((mode): LeadCommand => ({ type: 'ConvertToClient', leadId: LEAD, clientId: ClientId('cl'), mode })),
  },
  { weight: 4, arbitrary: fc.constant<LeadCommand>({ type: 'LinkToClient', leadId: LEAD, clientId: ClientId('cl2') }) },
  {
    weight: 4,
    arbitrary: mergeId.map((id): LeadCommand => ({
      type: 'MergeLeads',
      leadId: LEAD,
      mergeId: id,
      absorbed: [DUPLICATE],
    })),
  },
  {
    weight: 1,
    arbitrary: mergeId.map((id): LeadCommand => ({
      type: 'MarkLeadMerged',
      leadId: LEAD,
      mergeId: id,
      survivorId: LeadId('lead-s'),
    })),
  },
  { weight: 4, arbitrary: mergeId.map((id): LeadCommand => ({ type: 'UnmergeLeads', leadId: LEAD, mergeId: id })) },
  { weight: 4, arbitrary: mergeId.map((id): LeadCommand => ({ type: 'MarkLeadUnmerged', leadId: LEAD, mergeId: id })) },
  { weight: 1, arbitrary: fc.constant<LeadCommand>({ type: 'DeleteLead', leadId: LEAD }) },
);
// Steps around the 24 h claim window's edge matter most.
const clockStep = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(0, 1, HOUR_MS) },
  { weight: 1, arbitrary: fc.constantFrom(23 * HOUR_MS, 24 * HOUR_MS - 1, 24 * HOUR_MS, 25 * HOUR_MS) },
);
const actor = fc.oneof(
  { weight: 6, arbitrary: fc.nat({ max: ACTORS.length - 2 }) },
  { weight: 1, arbitrary: fc.constant(OUTSIDER) },
);
const step = fc.record({ command, actor, clockStep });
const steps = fc.array(step, { minLength: 1, maxLength: 40, size: 'max' });

interface Accepted {
  readonly before: LeadState;
  readonly events: readonly LeadEvent[];
  readonly after: LeadState;
  readonly now: Date;
}

/** Runs the steps from a created lead; checks what holds for every decision; returns the accepted ones. */
const run = (
  startCreated: boolean,
  plan: readonly { command: LeadCommand; actor: number; clockStep: number }[],
): Accepted[] => {
  let state: LeadState = startCreated ? evolveLead(initialLeadState, aLeadCreated()) : initialLeadState;
  let now = NOW;
  const accepted: Accepted[] = [];
  for (const { command: next, actor, clockStep: ms } of plan) {
    now = new Date(now.getTime() + ms);
    const context = ACTORS[actor]!.context(now);
    const snapshot = JSON.stringify(state);
    let events: LeadEvent[];
    try {
      events = decideLead(next, state, context);
    } catch (error) {
      // A refusal is always a typed DomainError, and decide left the state untouched.
      expect(isDomainError(error)).toBe(true);
      expect(JSON.stringify(state)).toBe(snapshot);
      continue;
    }
    expect(JSON.stringify(state)).toBe(snapshot);
    expect(decideLead(next, state, context)).toEqual(events);
    const after = events.reduce(evolveLead, state);
    // No cross-organisation effect: whatever is accepted changes a lead of the actor's organisation only.
    if (events.length > 0) expect(after.exists && after.orgId).toBe(context.orgId);
    accepted.push({ before: state, events, after, now });
    state = after;
  }
  return accepted;
};

const rank = (role: Role): number => ROLE_ORDER.indexOf(role);

describe('lead invariants under random command sequences', () => {
  it('hold after every accepted command', () => {
    fc.assert(
      fc.property(fc.boolean(), steps, (startCreated, plan) => {
        for (const { before, events, after, now } of run(startCreated, plan)) {
          if (!after.exists) continue;
          // At most one claim in force, and never beside an owner.
          if (after.claim !== null) expect(after.ownerId).toBeNull();
          for (const event of events) {
            expect(event.data.leadId).toBe(LEAD);
            if (event.type === 'LeadClaimed') {
              const previous = before.exists ? before.claim : null;
              const endedFirst = events.some(
                (e) =>
                  (e.type === 'ClaimExpired' || e.type === 'ClaimReleased') && e.data.claimId === previous?.claimId,
              );
              expect(liveClaim(previous, now)).toBeNull();
              if (previous !== null) expect(endedFirst).toBe(true);
            }
          }
          if (!before.exists) continue;
          // Nothing happens to a deleted lead.
          expect(before.deleted).toBe(false);
          expect(after.orgId).toBe(before.orgId);
          // A converted lead never changes stage and stays converted.
          if (before.converted) {
            expect(events.some((e) => e.type === 'StageChanged')).toBe(false);
            expect(after.stageId).toBe(before.stageId);
            expect(after.converted).toBe(true);
          }
          // Roles never move back.
          expect(rank(after.role)).toBeGreaterThanOrEqual(rank(before.role));
          // An absorbed lead only gets its unmerge.
          if (before.mergedInto !== null) expect(events.every((e) => e.type === 'LeadUnmerged')).toBe(true);
        }
      }),
      { numRuns: 200 },
    );
  });

  it('accept some of everything (the generator reaches the interesting states)', () => {
    const seen = new Set<string>();
    fc.assert(
      fc.property(steps, (plan) => {
        for (const { events } of run(true, plan)) events.forEach((e) => seen.add(e.type));
      }),
      { numRuns: 100, seed: 42 },
    );
    expect([...seen].sort()).toEqual(
      [
        'ClaimExpired',
        'ClaimReleased',
        'ConvertedToClient',
        'JourneyStepRecorded',
        'LeadAssigned',
        'LeadClaimed',
        'LeadDeleted',
        'LeadDetailsUpdated',
        'LeadMerged',
        'LeadUnassigned',
        'LeadUnmerged',
        'LinkedToClient',
        'NextCallScheduled',
        'NoteLogged',
        'RolePromoted',
        'StageChanged',
      ].sort(),
    );
  });

  it('refuse every command to an outsider with WRONG_ORGANISATION', () => {
    fc.assert(
      fc.property(
        command.filter((c) => c.type !== 'CreateLead'),
        (c) => {
          const state = evolveLead(initialLeadState, aLeadCreated());
          expect(() => decideLead(c, state, ACTORS[OUTSIDER]!.context(NOW))).toThrow(
            expect.objectContaining({ code: DomainErrorCode.WrongOrganisation }),
          );
        },
      ),
    );
  });
});
