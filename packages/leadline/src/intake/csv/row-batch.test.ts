// Batched import: batch boundaries, a bad row inside a batch, and a concurrent create of the same contact
// between a batch's check and its write, on every store with a multi-stream write.
import { expect, it } from '@jest/globals';
import { leadStream, type LeadCreated } from '@leadline/domain';
import type { EventStore, StreamAppend } from '@leadline/eventstore';
import { acting, allEvents, openWithOrganisation } from '../test-support/setup.js';
import { describeOnStores } from '../test-support/stores.js';
import type { ImportReport } from './import-csv.js';

const leadsCreated = async (store: EventStore): Promise<{ data: LeadCreated['data']; row: unknown }[]> =>
  (await allEvents(store))
    .filter((event) => event.type === 'LeadCreated')
    .map((event) => ({
      data: event.data as LeadCreated['data'],
      row: (event.metadata.import as { row?: unknown } | undefined)?.row,
    }));

const duplicatesOf = (report: ImportReport) =>
  report.duplicates.map((duplicate) => [duplicate.row, duplicate.action, duplicate.candidates]);

/** The store, counting multi-stream writes and the lead streams written one by one. */
function counting(store: EventStore): {
  store: EventStore;
  batches: StreamAppend[][];
  singleLeadAppends: () => number;
} {
  const batches: StreamAppend[][] = [];
  let single = 0;
  return {
    batches,
    singleLeadAppends: () => single,
    store: {
      ...store,
      append: (streamName, events, options) => {
        if (streamName.startsWith('lead-')) single += 1;
        return store.append(streamName, events, options);
      },
      appendToStreams: (appends) => {
        batches.push([...appends]);
        return store.appendToStreams(appends);
      },
    },
  };
}

// Rows 2–7 (the header is row 1); batches of two: [2, 3], [4, 5], [6, 7].
const TEXT = [
  'Name,Email,Phone',
  'Ada,ada@example.com,',
  'Bob,bob@example.com,+44 7700 900001',
  'Ada again,ADA@example.com,', // a duplicate of row 2, in an earlier batch
  'Cy,cy@example.com,',
  'Dee,dee@example.com,',
  'Dee again,dee@example.com,', // a duplicate of row 6, in the same batch
].join('\n');

describeOnStores('CSV import in batches', ['memory', 'sqlite', 'postgres'], (open) => {
  it('writes each batch in one write and finds duplicates of rows in earlier batches and in the same batch', async () => {
    const counted = counting(await open());
    const { leadline, store } = await openWithOrganisation(counted.store);
    const report = await leadline.intake.importCsv({ text: TEXT }, { acting: acting(), batchSize: 2 });
    expect(report).toMatchObject({ rows: 6, created: 4, skipped: 2, failed: 0 });
    const created = await leadsCreated(store);
    const leadOfRow = (row: number) => leadStream(created.find((lead) => lead.row === row)!.data.leadId);
    expect(duplicatesOf(report)).toEqual([
      [4, 'skipped', [leadOfRow(2).slice('lead-'.length)]],
      [7, 'skipped', [leadOfRow(6).slice('lead-'.length)]],
    ]);
    // Rows 2 and 3, then 5 (4 matched row 2), then 6 (7 matched it): three writes, no lead written alone.
    expect(counted.batches.map((parts) => parts.filter((part) => part.streamName.startsWith('lead-')).length)).toEqual([
      2, 1, 1,
    ]);
    expect(counted.singleLeadAppends()).toBe(0);
  });

  it('keeps or merges a duplicate of a row of the same batch as an unbatched import does', async () => {
    const keepSetup = await openWithOrganisation(await open());
    const keep = await keepSetup.leadline.intake.importCsv(
      { text: TEXT },
      { acting: acting(), batchSize: 2, duplicates: 'keep' },
    );
    expect(keep).toMatchObject({ created: 4, kept: 2 });
    expect(duplicatesOf(keep).map(([row, action]) => [row, action])).toEqual([
      [4, 'kept'],
      [7, 'kept'],
    ]);
    const mergeSetup = await openWithOrganisation(await open());
    const merge = await mergeSetup.leadline.intake.importCsv(
      { text: TEXT },
      { acting: acting(), batchSize: 500, duplicates: 'merge' },
    );
    expect(merge).toMatchObject({ created: 4, merged: 2 });
    const survivors = (await allEvents(mergeSetup.store))
      .filter((event) => event.type === 'LeadMerged' && (event.data as { side: string }).side === 'survivor')
      .map((event) => (event.metadata.import as { row: number }).row);
    // Rows 4 and 7 share no contact, so they are worked at once: either may merge first.
    expect(survivors.sort()).toEqual([4, 7]);
  });

  it('refuses a bad row in the middle of a batch: nothing of it is written, the rest of the batch is', async () => {
    const counted = counting(await open());
    const { leadline, store } = await openWithOrganisation(counted.store);
    const text = ['Name,Email', 'Ann,ann@example.com', 'Bad,bad@@example', 'Cat,cat@example.com'].join('\n');
    const report = await leadline.intake.importCsv({ text }, { acting: acting(), batchSize: 3 });
    expect(report).toMatchObject({ created: 2, failed: 1 });
    expect(report.errors.map(({ row, field, rule }) => [row, field, rule])).toEqual([[3, 'email', 'email-format']]);
    const rowsWritten = (await allEvents(store))
      .map((event) => (event.metadata.import as { row?: number } | undefined)?.row)
      .filter((row) => row !== undefined);
    expect(new Set(rowsWritten)).toEqual(new Set([2, 4]));
    expect(counted.batches).toHaveLength(1);
  });

  it('catches a lead created elsewhere with the same email between the batch’s check and its write', async () => {
    const inner = await open();
    const other = await openWithOrganisation(inner);
    let interfered = false;
    const racing: EventStore = {
      ...inner,
      // Another process creates a lead with row 3's email right after the batch looked at its streams.
      streamRevisions: async (streamNames) => {
        const revisions = await inner.streamRevisions(streamNames);
        if (!interfered) {
          interfered = true;
          await other.leadline.leads.create({ fields: { name: 'Elsewhere', email: 'bea@example.com' } }, acting());
        }
        return revisions;
      },
    };
    const { leadline } = await openWithOrganisation(racing);
    const text = ['Name,Email', 'Ann,ann@example.com', 'Bea,bea@example.com', 'Cat,cat@example.com'].join('\n');
    const report = await leadline.intake.importCsv({ text }, { acting: acting() });
    expect(interfered).toBe(true);
    expect(report).toMatchObject({ created: 2, skipped: 1 });
    const created = await leadsCreated(inner);
    const bea = created.filter((lead) => lead.data.email === 'bea@example.com');
    expect(bea.map((lead) => lead.data.name)).toEqual(['Elsewhere']);
    expect(duplicatesOf(report)).toEqual([[3, 'skipped', [bea[0]!.data.leadId]]]);
  });
});
