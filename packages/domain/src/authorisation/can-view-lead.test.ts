import { describe, expect, it } from '@jest/globals';
import { UserId } from '../shared/ids.js';
import { Permission } from '../shared/permissions.js';
import { anActor, ALICE, BOB } from '../testing/index.js';
import { canViewLead } from './can-view-lead.js';

const rep = anActor(ALICE);
const viewer = anActor(ALICE, [Permission.ViewLeads]);
const manager = anActor(UserId('m'), [Permission.ViewAllLeads]);

describe('canViewLead', () => {
  it('shows View All Leads every lead', () => {
    expect(canViewLead(manager, { ownerId: BOB, claimedBy: null })).toBe(true);
    expect(canViewLead(manager, { ownerId: null, claimedBy: BOB })).toBe(true);
  });

  it('shows a rep their own and claimed leads, and the pool', () => {
    expect(canViewLead(rep, { ownerId: ALICE, claimedBy: null })).toBe(true);
    expect(canViewLead(rep, { ownerId: null, claimedBy: ALICE })).toBe(true);
    expect(canViewLead(rep, { ownerId: null, claimedBy: null })).toBe(true);
    expect(canViewLead(rep, { ownerId: BOB, claimedBy: null })).toBe(false);
    expect(canViewLead(rep, { ownerId: null, claimedBy: BOB })).toBe(false);
  });

  it('hides the pool from those who may not claim, and everything from those without View Leads', () => {
    expect(canViewLead(viewer, { ownerId: null, claimedBy: null })).toBe(false);
    expect(canViewLead(viewer, { ownerId: ALICE, claimedBy: null })).toBe(true);
    expect(canViewLead(anActor(ALICE, [Permission.EditLeads]), { ownerId: ALICE, claimedBy: null })).toBe(false);
  });
});
