import { describe, it } from '@jest/globals';
import { DomainErrorCode } from '../shared/errors.js';
import { ClaimId, ClientId } from '../shared/ids.js';
import { Permission } from '../shared/permissions.js';
import {
  aContext,
  aLeadCreated,
  aManager,
  anActor,
  aSystemActor,
  ALICE,
  BOB,
  HOUR_MS,
  LEAD,
  leadSpec,
  NOW,
  later,
} from '../testing/index.js';
import type { LeadClaimed, LeadEvent } from './events.js';

const { given } = leadSpec;
const DAY_MS = 24 * HOUR_MS;
const FIRST = ClaimId('claim-1');
const SECOND = ClaimId('claim-2');

const claimedBy = (by = ALICE, claimId = FIRST, at = NOW, windowMs = DAY_MS): LeadClaimed => ({
  type: 'LeadClaimed',
  data: { leadId: LEAD, claimId, by, at: at.toISOString(), expiresAt: new Date(at.getTime() + windowMs).toISOString() },
});
const released = (claimId = FIRST, by = ALICE): LeadEvent => ({
  type: 'ClaimReleased',
  data: { leadId: LEAD, claimId, claimedBy: by },
});
const expired = (claim: LeadClaimed): LeadEvent => ({
  type: 'ClaimExpired',
  data: { leadId: LEAD, claimId: claim.data.claimId, claimedBy: claim.data.by, expiresAt: claim.data.expiresAt },
});
const alice = aContext({ actor: anActor(ALICE) });
const bob = aContext({ actor: anActor(BOB) });
const claim = (claimId = FIRST) => ({ type: 'ClaimLead', leadId: LEAD, claimId }) as const;

describe('claiming a pool lead', () => {
  it("claims for the organisation's claim window (24 h by default)", () => {
    given([aLeadCreated()]).when(claim(), alice).then([claimedBy()]);
  });

  it("uses the organisation's own claim window", () => {
    given([aLeadCreated()])
      .when(claim(), aContext({ settings: { claimWindowMs: 2 * HOUR_MS } }))
      .then([claimedBy(ALICE, FIRST, NOW, 2 * HOUR_MS)]);
  });

  it('is refused while another claim holds, up to the last millisecond', () => {
    given([aLeadCreated(), claimedBy()])
      .when(claim(SECOND), later(bob, DAY_MS - 1))
      .thenThrows(DomainErrorCode.ClaimHeld, 'leadId');
  });

  it('records a lapsed claim as expired first, then the new claim: a claim holds while now < expiresAt', () => {
    const atExpiry = later(bob, DAY_MS);
    given([aLeadCreated(), claimedBy()])
      .when(claim(SECOND), atExpiry)
      .then([expired(claimedBy()), claimedBy(BOB, SECOND, atExpiry.now)]);
  });

  it('after an explicit expiry, claims without writing the expiry again', () => {
    const after = later(bob, DAY_MS + HOUR_MS);
    given([aLeadCreated(), claimedBy(), expired(claimedBy())])
      .when(claim(SECOND), after)
      .then([claimedBy(BOB, SECOND, after.now)]);
  });

  it('decides nothing when the same claimant retries the same claim', () => {
    given([aLeadCreated(), claimedBy()]).when(claim(FIRST), later(alice, HOUR_MS)).thenNothing();
    given([aLeadCreated(), claimedBy()])
      .when(claim(SECOND), later(alice, HOUR_MS))
      .thenThrows(DomainErrorCode.ClaimHeld, 'leadId');
  });

  it('is refused on an owned lead and on a converted one', () => {
    given([aLeadCreated({ ownerId: BOB })])
      .when(claim(), aContext({ actor: aManager() }))
      .thenThrows(DomainErrorCode.AlreadyOwned, 'leadId');
    const converted: LeadEvent = {
      type: 'ConvertedToClient',
      data: { leadId: LEAD, clientId: ClientId('c'), mode: 'new' },
    };
    given([aLeadCreated(), converted])
      .when(claim(), aContext({ actor: aManager() }))
      .thenThrows(DomainErrorCode.LeadConverted, 'leadId');
  });

  it('needs Manage Leads', () => {
    const viewer = anActor(ALICE, [Permission.ViewLeads, Permission.EditLeads]);
    given([aLeadCreated()])
      .when(claim(), aContext({ actor: viewer }))
      .thenThrows(DomainErrorCode.PermissionDenied, 'actor', 'requires:MANAGE_LEADS');
  });
});

describe('releasing a claim', () => {
  it('is done by the claimant', () => {
    given([aLeadCreated(), claimedBy()])
      .when({ type: 'ReleaseClaim', leadId: LEAD }, later(alice, HOUR_MS))
      .then([released()]);
  });

  it('is done by a manager for someone else, but not by another rep (who cannot even see it)', () => {
    given([aLeadCreated(), claimedBy()])
      .when({ type: 'ReleaseClaim', leadId: LEAD }, aContext({ actor: aManager() }))
      .then([released()]);
    given([aLeadCreated(), claimedBy()])
      .when({ type: 'ReleaseClaim', leadId: LEAD }, bob)
      .thenThrows(DomainErrorCode.PermissionDenied, 'leadId', 'visible-to-actor');
  });

  it('is refused when there is no claim, or it lapsed', () => {
    given([aLeadCreated()])
      .when({ type: 'ReleaseClaim', leadId: LEAD }, alice)
      .thenThrows(DomainErrorCode.NotClaimed, 'leadId');
    given([aLeadCreated(), claimedBy()])
      .when({ type: 'ReleaseClaim', leadId: LEAD }, later(alice, DAY_MS))
      .thenThrows(DomainErrorCode.NotClaimed, 'leadId');
  });
});

describe('expiring a claim (the expiry worker)', () => {
  const worker = aContext({ actor: aSystemActor() });
  const expire = (claimId = FIRST) => ({ type: 'ExpireClaim', leadId: LEAD, claimId }) as const;

  it('records the expiry of a lapsed claim', () => {
    given([aLeadCreated(), claimedBy()])
      .when(expire(), later(worker, DAY_MS))
      .then([expired(claimedBy())]);
  });

  it('decides nothing the second time', () => {
    given([aLeadCreated(), claimedBy(), expired(claimedBy())])
      .when(expire(), later(worker, DAY_MS + 1))
      .thenNothing();
  });

  it('decides nothing for a claim that already ended or was replaced', () => {
    given([aLeadCreated(), claimedBy(), released()]).when(expire(), later(worker, DAY_MS)).thenNothing();
    const second = claimedBy(BOB, SECOND, new Date(NOW.getTime() + 2 * DAY_MS));
    given([aLeadCreated(), claimedBy(), expired(claimedBy()), second])
      .when(expire(FIRST), later(worker, 2 * DAY_MS))
      .thenNothing();
    given([aLeadCreated()]).when(expire(), worker).thenNothing();
  });

  it('is refused while the claim still holds', () => {
    given([aLeadCreated(), claimedBy()])
      .when(expire(), later(worker, DAY_MS - 1))
      .thenThrows(DomainErrorCode.ClaimHeld, 'claimId', 'claim-lapsed');
  });
});

describe('taking ownership', () => {
  const take = { type: 'TakeOwnership', leadId: LEAD } as const;
  const ownedBy = (ownerId = ALICE): LeadEvent => ({
    type: 'LeadAssigned',
    data: { leadId: LEAD, ownerId, previousOwnerId: null, via: 'take-ownership', ruleId: null },
  });

  it('ends the claim and makes the claimant the owner', () => {
    given([aLeadCreated(), claimedBy()]).when(take, later(alice, HOUR_MS)).then([released(), ownedBy()]);
  });

  it('may be confirmed by a manager for the claimant', () => {
    given([aLeadCreated(), claimedBy()])
      .when(take, aContext({ actor: aManager() }))
      .then([released(), ownedBy(ALICE)]);
  });

  it('is refused without a live claim', () => {
    given([aLeadCreated()]).when(take, alice).thenThrows(DomainErrorCode.NotClaimed, 'leadId');
    given([aLeadCreated(), claimedBy()])
      .when(take, later(alice, DAY_MS))
      .thenThrows(DomainErrorCode.NotClaimed, 'leadId');
  });

  it('leaves no claim behind: the owner can be unassigned and the lead claimed again', () => {
    const manager = aContext({ actor: aManager() });
    given([
      aLeadCreated(),
      claimedBy(),
      released(),
      ownedBy(),
      { type: 'LeadUnassigned', data: { leadId: LEAD, previousOwnerId: ALICE } },
    ])
      .when(claim(SECOND), bob)
      .then([claimedBy(BOB, SECOND)]);
    given([aLeadCreated(), claimedBy(), released(), ownedBy()])
      .when({ type: 'ReleaseClaim', leadId: LEAD }, manager)
      .thenThrows(DomainErrorCode.NotClaimed);
  });
});
