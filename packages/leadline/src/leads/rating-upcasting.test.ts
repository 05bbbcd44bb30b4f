// Ratings written before hot / warm / cold (schema version 1 of the lead events, 1–5) read in today's
// words: events of the old shape stored in a real SQLite file fold, project and list like new ones.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from '@jest/globals';
import { ALL_PERMISSIONS, LeadId, leadStream, OrgId, ratingOfScore, UserId, type Actor } from '@leadline/domain';
import type { EventStore, RecordedEvent } from '@leadline/eventstore';
import { openSqliteEventStore, openSqliteReadModelStore } from '@leadline/sqlite';
import { createLeadline, type Leadline } from '../leadline.js';
import { createManualClock } from '../testing/manual-clock.js';

const ACME = OrgId('acme');
const mia: Actor = { userId: UserId('mia'), orgId: ACME, kind: 'user', permissions: ALL_PERMISSIONS };

const readAll = async (events: AsyncIterable<RecordedEvent>): Promise<RecordedEvent[]> => {
  const all: RecordedEvent[] = [];
  for await (const event of events) all.push(event);
  return all;
};

describe('ratings of schema version 1', () => {
  const folders: string[] = [];
  const opened: { leadline: Leadline; store: EventStore }[] = [];
  afterEach(async () => {
    for (const { leadline, store } of opened.splice(0)) {
      await leadline.close();
      await store.dispose().catch(() => undefined);
    }
    for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true });
  });

  const openOn = async (file: string) => {
    const store = openSqliteEventStore({ file, durability: 'normal' });
    const leadline = createLeadline({
      store,
      readModels: openSqliteReadModelStore({ file: ':memory:' }),
      clock: createManualClock(),
      disposeStores: false,
    });
    opened.push({ leadline, store });
    return { leadline, store };
  };

  /** The shape the code before hot / warm / cold wrote: LeadCreated v1 with `rating` a number. */
  const storeOldLead = async (
    store: EventStore,
    template: RecordedEvent,
    leadId: string,
    name: string,
    score: number,
  ) => {
    const data = {
      ...(template.data as Record<string, unknown>),
      leadId,
      name,
      email: `${leadId}@example.com`,
      rating: score,
    };
    await store.append(leadStream(LeadId(leadId)), [
      { type: 'LeadCreated', data, metadata: { ...template.metadata, schemaVersion: 1 } },
    ]);
  };

  it('maps 5, 4 to hot, 3 to warm, 2, 1 to cold, and nothing else to a rating', () => {
    expect([5, 4, 3, 2, 1].map(ratingOfScore)).toEqual(['hot', 'hot', 'warm', 'cold', 'cold']);
    expect([0, 6, 2.5, '5', null].map(ratingOfScore)).toEqual([null, null, null, null, null]);
  });

  it('reads, folds, projects, sorts and updates old-shaped events stored in SQLite', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'leadline-rating-'));
    folders.push(folder);
    const file = join(folder, 'events.db');
    const { leadline, store } = await openOn(file);
    await leadline.organisations.create({ name: 'Acme' }, { actor: mia });
    const fresh = await leadline.leads.create(
      { fields: { name: 'New Hot', email: 'new@example.com', source: 'Website', rating: 'hot' } },
      { actor: mia },
    );
    const [template] = await readAll(store.readStream(leadStream(fresh.leadId)));
    if (template === undefined) throw new Error('the new lead has no LeadCreated');
    await storeOldLead(store, template, 'old-five', 'Old Five', 5);
    await storeOldLead(store, template, 'old-three', 'Old Three', 3);
    await storeOldLead(store, template, 'old-one', 'Old One', 1);
    const oldUpdate = {
      type: 'LeadDetailsUpdated',
      data: { leadId: 'old-three', changes: { rating: 2 }, customFields: {} },
      metadata: { ...template.metadata, schemaVersion: 1 },
    };
    await store.append(leadStream(LeadId('old-three')), [oldUpdate]);

    // What is stored stays as it was written: only reads are upcast.
    const stored = await readAll(store.readStream(leadStream(LeadId('old-five'))));
    expect(stored[0]?.data).toMatchObject({ rating: 5 });
    expect(stored[0]?.metadata.schemaVersion).toBe(1);
    const read = await readAll(leadline.store.readStream(leadStream(LeadId('old-three'))));
    expect(read.map((event) => [event.metadata.schemaVersion, event.data])).toEqual([
      [2, expect.objectContaining({ rating: 'warm' })],
      [2, expect.objectContaining({ changes: { rating: 'cold' } })],
    ]);

    await leadline.workers.start();
    await leadline.workers.settled();
    expect((await leadline.leads.get({ viewer: mia, leadId: LeadId('old-five') }))?.rating).toBe('hot');
    expect((await leadline.leads.get({ viewer: mia, leadId: LeadId('old-three') }))?.rating).toBe('cold');
    const byRating = await leadline.leads.list({
      viewer: mia,
      adHoc: {
        columns: ['name', 'rating'],
        sort: [
          { field: 'rating', direction: 'desc' },
          { field: 'name', direction: 'asc' },
        ],
      },
    });
    expect(byRating.items.map((item) => item.values)).toEqual([
      { name: 'New Hot', rating: 'hot' },
      { name: 'Old Five', rating: 'hot' },
      { name: 'Old One', rating: 'cold' },
      { name: 'Old Three', rating: 'cold' },
    ]);

    // The decider folds the old history: setting the rating it already has decides nothing.
    const same = await leadline.leads.update({ leadId: LeadId('old-five'), fields: { rating: 'hot' } }, { actor: mia });
    expect(same.events).toEqual([]);
    const warmer = await leadline.leads.update(
      { leadId: LeadId('old-one'), fields: { rating: 'warm' } },
      { actor: mia },
    );
    expect(warmer.events[0]?.data).toMatchObject({ changes: { rating: 'warm' } });
    await leadline.workers.settled();

    // Reopened on the same file (read models rebuilt from the events), the rows are the same.
    const again = await openOn(file);
    await again.leadline.workers.start();
    await again.leadline.workers.settled();
    const rebuilt = await again.leadline.leads.list({
      viewer: mia,
      adHoc: { columns: ['name', 'rating'], sort: [{ field: 'name', direction: 'asc' }] },
    });
    expect(rebuilt.items.map((item) => item.values)).toEqual([
      { name: 'New Hot', rating: 'hot' },
      { name: 'Old Five', rating: 'hot' },
      { name: 'Old One', rating: 'warm' },
      { name: 'Old Three', rating: 'cold' },
    ]);
  });
});
