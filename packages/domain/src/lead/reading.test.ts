import { describe, it } from '@jest/globals';
import { DomainErrorCode } from '../shared/errors.js';
import { Permission } from '../shared/permissions.js';
import { aContext, aLeadCreated, aManager, anActor, ALICE, BOB, LEAD, leadSpec } from '../testing/index.js';
import type { LeadEvent } from './events.js';

const { given } = leadSpec;
const open = { type: 'MarkLeadRead', leadId: LEAD } as const;
const alice = aContext({ actor: anActor(ALICE) });
const created = aLeadCreated({ ownerId: ALICE });
const openedBy = (by = ALICE): LeadEvent => ({ type: 'LeadOpened', data: { leadId: LEAD, by } });
const edited: LeadEvent = {
  type: 'LeadDetailsUpdated',
  data: { leadId: LEAD, changes: { company: 'Analytical Engines' }, customFields: {} },
};

describe('opening a lead (unread)', () => {
  it('records who opened it', () => {
    given([created]).when(open, alice).then([openedBy()]);
  });

  it('decides nothing when the same user opens it again with nothing new since', () => {
    given([created, openedBy()]).when(open, alice).thenNothing();
    given([created, openedBy(BOB), openedBy()])
      .when(open, alice)
      .thenNothing();
  });

  it('records again once something happened since', () => {
    given([created, openedBy(), edited]).when(open, alice).then([openedBy()]);
  });

  it('is per user: another viewer records their own opening', () => {
    given([created, openedBy()])
      .when(open, aContext({ actor: aManager() }))
      .then([openedBy(aManager().userId)]);
  });

  it('needs the viewer to see the lead, and View Leads', () => {
    given([created])
      .when(open, aContext({ actor: anActor(BOB) }))
      .thenThrows(DomainErrorCode.PermissionDenied, 'leadId', 'visible-to-actor');
    given([created])
      .when(open, aContext({ actor: anActor(ALICE, [Permission.EditLeads]) }))
      .thenThrows(DomainErrorCode.PermissionDenied);
    given([]).when(open, alice).thenThrows(DomainErrorCode.NotFound, 'leadId');
  });
});
