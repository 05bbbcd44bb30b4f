import { describe, expect, it } from '@jest/globals';
import { DomainErrorCode } from '../shared/errors.js';
import { ClaimId, LeadId, MergeId } from '../shared/ids.js';
import { aContext, aLeadCreated, aManager, ALICE, LEAD, leadSpec, NOW } from '../testing/index.js';
import type { LeadDetails, LeadEvent } from './events.js';
import { mergeLeadDetails, unmergeLeadDetails } from './merge-rule.js';

const { given } = leadSpec;
const manager = aContext({ actor: aManager() });
const {
  leadId: _l,
  orgId: _o,
  workflowId: _w,
  stageId: _s,
  clientId: _c,
  ownerId: _ow,
  duplicateDecision: _d,
  ...survivorDetails
} = aLeadCreated().data;
const DUP = LeadId('lead-dup');
const MERGE = MergeId('merge-1');
const dupDetails: LeadDetails = {
  ...survivorDetails,
  email: 'ada@engines.example',
  phone: null,
  company: 'Analytical Engines',
  notes: 'Prefers mornings',
  rating: 'warm',
  customFields: { employees: 12 },
};

describe('the merge rule', () => {
  it('takes the first non-empty value in order, concatenates notes, unites custom fields', () => {
    const survivor: LeadDetails = {
      ...survivorDetails,
      notes: 'Met at a fair',
      customFields: { employees: 3, newsletter: true },
    };
    const third: LeadDetails = {
      ...dupDetails,
      company: 'Ignored Ltd',
      notes: 'Prefers mornings',
      estimatedValue: { amountMinor: 100, currency: 'EUR' },
    };
    expect(mergeLeadDetails(survivor, [dupDetails, third])).toEqual({
      ...survivor,
      company: 'Analytical Engines',
      rating: 'warm',
      estimatedValue: { amountMinor: 100, currency: 'EUR' },
      notes: 'Met at a fair\n\nPrefers mornings',
      customFields: { employees: 3, newsletter: true },
    });
  });

  it('undoes a merge field by field, keeping edits made since', () => {
    const after = mergeLeadDetails(survivorDetails, [dupDetails]);
    const edited = { ...after, rating: 'hot' as const };
    const merge = { mergeId: MERGE, absorbedLeadIds: [DUP], before: survivorDetails, after };
    expect(unmergeLeadDetails(after, merge)).toEqual(survivorDetails);
    expect(unmergeLeadDetails(edited, merge)).toEqual({ ...survivorDetails, rating: 'hot' });
  });
});

describe('merging and unmerging', () => {
  const merged: LeadEvent = {
    type: 'LeadMerged',
    data: {
      leadId: LEAD,
      mergeId: MERGE,
      side: 'survivor',
      absorbedLeadIds: [DUP],
      before: survivorDetails,
      after: mergeLeadDetails(survivorDetails, [dupDetails]),
    },
  };
  const absorbed: LeadEvent = {
    type: 'LeadMerged',
    data: { leadId: DUP, mergeId: MERGE, side: 'absorbed', survivorId: LEAD },
  };
  const dupCreated = aLeadCreated({ leadId: DUP, ...dupDetails });

  it("records the survivor's details before and after", () => {
    given([aLeadCreated()])
      .when(
        { type: 'MergeLeads', leadId: LEAD, mergeId: MERGE, absorbed: [{ leadId: DUP, details: dupDetails }] },
        manager,
      )
      .then([merged]);
  });

  it('refuses an empty merge, merging a lead into itself, naming a lead twice, and reusing a merge id', () => {
    const merge = (absorbedIds: LeadId[]) =>
      ({
        type: 'MergeLeads',
        leadId: LEAD,
        mergeId: MERGE,
        absorbed: absorbedIds.map((leadId) => ({ leadId, details: dupDetails })),
      }) as const;
    given([aLeadCreated()]).when(merge([]), manager).thenThrows(DomainErrorCode.Validation, 'absorbed', 'non-empty');
    given([aLeadCreated()])
      .when(merge([LEAD]), manager)
      .thenThrows(DomainErrorCode.Validation, 'absorbed', 'not-self');
    given([aLeadCreated()])
      .when(merge([DUP, DUP]), manager)
      .thenThrows(DomainErrorCode.Validation, 'absorbed', 'distinct');
    given([aLeadCreated(), merged])
      .when(merge([LeadId('lead-3')]), manager)
      .thenThrows(DomainErrorCode.AlreadyExists, 'mergeId');
  });

  it('marks the absorbed lead, ending its claim first, and it then refuses edits', () => {
    const claimed: LeadEvent = {
      type: 'LeadClaimed',
      data: {
        leadId: DUP,
        claimId: ClaimId('c1'),
        by: ALICE,
        at: NOW.toISOString(),
        expiresAt: '2026-03-03T09:00:00.000Z',
      },
    };
    given([dupCreated, claimed])
      .when({ type: 'MarkLeadMerged', leadId: DUP, mergeId: MERGE, survivorId: LEAD }, manager)
      .then([{ type: 'ClaimReleased', data: { leadId: DUP, claimId: ClaimId('c1'), claimedBy: ALICE } }, absorbed]);
    given([dupCreated, absorbed])
      .when({ type: 'UpdateLeadDetails', leadId: DUP, fields: { rating: 'cold' } }, manager)
      .thenThrows(DomainErrorCode.LeadMerged, 'leadId');
    given([dupCreated, absorbed])
      .when({ type: 'MarkLeadMerged', leadId: DUP, mergeId: MergeId('m2'), survivorId: LEAD }, manager)
      .thenThrows(DomainErrorCode.LeadMerged);
  });

  it('refuses to absorb a lead into itself, or a lead that absorbed others', () => {
    given([aLeadCreated()])
      .when({ type: 'MarkLeadMerged', leadId: LEAD, mergeId: MERGE, survivorId: LEAD }, manager)
      .thenThrows(DomainErrorCode.Validation, 'survivorId');
    given([aLeadCreated(), merged])
      .when({ type: 'MarkLeadMerged', leadId: LEAD, mergeId: MergeId('m2'), survivorId: DUP }, manager)
      .thenThrows(DomainErrorCode.InvalidTransition, 'leadId', 'not-a-survivor');
  });

  it('unmerges the survivor back to its details and frees the absorbed lead', () => {
    given([aLeadCreated(), merged])
      .when({ type: 'UnmergeLeads', leadId: LEAD, mergeId: MERGE }, manager)
      .then([
        {
          type: 'LeadUnmerged',
          data: { leadId: LEAD, mergeId: MERGE, side: 'survivor', restoredLeadIds: [DUP], restored: survivorDetails },
        },
      ]);
    given([dupCreated, absorbed])
      .when({ type: 'MarkLeadUnmerged', leadId: DUP, mergeId: MERGE }, manager)
      .then([{ type: 'LeadUnmerged', data: { leadId: DUP, mergeId: MERGE, side: 'absorbed', survivorId: LEAD } }]);
    const freed: LeadEvent = {
      type: 'LeadUnmerged',
      data: { leadId: DUP, mergeId: MERGE, side: 'absorbed', survivorId: LEAD },
    };
    expect(
      given([dupCreated, absorbed, freed])
        .when({ type: 'UpdateLeadDetails', leadId: DUP, fields: { rating: 'cold' } }, manager)
        .decided(),
    ).toHaveLength(1);
  });

  it('refuses to undo a merge that is not in force', () => {
    given([aLeadCreated()])
      .when({ type: 'UnmergeLeads', leadId: LEAD, mergeId: MERGE }, manager)
      .thenThrows(DomainErrorCode.NotFound, 'mergeId');
    given([dupCreated, absorbed])
      .when({ type: 'MarkLeadUnmerged', leadId: DUP, mergeId: MergeId('m9') }, manager)
      .thenThrows(DomainErrorCode.NotFound, 'mergeId');
    given([dupCreated])
      .when({ type: 'MarkLeadUnmerged', leadId: DUP, mergeId: MERGE }, manager)
      .thenThrows(DomainErrorCode.NotFound, 'mergeId');
  });
});
