import { describe, expect, it } from '@jest/globals';
import { DomainErrorCode } from '../shared/errors.js';
import { Permission } from '../shared/permissions.js';
import { aManager, anActor, ALICE, BOB, ORG, OTHER_ORG } from '../testing/index.js';
import { whyHidden } from './can-view-lead.js';
import { canSeeDuplicateDetails, requireOrganisationWide, requireOwnOrganisation } from './reads.js';

describe('what an actor may read', () => {
  it("refuses another organisation's data, whatever the permissions", () => {
    expect(() => requireOwnOrganisation(aManager(), ORG, 'orgId')).not.toThrow();
    expect(() => requireOwnOrganisation(aManager(), OTHER_ORG, 'orgId')).toThrow(
      expect.objectContaining({ code: DomainErrorCode.WrongOrganisation, field: 'orgId', rule: 'same-organisation' }),
    );
  });

  it('keeps organisation-wide figures to View All Leads', () => {
    expect(() => requireOrganisationWide(aManager(), 'source analytics')).not.toThrow();
    expect(() => requireOrganisationWide(anActor(), 'source analytics', 'viewer')).toThrow(
      expect.objectContaining({ code: DomainErrorCode.PermissionDenied, field: 'viewer', rule: 'view-all-leads' }),
    );
  });

  it("names a duplicate's details only to those who may see that lead", () => {
    expect(canSeeDuplicateDetails(anActor(), { ownerId: ALICE, claimedBy: null })).toBe(true);
    expect(canSeeDuplicateDetails(anActor(), { ownerId: BOB, claimedBy: null })).toBe(false);
    expect(canSeeDuplicateDetails(aManager(), { ownerId: BOB, claimedBy: null })).toBe(true);
  });

  it('says why a lead is hidden in words true for that lead', () => {
    const noManage = anActor(ALICE, [Permission.ViewLeads]);
    expect(whyHidden(noManage, { ownerId: null, claimedBy: null })).toMatch(/pool/);
    expect(whyHidden(anActor(), { ownerId: BOB, claimedBy: null })).toMatch(/owned or claimed by someone else/);
    expect(whyHidden(anActor(ALICE, [Permission.EditLeads]), { ownerId: ALICE, claimedBy: null })).toMatch(
      /View Leads/,
    );
  });
});
