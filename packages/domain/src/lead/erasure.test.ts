import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { DomainErrorCode } from '../shared/errors.js';
import { LeadId, MergeId, NoteId } from '../shared/ids.js';
import { Permission } from '../shared/permissions.js';
import { aContext, aLeadCreated, aManager, anActor, LEAD, leadSpec, sampleCommandsOnALead } from '../testing/index.js';
import { leadDecider } from './decider.js';
import { ERASED_VALUE, type ContactErased, type EraseContact } from './erasure-types.js';
import type { LeadEvent } from './events.js';

const { given } = leadSpec;
const erase: EraseContact = { type: 'EraseContact', leadId: LEAD, reason: 'Asked to be forgotten' };
const erased: ContactErased = {
  type: 'ContactErased',
  data: { leadId: LEAD, reason: 'Asked to be forgotten', trigger: 'request' },
};
const admin = aContext({ actor: anActor(undefined, [Permission.AdminOrganisation]) });

describe('erasing the person behind a lead', () => {
  it('records who asked and why, with no personal data in the event', () => {
    const [event] = given([aLeadCreated()]).when(erase, admin).then([erased]);
    expect(JSON.stringify(event)).not.toMatch(/Ada|@|\+44/);
  });

  it('records a retention erasure as such', () => {
    given([aLeadCreated()])
      .when({ ...erase, reason: 'Retention: lost 24 months', trigger: 'retention' }, admin)
      .then([
        { type: 'ContactErased', data: { leadId: LEAD, reason: 'Retention: lost 24 months', trigger: 'retention' } },
      ]);
  });

  it('decides nothing the second time: a repeat or a second worker is harmless', () => {
    given([aLeadCreated(), erased]).when(erase, admin).thenNothing();
  });

  it('reaches deleted and absorbed leads, whose histories hold personal data too', () => {
    const deleted = { type: 'LeadDeleted', data: { leadId: LEAD, reason: null } } as const;
    const absorbed = {
      type: 'LeadMerged',
      data: { leadId: LEAD, mergeId: MergeId('m-1'), side: 'absorbed', survivorId: LeadId('lead-2') },
    } as const;
    given([aLeadCreated(), deleted]).when(erase, admin).then([erased]);
    given([aLeadCreated(), absorbed]).when(erase, admin).then([erased]);
  });

  it('needs Admin Organisation, the same organisation, an existing lead and a reason', () => {
    given([aLeadCreated()])
      .when(erase, aContext({ actor: anActor(undefined, [Permission.ManageLeads, Permission.ViewAllLeads]) }))
      .thenThrows(DomainErrorCode.PermissionDenied);
    given([aLeadCreated({ orgId: 'org-other' as never })])
      .when(erase, admin)
      .thenThrows(DomainErrorCode.WrongOrganisation, 'leadId');
    given([]).when(erase, admin).thenThrows(DomainErrorCode.NotFound, 'leadId', 'must-exist');
    given([aLeadCreated()])
      .when({ ...erase, reason: '  ' }, admin)
      .thenThrows(DomainErrorCode.Validation, 'reason');
    given([aLeadCreated()])
      .when({ ...erase, trigger: 'whim' as never }, admin)
      .thenThrows(DomainErrorCode.Validation, 'trigger');
  });

  it('leaves a lead that refuses every other command, and keeps no personal value in its state', () => {
    for (const command of sampleCommandsOnALead().filter((each) => each.type !== 'EraseContact')) {
      given([aLeadCreated(), erased])
        .when(command, aContext({ actor: aManager() }))
        .thenThrows(DomainErrorCode.ContactErased, 'leadId', 'not-erased');
    }
    const state = leadDecider.evolve(leadDecider.evolve(leadDecider.initialState, aLeadCreated()), erased);
    expect(state.exists && [state.details.name, state.details.email, state.details.phone, state.erased]).toEqual([
      ERASED_VALUE,
      ERASED_VALUE,
      ERASED_VALUE,
      true,
    ]);
  });

  it('is erased after any history of notes once ContactErased is folded, whatever came before', () => {
    const notes = fc.array(fc.string({ minLength: 1, maxLength: 20 }), { maxLength: 5 });
    fc.assert(
      fc.property(notes, (texts) => {
        const history: LeadEvent[] = [
          aLeadCreated(),
          ...texts.map((text, index): LeadEvent => ({
            type: 'NoteLogged',
            data: { leadId: LEAD, noteId: NoteId(`n-${index}`), text, outcome: null },
          })),
          erased,
        ];
        const state = history.reduce(leadDecider.evolve, leadDecider.initialState);
        expect(state.exists && state.erased && state.details.name === ERASED_VALUE).toBe(true);
        expect(leadDecider.decide(erase, state, admin)).toEqual([]);
      }),
    );
  });
});
