import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { DomainErrorCode } from '../shared/errors.js';
import { ClientId, LeadId } from '../shared/ids.js';
import { Permission } from '../shared/permissions.js';
import { ALICE, aContext, anActor, clientSpec, LEAD, ORG, OTHER_ORG } from '../testing/index.js';
import { requireKnownClient } from './decide.js';
import { ClientOrigin, type ClientCreated, type ClientEvent } from './events.js';
import { evolveClient } from './evolve.js';
import { initialClientState } from './state.js';

const { given } = clientSpec;
const CLIENT = ClientId('client-1');
const rep = aContext();
const created: ClientCreated = {
  type: 'ClientCreated',
  data: {
    clientId: CLIENT,
    orgId: ORG,
    name: 'Initech',
    email: 'buying@initech.example',
    phone: '+442079460000',
    company: 'Initech Ltd',
    origin: ClientOrigin.Direct,
    fromLeadId: null,
  },
};
const fromLead: ClientCreated = {
  type: 'ClientCreated',
  data: { ...created.data, origin: ClientOrigin.Conversion, fromLeadId: LEAD },
};

describe('creating a client', () => {
  it('records its details, normalised like a lead’s, in the actor’s organisation', () => {
    given([])
      .when(
        {
          type: 'CreateClient',
          clientId: CLIENT,
          details: {
            name: ' Initech ',
            email: 'Buying@Initech.example',
            phone: '020 7946 0000',
            company: 'Initech Ltd',
          },
        },
        rep,
      )
      .then([created]);
  });

  it('refuses an id already taken, in this organisation or another', () => {
    const again = { type: 'CreateClient', clientId: CLIENT, details: { name: 'Other' } } as const;
    given([created]).when(again, rep).thenThrows(DomainErrorCode.AlreadyExists, 'clientId', 'new-client-id');
    given([created])
      .when(again, aContext({ orgId: OTHER_ORG }))
      .thenThrows(DomainErrorCode.AlreadyExists, 'clientId', 'new-client-id');
  });

  it('from a conversion: taken as is when the same lead converts again, refused for any other lead', () => {
    const convert = {
      type: 'CreateClient',
      clientId: CLIENT,
      details: { name: 'Initech' },
      origin: ClientOrigin.Conversion,
      fromLeadId: LEAD,
    } as const;
    given([fromLead]).when(convert, rep).thenNothing();
    given([fromLead])
      .when({ ...convert, fromLeadId: LeadId('lead-2') }, rep)
      .thenThrows(DomainErrorCode.AlreadyExists, 'clientId', 'new-client-id');
    given([created]).when(convert, rep).thenThrows(DomainErrorCode.AlreadyExists, 'clientId');
  });

  it('names the bad field: blank name, bad email or phone, an unknown origin, a lead without conversion', () => {
    const create = (details: object, extra: object = {}) =>
      ({ type: 'CreateClient', clientId: CLIENT, details, ...extra }) as const;
    given([])
      .when(create({ name: ' ' }), rep)
      .thenThrows(DomainErrorCode.Validation, 'name', 'required');
    given([])
      .when(create({ name: 'A', email: 'not-an-email' }), rep)
      .thenThrows(DomainErrorCode.Validation, 'email', 'email-format');
    given([])
      .when(create({ name: 'A', phone: '12' }), rep)
      .thenThrows(DomainErrorCode.Validation, 'phone');
    given([])
      .when(create({ name: 'A' }, { origin: 'shop' }), rep)
      .thenThrows(DomainErrorCode.Validation, 'origin', 'known-origin');
    given([])
      .when(create({ name: 'A' }, { fromLeadId: LEAD }), rep)
      .thenThrows(DomainErrorCode.Validation, 'fromLeadId', 'with-conversion-only');
    given([])
      .when(create({ name: 'A' }, { origin: ClientOrigin.Conversion }), rep)
      .thenThrows(DomainErrorCode.Validation, 'fromLeadId', 'with-conversion-only');
  });

  it('needs Create Leads (Edit Leads when a conversion creates it)', () => {
    const reader = aContext({ actor: anActor(ALICE, [Permission.ViewLeads]) });
    given([])
      .when({ type: 'CreateClient', clientId: CLIENT, details: { name: 'A' } }, reader)
      .thenThrows(DomainErrorCode.PermissionDenied, 'actor', `requires:${Permission.CreateLeads}`);
    given([])
      .when(
        {
          type: 'CreateClient',
          clientId: CLIENT,
          details: { name: 'A' },
          origin: ClientOrigin.Conversion,
          fromLeadId: LEAD,
        },
        reader,
      )
      .thenThrows(DomainErrorCode.PermissionDenied, 'actor', `requires:${Permission.EditLeads}`);
  });
});

describe('updating a client', () => {
  it('records only what changes; null clears', () => {
    given([created])
      .when(
        { type: 'UpdateClient', clientId: CLIENT, changes: { name: 'Initech', email: null, company: 'Initrode' } },
        rep,
      )
      .then([{ type: 'ClientUpdated', data: { clientId: CLIENT, changes: { email: null, company: 'Initrode' } } }]);
    given([created])
      .when({ type: 'UpdateClient', clientId: CLIENT, changes: { name: 'Initech' } }, rep)
      .thenNothing();
  });

  it('refuses an unknown client, another organisation’s, a blank name', () => {
    given([])
      .when({ type: 'UpdateClient', clientId: CLIENT, changes: { name: 'A' } }, rep)
      .thenThrows(DomainErrorCode.NotFound, 'clientId');
    given([created])
      .when({ type: 'UpdateClient', clientId: CLIENT, changes: { name: 'A' } }, aContext({ orgId: OTHER_ORG }))
      .thenThrows(DomainErrorCode.WrongOrganisation, 'clientId');
    given([created])
      .when({ type: 'UpdateClient', clientId: CLIENT, changes: { name: '' } }, rep)
      .thenThrows(DomainErrorCode.Validation, 'name', 'required');
  });
});

describe('a link needs a known client', () => {
  it('accepts a client of the organisation; refuses none and another organisation’s alike', () => {
    const state = evolveClient(initialClientState, created);
    expect(requireKnownClient(state, CLIENT, ORG)).toBe(state);
    for (const [known, org] of [
      [initialClientState, ORG],
      [state, OTHER_ORG],
    ] as const) {
      expect(() => requireKnownClient(known, CLIENT, org)).toThrow(
        expect.objectContaining({ code: DomainErrorCode.NotFound, field: 'clientId', rule: 'existing-client' }),
      );
    }
  });

  it('property: a created client stays known whatever updates follow, and keeps its origin and organisation', () => {
    const change = fc.record(
      {
        name: fc.constantFrom('A', 'B'),
        email: fc.constantFrom(null, 'x@example.com'),
        company: fc.constantFrom(null, 'Co'),
      },
      { requiredKeys: [] },
    );
    fc.assert(
      fc.property(fc.array(change), (changes) => {
        const events: ClientEvent[] = [
          fromLead,
          ...changes.map((c): ClientEvent => ({ type: 'ClientUpdated', data: { clientId: CLIENT, changes: c } })),
        ];
        const state = events.reduce(evolveClient, initialClientState);
        const known = requireKnownClient(state, CLIENT, ORG);
        expect(known.origin).toBe(ClientOrigin.Conversion);
        expect(known.fromLeadId).toBe(LEAD);
        expect(known.orgId).toBe(ORG);
      }),
    );
  });
});

describe('erasing a client', () => {
  const admin = aContext({ actor: anActor(ALICE, [Permission.AdminOrganisation]) });
  const erase = { type: 'EraseClient', clientId: CLIENT, reason: 'Asked to be forgotten' } as const;
  const erasedEvent: ClientEvent = {
    type: 'ClientErased',
    data: { clientId: CLIENT, reason: 'Asked to be forgotten', trigger: 'request' },
  };

  it('records who asked and why (request unless said); a repeat decides nothing', () => {
    given([created]).when(erase, admin).then([erasedEvent]);
    given([created])
      .when({ ...erase, trigger: 'retention' }, admin)
      .then([{ ...erasedEvent, data: { ...erasedEvent.data, trigger: 'retention' } }]);
    given([created, erasedEvent]).when(erase, admin).thenNothing();
  });

  it('leaves the record with placeholders (company kept), and it takes no update', () => {
    const state = [created, erasedEvent].reduce(evolveClient, initialClientState);
    expect(state).toMatchObject({
      erased: true,
      details: { name: '[erased]', email: '[erased]', phone: '[erased]', company: 'Initech Ltd' },
    });
    given([created, erasedEvent])
      .when({ type: 'UpdateClient', clientId: CLIENT, changes: { name: 'Back' } }, rep)
      .thenThrows(DomainErrorCode.ContactErased, 'clientId', 'not-erased');
  });

  it('needs Admin Organisation, a client of the organisation, a reason and a known trigger', () => {
    given([created])
      .when(erase, rep)
      .thenThrows(DomainErrorCode.PermissionDenied, 'actor', `requires:${Permission.AdminOrganisation}`);
    given([]).when(erase, admin).thenThrows(DomainErrorCode.NotFound, 'clientId', 'must-exist');
    given([created])
      .when(erase, aContext({ orgId: OTHER_ORG, actor: anActor(ALICE, [Permission.AdminOrganisation], OTHER_ORG) }))
      .thenThrows(DomainErrorCode.WrongOrganisation, 'clientId');
    given([created])
      .when({ ...erase, reason: ' ' }, admin)
      .thenThrows(DomainErrorCode.Validation, 'reason', 'required');
    given([created])
      .when({ ...erase, trigger: 'whim' as never }, admin)
      .thenThrows(DomainErrorCode.Validation, 'trigger', 'one-of:request,retention');
  });
});
