import { describe, expect, it } from '@jest/globals';
import { LeadId, leadStream, Permission, UserId, type LeadCreated } from '@leadline/domain';
import { createMemoryEventStore } from '@leadline/eventstore';
import { createLeadline } from '../../leadline.js';
import { withFaults } from '../test-support/faulty-store.js';
import { describeOnStores } from '../test-support/stores.js';
import { acting, allEvents, clerk, openWithOrganisation, ORG, typesOf } from '../test-support/setup.js';
import { contactStream } from './contact-streams.js';

const viewer = {
  userId: UserId('vera-viewer'),
  orgId: ORG,
  kind: 'user' as const,
  permissions: [Permission.ViewLeads],
};

describeOnStores('duplicate guard', ['memory', 'sqlite', 'postgres'], (open) => {
  it('returns the candidates of a create that matches by email, and writes nothing', async () => {
    const { leadline, store } = await openWithOrganisation(await open());
    const first = await leadline.leads.create(
      { leadId: LeadId('ada'), fields: { name: 'Ada', email: 'Ada@Example.com', source: 'Website' } },
      acting(),
    );
    expect(first.outcome).toBe('created');
    const head = await store.headPosition();

    const second = await leadline.leads.create(
      { leadId: LeadId('ada-2'), fields: { name: 'Ada L.', email: ' ada@example.COM ', source: 'Referral' } },
      acting(),
    );
    expect(second).toMatchObject({ outcome: 'duplicates', leadId: 'ada-2', events: [] });
    expect(second.outcome === 'duplicates' && second.candidates).toEqual([
      {
        leadId: 'ada',
        matchedOn: ['email'],
        pending: false,
        name: 'Ada',
        email: 'ada@example.com',
        phone: null,
        company: null,
        ownerId: null,
        detailsHidden: false,
      },
    ]);
    expect(await store.headPosition()).toBe(head);
  });

  it('matches phones typed two ways, and records keep-both on the new lead', async () => {
    const { leadline, store } = await openWithOrganisation(await open());
    await leadline.leads.create(
      { leadId: LeadId('bob'), fields: { name: 'Bob', phone: '+44 20 7946 0958', source: 'Website' } },
      acting(),
    );
    const asked = await leadline.leads.create(
      { leadId: LeadId('bob-2'), fields: { name: 'Bobby', phone: '020 7946 0958', source: 'Website' } },
      acting(),
    );
    expect(
      asked.outcome === 'duplicates' && asked.candidates.map((candidate) => [candidate.leadId, candidate.matchedOn]),
    ).toEqual([['bob', ['phone']]]);

    const kept = await leadline.leads.create(
      {
        leadId: LeadId('bob-2'),
        fields: { name: 'Bobby', phone: '020 7946 0958', source: 'Website' },
        keepDespiteDuplicates: [LeadId('bob')],
      },
      acting(),
    );
    expect(kept).toMatchObject({ outcome: 'created', keptDespite: ['bob'] });
    const created = kept.events[0]?.data as LeadCreated['data'];
    expect(created.duplicateDecision).toEqual({ candidates: ['bob'], choice: 'keep-both' });
    // Both now hold the phone: a third lead is shown both.
    const third = await leadline.leads.create(
      { leadId: LeadId('bob-3'), fields: { name: 'B', phone: '+442079460958', source: 'Website' } },
      acting(),
    );
    expect(third.outcome === 'duplicates' && third.candidates.map((candidate) => candidate.leadId).sort()).toEqual([
      'bob',
      'bob-2',
    ]);
    expect(await typesOf(store, contactStream(ORG, { kind: 'phone', value: '+442079460958' }))).toEqual([
      'ContactReserved',
      'ContactReserved',
    ]);
  });

  it('asks again when keep-both names only some of the candidates', async () => {
    const { leadline } = await openWithOrganisation(await open());
    await leadline.leads.create(
      { leadId: LeadId('c1'), fields: { name: 'C', email: 'c@example.com', source: 'Website' } },
      acting(),
    );
    await leadline.leads.create(
      { leadId: LeadId('c2'), fields: { name: 'C2', phone: '+44 7700 900123', source: 'Website' } },
      acting(),
    );
    const details = { name: 'C3', email: 'c@example.com', phone: '+447700900123', source: 'Website' };
    const partly = await leadline.leads.create(
      { leadId: LeadId('c3'), fields: details, keepDespiteDuplicates: [LeadId('c1')] },
      acting(),
    );
    expect(partly.outcome === 'duplicates' && partly.candidates.map((candidate) => candidate.leadId)).toEqual([
      'c1',
      'c2',
    ]);
  });

  it('merges the new lead into the chosen candidate: both kept, the survivor takes the missing fields', async () => {
    const { leadline, store } = await openWithOrganisation(await open());
    await leadline.leads.create(
      { leadId: LeadId('dee'), fields: { name: 'Dee', email: 'dee@example.com', source: 'Website' } },
      acting(),
    );
    const merged = await leadline.leads.create(
      {
        leadId: LeadId('dee-2'),
        fields: { name: 'Dee Dee', email: 'dee@example.com', company: 'Dee Ltd', source: 'Referral' },
        mergeInto: LeadId('dee'),
      },
      acting(),
    );
    expect(merged.outcome).toBe('merged');
    expect(merged.outcome === 'merged' && merged.merge.details).toMatchObject({
      name: 'Dee',
      company: 'Dee Ltd',
      source: 'Website',
    });
    expect(await typesOf(store, leadStream(LeadId('dee-2')))).toEqual(['LeadCreated', 'LeadMerged']);
    expect(await typesOf(store, leadStream(LeadId('dee')))).toEqual(['LeadCreated', 'LeadMerged']);
    // The absorbed lead's contact now points at the survivor.
    const again = await leadline.leads.create(
      { leadId: LeadId('dee-3'), fields: { name: 'D', email: 'dee@example.com', source: 'Website' } },
      acting(),
    );
    expect(again.outcome === 'duplicates' && again.candidates.map((candidate) => candidate.leadId)).toEqual(['dee']);
  });

  it('checks a changed email or phone, releases the old one, and records keep-both on the reservation', async () => {
    const { leadline, store } = await openWithOrganisation(await open());
    await leadline.leads.create(
      { leadId: LeadId('e1'), fields: { name: 'E1', email: 'e1@example.com', source: 'Website' } },
      acting(),
    );
    await leadline.leads.create(
      { leadId: LeadId('e2'), fields: { name: 'E2', email: 'e2@example.com', source: 'Website' } },
      acting(),
    );
    const head = await store.headPosition();
    const clash = await leadline.leads.update({ leadId: LeadId('e2'), fields: { email: 'E1@example.com' } }, acting());
    expect(clash.outcome === 'duplicates' && clash.candidates.map((candidate) => candidate.leadId)).toEqual(['e1']);
    expect(await store.headPosition()).toBe(head);

    const kept = await leadline.leads.update(
      { leadId: LeadId('e2'), fields: { email: 'e1@example.com' }, keepDespiteDuplicates: [LeadId('e1')] },
      acting(),
    );
    expect(kept).toMatchObject({ outcome: 'updated', keptDespite: ['e1'] });
    expect(await typesOf(store, contactStream(ORG, { kind: 'email', value: 'e2@example.com' }))).toEqual([
      'ContactReserved',
      'ContactReleased',
    ]);
    const fresh = await leadline.leads.create(
      { leadId: LeadId('e3'), fields: { name: 'E3', email: 'e2@example.com', source: 'Website' } },
      acting(),
    );
    expect(fresh.outcome).toBe('created');
    // Other changes pass straight through.
    expect((await leadline.leads.update({ leadId: LeadId('e3'), fields: { company: 'E Co' } }, acting())).outcome).toBe(
      'updated',
    );
  });

  it('ignores deleted leads and leads whose email changed', async () => {
    const { leadline } = await openWithOrganisation(await open());
    await leadline.leads.create(
      { leadId: LeadId('f1'), fields: { name: 'F1', email: 'f@example.com', source: 'Website' } },
      acting(),
    );
    await leadline.leads.delete({ leadId: LeadId('f1'), reason: 'test' }, acting());
    expect(
      (
        await leadline.leads.create(
          { leadId: LeadId('f2'), fields: { name: 'F2', email: 'f@example.com', source: 'Website' } },
          acting(),
        )
      ).outcome,
    ).toBe('created');
    await leadline.leads.update({ leadId: LeadId('f2'), fields: { email: 'g@example.com' } }, acting());
    expect(
      (
        await leadline.leads.create(
          { leadId: LeadId('f3'), fields: { name: 'F3', email: 'f@example.com', source: 'Website' } },
          acting(),
        )
      ).outcome,
    ).toBe('created');
  });

  it('writes nothing, not even a reservation, for a create the domain refuses', async () => {
    const { leadline, store } = await openWithOrganisation(await open());
    const head = await store.headPosition();
    await expect(
      leadline.leads.create({ fields: { name: '', email: 'not-an-email', source: 'Fax' } }, acting()),
    ).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
    await expect(
      leadline.leads.create({ fields: { name: 'V', email: 'v@example.com', source: 'Website' } }, acting(viewer)),
    ).rejects.toMatchObject({ code: 'PERMISSION_DENIED' });
    expect(await store.headPosition()).toBe(head);
  });

  it('finishes a keyed create whose lead append failed, creating the lead once', async () => {
    const faulty = withFaults(await open());
    const { leadline } = await openWithOrganisation(faulty);
    faulty.failNextAppend((stream) => stream.startsWith('lead-'));
    const input = { fields: { name: 'Gil', email: 'gil@example.com', source: 'Website' } };
    await expect(leadline.leads.create(input, acting(clerk, { idempotencyKey: 'form-7' }))).rejects.toMatchObject({
      code: 'UNAVAILABLE',
    });
    const retried = await leadline.leads.create(input, acting(clerk, { idempotencyKey: 'form-7' }));
    const again = await leadline.leads.create(input, acting(clerk, { idempotencyKey: 'form-7' }));
    expect(retried.outcome).toBe('created');
    expect(again).toMatchObject({ outcome: 'created', replayed: true, leadId: retried.leadId });
    const created = (await allEvents(faulty)).filter(
      (event) => event.type === 'LeadCreated' && (event.data as { email: string }).email === 'gil@example.com',
    );
    expect(created).toHaveLength(1);
  });

  it('treats a reservation whose lead never appeared as in flight, then as abandoned after the grace period', async () => {
    const faulty = withFaults(await open());
    const { leadline, clock } = await openWithOrganisation(faulty, { intake: { reservationGraceMs: 60_000 } });
    // The lead append fails and so does the release: what a crash between the two appends leaves.
    faulty.failNextAppend((stream) => stream.startsWith('lead-'));
    faulty.failNextAppend((_stream, type) => type === 'ContactReleased');
    await expect(
      leadline.leads.create(
        { leadId: LeadId('h1'), fields: { name: 'H', email: 'h@example.com', source: 'Website' } },
        acting(),
      ),
    ).rejects.toBeDefined();
    const during = await leadline.leads.create(
      { leadId: LeadId('h2'), fields: { name: 'H2', email: 'h@example.com', source: 'Website' } },
      acting(),
    );
    expect(during.outcome === 'duplicates' && during.candidates).toMatchObject([{ leadId: 'h1', pending: true }]);
    await clock.advance(61_000);
    expect(
      (
        await leadline.leads.create(
          { leadId: LeadId('h2'), fields: { name: 'H2', email: 'h@example.com', source: 'Website' } },
          acting(),
        )
      ).outcome,
    ).toBe('created');
  });
});

describeOnStores('duplicate guard under concurrency', ['memory', 'sqlite', 'postgres', 'eventstoredb'], (open) => {
  it('lets at most one of many concurrent creates with the same email land without the prompt', async () => {
    const store = await open();
    const { leadline, clock } = await openWithOrganisation(store);
    // A second instance on the same store: separate caches, as a second process would have.
    const other = createLeadline({ store, clock, disposeStores: false });
    const attempts = Array.from({ length: 16 }, (_, index) =>
      (index % 2 === 0 ? leadline : other).leads.create(
        {
          leadId: LeadId(`racer-${index}`),
          fields: {
            name: `Racer ${index}`,
            email: 'race@example.com',
            phone: index % 3 === 0 ? '+44 7700 900999' : null,
            source: 'Website',
          },
        },
        acting(),
      ),
    );
    const outcomes = await Promise.all(attempts);
    const created = outcomes.filter((outcome) => outcome.outcome === 'created');
    expect(created).toHaveLength(1);
    expect(outcomes.filter((outcome) => outcome.outcome === 'duplicates')).toHaveLength(15);
    const leads = (await allEvents(store)).filter((event) => event.type === 'LeadCreated');
    expect(leads.map((event) => (event.data as LeadCreated['data']).leadId)).toEqual(
      created.map((outcome) => outcome.leadId),
    );
    await other.close();
  });

  it('lets a contact change and concurrent creates of the same email not both land without the prompt', async () => {
    const store = await open();
    const { leadline, clock } = await openWithOrganisation(store);
    const other = createLeadline({ store, clock, disposeStores: false });
    await leadline.leads.create(
      { leadId: LeadId('mover'), fields: { name: 'Mover', email: 'before@example.com', source: 'Website' } },
      acting(),
    );
    const [moved, ...creates] = await Promise.all([
      other.leads.update({ leadId: LeadId('mover'), fields: { email: 'wanted@example.com' } }, acting()),
      ...Array.from({ length: 6 }, (_, index) =>
        (index % 2 === 0 ? leadline : other).leads.create(
          {
            leadId: LeadId(`want-${index}`),
            fields: { name: `W${index}`, email: 'wanted@example.com', source: 'Website' },
          },
          acting(),
        ),
      ),
    ]);
    const landed = [moved, ...creates].filter(
      (outcome) => outcome.outcome === 'updated' || outcome.outcome === 'created',
    );
    expect(landed).toHaveLength(1);
    await other.close();
  });
});

describe('findDuplicates', () => {
  it('reads only', async () => {
    const { leadline, store } = await openWithOrganisation(createMemoryEventStore());
    await leadline.leads.create(
      { leadId: LeadId('k1'), fields: { name: 'K', email: 'k@example.com', source: 'Website' } },
      acting(),
    );
    const head = await store.headPosition();
    expect(
      (await leadline.intake.findDuplicates({ email: 'K@example.com' }, acting())).map((candidate) => candidate.leadId),
    ).toEqual(['k1']);
    expect(await leadline.intake.findDuplicates({ email: 'K@example.com' }, acting(), LeadId('k1'))).toEqual([]);
    expect(await store.headPosition()).toBe(head);
  });
});
