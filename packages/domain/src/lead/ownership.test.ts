import { describe, it } from '@jest/globals';
import { DomainErrorCode } from '../shared/errors.js';
import { ClaimId, UserId } from '../shared/ids.js';
import {
  aContext,
  aLeadCreated,
  aManager,
  anActor,
  ALICE,
  BOB,
  HOUR_MS,
  LEAD,
  leadSpec,
  NOW,
  later,
} from '../testing/index.js';
import type { LeadEvent } from './events.js';

const { given } = leadSpec;
const manager = aContext({ actor: aManager() });
const assign = (ownerId = BOB, ruleId?: string) =>
  ({ type: 'AssignLead', leadId: LEAD, ownerId, ...(ruleId && { ruleId }) }) as const;
const assigned = (
  ownerId: UserId,
  previousOwnerId: UserId | null,
  via: 'assign' | 'transfer' | 'rule',
  ruleId: string | null = null,
): LeadEvent => ({
  type: 'LeadAssigned',
  data: { leadId: LEAD, ownerId, previousOwnerId, via, ruleId },
});
const claimed: LeadEvent = {
  type: 'LeadClaimed',
  data: {
    leadId: LEAD,
    claimId: ClaimId('claim-1'),
    by: ALICE,
    at: NOW.toISOString(),
    expiresAt: new Date(NOW.getTime() + 24 * HOUR_MS).toISOString(),
  },
};

describe('assigning and transferring', () => {
  it('assigns a pool lead', () => {
    given([aLeadCreated()])
      .when(assign(), manager)
      .then([assigned(BOB, null, 'assign')]);
  });

  it('transfers an owned lead', () => {
    given([aLeadCreated({ ownerId: ALICE })])
      .when(assign(BOB), manager)
      .then([assigned(BOB, ALICE, 'transfer')]);
  });

  it('records the assignment rule that fired', () => {
    given([aLeadCreated()])
      .when(assign(BOB, 'round-robin'), manager)
      .then([assigned(BOB, null, 'rule', 'round-robin')]);
  });

  it('decides nothing when the owner does not change', () => {
    given([aLeadCreated({ ownerId: BOB })])
      .when(assign(BOB), manager)
      .thenNothing();
  });

  it('will not take a lead from under a live claim, but may give it to the claimant (ending the claim)', () => {
    given([aLeadCreated(), claimed]).when(assign(BOB), manager).thenThrows(DomainErrorCode.ClaimHeld, 'leadId');
    given([aLeadCreated(), claimed])
      .when(assign(ALICE), manager)
      .then([
        { type: 'ClaimReleased', data: { leadId: LEAD, claimId: ClaimId('claim-1'), claimedBy: ALICE } },
        assigned(ALICE, null, 'assign'),
      ]);
  });

  it('records a lapsed claim as expired before assigning', () => {
    given([aLeadCreated(), claimed])
      .when(assign(BOB), later(manager, 24 * HOUR_MS))
      .then([
        {
          type: 'ClaimExpired',
          data: { leadId: LEAD, claimId: ClaimId('claim-1'), claimedBy: ALICE, expiresAt: '2026-03-03T09:00:00.000Z' },
        },
        assigned(BOB, null, 'assign'),
      ]);
  });

  it('lets a rep transfer only what they can see', () => {
    given([aLeadCreated({ ownerId: ALICE })])
      .when(assign(BOB), aContext({ actor: anActor(ALICE) }))
      .then([assigned(BOB, ALICE, 'transfer')]);
    given([aLeadCreated({ ownerId: BOB })])
      .when(assign(ALICE), aContext({ actor: anActor(ALICE) }))
      .thenThrows(DomainErrorCode.PermissionDenied, 'leadId');
  });
});

describe('unassigning', () => {
  it('puts an owned lead back in the pool', () => {
    given([aLeadCreated({ ownerId: ALICE })])
      .when({ type: 'UnassignLead', leadId: LEAD }, manager)
      .then([{ type: 'LeadUnassigned', data: { leadId: LEAD, previousOwnerId: ALICE } }]);
  });

  it('is refused for a lead already in the pool', () => {
    given([aLeadCreated()])
      .when({ type: 'UnassignLead', leadId: LEAD }, manager)
      .thenThrows(DomainErrorCode.InvalidTransition, 'leadId', 'must-be-owned');
  });
});
