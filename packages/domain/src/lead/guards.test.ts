import { describe, expect, it } from '@jest/globals';
import { DomainErrorCode } from '../shared/errors.js';
import { LeadId, MergeId, NoteId } from '../shared/ids.js';
import { Permission } from '../shared/permissions.js';
import {
  aContext,
  aLeadCreated,
  aManager,
  anActor,
  ALICE,
  BOB,
  LEAD,
  leadSpec,
  OTHER_ORG,
  sampleCommandsOnALead,
} from '../testing/index.js';
import { ACCEPTED_WHILE_ABSORBED } from './permissions.js';

const { given } = leadSpec;

describe('checks every command on a lead passes', () => {
  it('refuses a lead that does not exist, and a command for another stream', () => {
    for (const command of sampleCommandsOnALead()) {
      given([])
        .when(command, aContext({ actor: aManager() }))
        .thenThrows(DomainErrorCode.NotFound, 'leadId');
      given([aLeadCreated()])
        .when({ ...command, leadId: LeadId('lead-other') }, aContext({ actor: aManager() }))
        .thenThrows(DomainErrorCode.NotFound, 'leadId');
    }
  });

  it('refuses every command from another organisation, whatever the actor may do', () => {
    for (const command of sampleCommandsOnALead()) {
      given([aLeadCreated()])
        .when(command, aContext({ actor: aManager(), orgId: OTHER_ORG }))
        .thenThrows(DomainErrorCode.WrongOrganisation, 'leadId');
    }
  });

  it('refuses every command to an actor without permissions', () => {
    for (const command of sampleCommandsOnALead()) {
      given([aLeadCreated()])
        .when(command, aContext({ actor: anActor(ALICE, []) }))
        .thenThrows(DomainErrorCode.PermissionDenied, 'actor');
    }
  });

  it('lets a rep without View All Leads work only own, claimed-by-self and pool leads', () => {
    const rep = aContext({ actor: anActor(ALICE) });
    const note = { type: 'LogNote', leadId: LEAD, noteId: NoteId('n'), text: 'Hi' } as const;
    expect(
      given([aLeadCreated({ ownerId: ALICE })])
        .when(note, rep)
        .decided(),
    ).toHaveLength(1);
    expect(given([aLeadCreated()]).when(note, rep).decided()).toHaveLength(1);
    given([aLeadCreated({ ownerId: BOB })])
      .when(note, rep)
      .thenThrows(DomainErrorCode.PermissionDenied, 'leadId', 'visible-to-actor');
    const viewAll = aContext({ actor: anActor(ALICE, [Permission.ViewAllLeads, Permission.EditLeads]) });
    expect(
      given([aLeadCreated({ ownerId: BOB })])
        .when(note, viewAll)
        .decided(),
    ).toHaveLength(1);
  });

  it("lets an absorbed lead accept only its unmerge, the expiry worker's no-op and an email's outcome", () => {
    const absorbed = {
      type: 'LeadMerged',
      data: { leadId: LEAD, mergeId: MergeId('merge-2'), side: 'absorbed', survivorId: LeadId('lead-survivor') },
    } as const;
    for (const command of sampleCommandsOnALead()) {
      const outcome = given([aLeadCreated(), absorbed]).when(command, aContext({ actor: aManager() }));
      // An accepted command may still be refused by its own rule (no such email here), never as merged.
      if (ACCEPTED_WHILE_ABSORBED.has(command.type)) {
        expect(() => outcome.decided()).not.toThrow(expect.objectContaining({ code: DomainErrorCode.LeadMerged }));
      } else outcome.thenThrows(DomainErrorCode.LeadMerged, 'leadId', 'not-merged');
    }
  });
});
