import { expect, it } from '@jest/globals';
import { LeadId, leadStream, MergeId, StageId, type LeadMerged } from '@leadline/domain';
import type { Leadline } from '../../leadline.js';
import { withFaults } from '../test-support/faulty-store.js';
import { acting, openWithOrganisation, typesOf } from '../test-support/setup.js';
import { describeOnStores } from '../test-support/stores.js';
import { MergeIncompleteError } from './merge-errors.js';

const seed = async (leadline: Leadline): Promise<void> => {
  const keep = [LeadId('m1'), LeadId('m2'), LeadId('m3'), LeadId('m4')];
  await leadline.leads.create(
    { leadId: LeadId('m1'), fields: { name: 'Mo', email: 'mo@example.com', source: 'Website', notes: 'met at fair' } },
    acting(),
  );
  await leadline.leads.create(
    {
      leadId: LeadId('m2'),
      fields: {
        name: 'Mo Smith',
        email: 'mo@example.com',
        company: 'Smith & Co',
        source: 'Referral',
        notes: 'wants a demo',
      },
      keepDespiteDuplicates: keep.slice(0, 1),
    },
    acting(),
  );
  await leadline.leads.create(
    {
      leadId: LeadId('m3'),
      fields: { name: 'M. Smith', phone: '+44 7700 900001', source: 'LinkedIn', rating: 'warm' },
    },
    acting(),
  );
  await leadline.leads.create(
    { leadId: LeadId('m4'), fields: { name: 'Mo S', phone: '+44 7700 900002', source: 'Email' } },
    acting(),
  );
  // m3 has gone furthest in the pipeline, so its fields come first after the survivor's.
  await leadline.leads.changeStage({ leadId: LeadId('m3'), stageId: StageId('CONTACTED') }, acting());
};

describeOnStores('merge and unmerge', ['memory', 'sqlite', 'postgres'], (open) => {
  it('merges three leads into a survivor by the documented rule, keeps them all, and unmerge restores them', async () => {
    const { leadline, store } = await openWithOrganisation(await open());
    await seed(leadline);
    const merged = await leadline.intake.merge(
      { survivorId: LeadId('m1'), absorbedIds: [LeadId('m2'), LeadId('m3'), LeadId('m4')] },
      acting(),
    );
    expect(merged.absorbedIds).toEqual(['m3', 'm2', 'm4']);
    expect(merged.details).toMatchObject({
      name: 'Mo',
      email: 'mo@example.com',
      phone: '+447700900001',
      company: 'Smith & Co',
      source: 'Website',
      rating: 'warm',
      notes: 'met at fair\n\nwants a demo',
    });
    for (const absorbed of ['m2', 'm3', 'm4']) {
      expect((await typesOf(store, leadStream(LeadId(absorbed)))).at(-1)).toBe('LeadMerged');
    }
    // The absorbed leads refuse edits; their journeys stay and point at the survivor.
    await expect(leadline.leads.logNote({ leadId: LeadId('m2'), text: 'hi' }, acting())).rejects.toMatchObject({
      code: 'LEAD_MERGED',
    });
    await leadline.leads.logNote({ leadId: LeadId('m1'), text: 'after merge' }, acting());

    const undone = await leadline.intake.unmerge({ survivorId: LeadId('m1'), mergeId: merged.mergeId }, acting());
    expect(undone).toMatchObject({ restoredIds: ['m3', 'm2', 'm4'], replayed: false });
    expect(await typesOf(store, leadStream(LeadId('m1')))).toEqual([
      'LeadCreated',
      'LeadMerged',
      'NoteLogged',
      'LeadUnmerged',
    ]);
    await leadline.leads.logNote({ leadId: LeadId('m2'), text: 'workable again' }, acting());
    const again = await leadline.intake.unmerge({ survivorId: LeadId('m1'), mergeId: merged.mergeId }, acting());
    expect(again.replayed).toBe(true);
  });

  it('refuses a merge the domain refuses, writing nothing', async () => {
    const { leadline, store } = await openWithOrganisation(await open());
    await seed(leadline);
    await leadline.leads.delete({ leadId: LeadId('m4') }, acting());
    const head = await store.headPosition();
    await expect(
      leadline.intake.merge({ survivorId: LeadId('m1'), absorbedIds: [LeadId('m2'), LeadId('m4')] }, acting()),
    ).rejects.toMatchObject({ code: 'LEAD_DELETED' });
    await expect(leadline.intake.merge({ survivorId: LeadId('m1'), absorbedIds: [] }, acting())).rejects.toMatchObject({
      code: 'VALIDATION_FAILED',
      field: 'absorbedIds',
    });
    await expect(
      leadline.intake.merge({ survivorId: LeadId('m1'), absorbedIds: [LeadId('m1')] }, acting()),
    ).rejects.toMatchObject({ rule: 'not-self' });
    await expect(
      leadline.intake.merge({ survivorId: LeadId('m1'), absorbedIds: [LeadId('nope')] }, acting()),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect(await store.headPosition()).toBe(head);
  });

  it('finishes a merge that failed part-way, by a rerun or from any absorbed lead', async () => {
    const faulty = withFaults(await open());
    const { leadline, store } = await openWithOrganisation(faulty);
    await seed(leadline);
    const mergeId = MergeId('merge-1');
    // The survivor's append fails: the absorbed leads are marked, the survivor is not yet.
    faulty.failNextAppend((stream) => stream === leadStream(LeadId('m1')));
    const failed = leadline.intake.merge(
      { survivorId: LeadId('m1'), absorbedIds: [LeadId('m2'), LeadId('m3')], mergeId },
      acting(),
    );
    await expect(failed).rejects.toBeInstanceOf(MergeIncompleteError);
    await expect(failed).rejects.toMatchObject({ code: 'MERGE_INCOMPLETE', mergeId: 'merge-1' });
    expect(await typesOf(store, leadStream(LeadId('m1')))).toEqual(['LeadCreated']);

    const completed = await leadline.intake.completeMerge(LeadId('m2'), acting());
    expect(completed).toMatchObject({ mergeId: 'merge-1', absorbedIds: ['m3', 'm2'], replayed: false });
    const rerun = await leadline.intake.merge(
      { survivorId: LeadId('m1'), absorbedIds: [LeadId('m2'), LeadId('m3')], mergeId },
      acting(),
    );
    expect(rerun.replayed).toBe(true);
    expect(await typesOf(store, leadStream(LeadId('m2')))).toEqual(['LeadCreated', 'LeadMerged']);
    expect(await leadline.intake.completeMerge(LeadId('m4'), acting())).toBeNull();

    // Unmerge fails after the survivor: a rerun releases the rest.
    faulty.failNextAppend((stream) => stream === leadStream(LeadId('m2')));
    await expect(leadline.intake.unmerge({ survivorId: LeadId('m1'), mergeId }, acting())).rejects.toMatchObject({
      code: 'MERGE_INCOMPLETE',
    });
    const finished = await leadline.intake.unmerge({ survivorId: LeadId('m1'), mergeId }, acting());
    expect(finished.restoredIds).toEqual(['m3', 'm2']);
    expect(await typesOf(store, leadStream(LeadId('m2')))).toEqual(['LeadCreated', 'LeadMerged', 'LeadUnmerged']);
    const survivorEvents = [];
    for await (const event of store.readStream(leadStream(LeadId('m1')))) survivorEvents.push(event);
    expect((survivorEvents[1]?.data as LeadMerged['data']).side).toBe('survivor');
    expect(survivorEvents[1]?.metadata.merge).toEqual({
      mergeId: 'merge-1',
      survivorId: 'm1',
      absorbedLeadIds: ['m3', 'm2'],
    });
  });

  it('merges any number of leads', async () => {
    const { leadline } = await openWithOrganisation(await open());
    const ids = Array.from({ length: 40 }, (_, index) => LeadId(`n${index}`));
    for (const [index, leadId] of ids.entries()) {
      await leadline.leads.create(
        {
          leadId,
          fields: { name: `N${index}`, phone: `+44 7700 9${String(index).padStart(5, '0')}`, source: 'Website' },
        },
        acting(),
      );
    }
    const [survivorId, ...absorbedIds] = ids as [LeadId, ...LeadId[]];
    const merged = await leadline.intake.merge({ survivorId, absorbedIds }, acting());
    expect(merged.absorbedIds).toHaveLength(39);
  });
});
